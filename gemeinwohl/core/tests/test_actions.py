"""``page_update``: only administrators change the text pages, and only with valid texts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gemeinwohl.core.actions import page_update
from gemeinwohl.core.models import Page

pytestmark = pytest.mark.django_db

NOT_ADMIN = ["anonymous", "registered", "bezirksamt", "team_external", "team_internal"]


def test_admin_updates_a_page(users):
    page = Page.objects.get(slug="datenschutz")

    page_update(page=page, by=users["admin"], title="Datenschutz", body="Neu", title_en="Privacy", body_en="New")

    page.refresh_from_db()
    assert (page.title, page.body, page.title_en, page.body_en) == ("Datenschutz", "Neu", "Privacy", "New")


@pytest.mark.parametrize("role", [*NOT_ADMIN, None])
def test_nobody_else_updates_a_page(users, role):
    # given the Datenschutz page and someone who is not an administrator (None: no one at all)
    page = Page.objects.get(slug="datenschutz")
    before = page.body

    # when they try to replace its text
    with pytest.raises(PermissionDenied):
        page_update(page=page, by=users[role] if role else None, title="Gehackt", body="Gehackt")

    # then it is unchanged
    page.refresh_from_db()
    assert (page.title, page.body) == ("Datenschutz", before)


def test_page_needs_title_and_text(users):
    page = Page.objects.get(slug="impressum")

    with pytest.raises(ValidationError) as error:
        page_update(page=page, by=users["admin"], title="", body="")

    assert set(error.value.message_dict) == {"title", "body"}
    page.refresh_from_db()
    assert page.title == "Impressum"
