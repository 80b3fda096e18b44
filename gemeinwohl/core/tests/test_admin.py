"""The text pages in Django's admin site: editable by administrators through the same action, never added or deleted."""

import pytest

from gemeinwohl.core.models import Page

pytestmark = pytest.mark.django_db


def change_url(page: Page) -> str:
    return f"/admin/core/page/{page.pk}/change/"


def test_admin_edits_a_page_in_the_admin_site(client_as):
    # given the Datenschutz page
    page = Page.objects.get(slug="datenschutz")

    # when an administrator saves new texts in the admin site
    response = client_as("admin").post(
        change_url(page),
        {"slug": "datenschutz", "title": "Datenschutzerklärung", "body": "Neu", "title_en": "Privacy", "body_en": ""},
    )

    # then they are saved
    assert response.status_code == 302
    page.refresh_from_db()
    assert (page.title, page.body, page.title_en) == ("Datenschutzerklärung", "Neu", "Privacy")


def test_page_address_cannot_be_changed_in_the_admin_site(client_as):
    # given the Impressum, linked from every page's footer
    page = Page.objects.get(slug="impressum")
    client = client_as("admin")

    # when the admin form is sent with another address
    client.post(
        change_url(page), {"slug": "anders", "title": "Impressum", "body": "Text", "title_en": "", "body_en": ""}
    )

    # then the page keeps its address, and the form does not offer to change it
    page.refresh_from_db()
    assert page.slug == "impressum"
    assert 'name="slug"' not in client.get(change_url(page)).content.decode()


def test_pages_are_neither_added_nor_deleted_in_the_admin_site(client_as):
    client = client_as("admin")
    page = Page.objects.get(slug="impressum")

    assert client.get("/admin/core/page/add/").status_code == 403
    assert client.post(f"/admin/core/page/{page.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Page.objects.filter(slug="impressum").exists()


@pytest.mark.parametrize("role", ["registered", "bezirksamt", "team_external", "team_internal"])
def test_others_cannot_edit_pages_in_the_admin_site(client_as, role):
    page = Page.objects.get(slug="impressum")

    response = client_as(role).post(change_url(page), {"slug": "impressum", "title": "X", "body": "X"})

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    page.refresh_from_db()
    assert page.title == "Impressum"
