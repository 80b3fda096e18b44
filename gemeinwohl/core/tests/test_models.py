"""The text pages: the ones every installation starts with, and which language a reader gets."""

import pytest
from django.utils import translation

from gemeinwohl.core.models import Page

pytestmark = pytest.mark.django_db


def test_every_installation_starts_with_the_fixed_pages():
    assert set(Page.objects.values_list("slug", flat=True)) == {"start", "impressum", "datenschutz", "barrierefreiheit"}
    assert Page.objects.get(slug="impressum").get_absolute_url() == "/seiten/impressum/"
    assert str(Page.objects.get(slug="datenschutz")) == "Datenschutz"


@pytest.mark.parametrize(
    ("language", "title_en", "body_en", "expected"),
    [
        ("de", "Legal notice", "Provider", ("Impressum", "Anbieter", "de")),
        ("en", "Legal notice", "Provider", ("Legal notice", "Provider", "en")),
        ("en", "", "Provider", ("Impressum", "Provider", "en")),
        ("en", "Legal notice", "", ("Impressum", "Anbieter", "de")),
        ("en", "Legal notice", "  \n", ("Impressum", "Anbieter", "de")),
    ],
)
def test_reader_gets_their_language_or_german(language, title_en, body_en, expected):
    page = Page(slug="x", title="Impressum", body="Anbieter", title_en=title_en, body_en=body_en)

    with translation.override(language):
        assert tuple(page.localized()) == expected
