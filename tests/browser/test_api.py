"""The API's browsable documentation and the API keys on the profile page, in a real browser."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]


def test_the_documentation_shows_the_operations_without_leaving_the_server(page, demo):
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/api/v1/docs")

    expect(page.get_by_role("heading", name="Gemeinwohl API")).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/meetings/{id}").first).to_be_visible()
    expect(page.get_by_text("Gremien", exact=True).first).to_be_visible()
    expect(page.get_by_text("Adressbuch", exact=True).first).to_be_visible()
    assert any(url.endswith("/api/v1/openapi.json") for url in requested)
    assert all(url.startswith(page.url.split("/api/")[0]) for url in requested), requested
    assert_accessible(page)

    page.locator(".opblock-summary-path", has_text="/api/v1/committees").first.click()
    expect(page.get_by_text("Die Gremien, die Sie sehen dürfen").first).to_be_visible()
    assert_accessible(page)


def test_a_member_makes_a_key_sees_it_once_and_revokes_it(page, demo):
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto("/konto/profil/")
    section = page.get_by_role("region", name="API-Schlüssel")
    expect(section).to_contain_text("Sie haben noch keinen API-Schlüssel.")
    assert_accessible(page)

    section.get_by_label("Bezeichnung").fill("Auswertung")
    section.get_by_role("button", name="Schlüssel anlegen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr neuer API-Schlüssel")
    secret = page.get_by_label("API-Schlüssel").input_value()
    assert secret.startswith("gw_") and len(secret) > 40
    assert_accessible(page)

    page.get_by_role("link", name="Zurück zum Profil").click()
    section = page.get_by_role("region", name="API-Schlüssel")
    row = section.get_by_role("row", name="Auswertung")
    expect(row).to_contain_text(secret[:11] + "…")
    expect(row).to_contain_text("noch nie")
    assert secret not in page.content()
    assert_accessible(page)

    row.get_by_role("button", name="Widerrufen").click()
    expect(page.get_by_role("status")).to_contain_text("Der API-Schlüssel „Auswertung“ wurde widerrufen.")
    expect(page.get_by_role("region", name="API-Schlüssel").get_by_role("row", name="Auswertung")).to_contain_text(
        "widerrufen am"
    )
    assert_accessible(page)


def test_an_empty_key_name_is_refused_with_a_message(page, demo):
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto("/konto/profil/")

    page.get_by_role("region", name="API-Schlüssel").get_by_role("button", name="Schlüssel anlegen").click()

    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(page.get_by_role("heading", level=1)).to_have_text("API-Schlüssel anlegen")
    assert_accessible(page)


def test_signed_in_the_documentation_tries_out_a_change_with_the_session(page, demo):
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto("/api/v1/docs")
    page.locator(".opblock-summary-path", has_text="/api/v1/meetings/{id}/tasks").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_placeholder("id").fill("999999")
    page.get_by_role("button", name="Execute").click()

    # The session and its CSRF token got through: the answer is the API's own 404, not 401 or a CSRF refusal.
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_contain_text("404")
