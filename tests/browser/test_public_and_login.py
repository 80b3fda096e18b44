"""What the public and each demo account see in a real browser."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]

TEAM_NAVIGATION = [
    "Start",
    "Übersicht",
    "Gremien",
    "Veranstaltungen",
    "Veranstaltungsplanung",
    "Orte",
    "Bodenpolitik",
    "Beratung",
    "Beratungsfälle",
    "Adressbuch",
]

# README accounts: role -> (e-mail, entries of the main navigation)
DEMO_ACCOUNTS = {
    "Administration": ("admin@gemeinwohl.example", TEAM_NAVIGATION),
    "AKS-Team, verwaltungsintern": ("intern@gemeinwohl.example", TEAM_NAVIGATION),
    "AKS-Team, Trägerverein": ("extern@gemeinwohl.example", TEAM_NAVIGATION),
    "Bezirksamt": (
        "bezirksamt@gemeinwohl.example",
        ["Start", "Übersicht", "Gremien", "Veranstaltungen", "Orte", "Bodenpolitik", "Beratung", "Beratungsfälle"],
    ),
    "Registriert": (
        "initiative@gemeinwohl.example",
        ["Start", "Übersicht", "Gremien", "Veranstaltungen", "Orte", "Beratung"],
    ),
}


def navigation(page) -> list[str]:
    return page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link").all_inner_texts()


def test_the_public_home_page_explains_the_aks_in_german(page, demo):
    page.goto("/")
    expect(page).to_have_title(re.compile("Startseite"))
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("heading", level=1)).to_have_text("AKS Gemeinwohl")
    expect(page.get_by_text("Schnittstelle für Politik, Verwaltung und stadtpolitische Initiativen")).to_be_visible()
    assert navigation(page) == ["Start", "Gremien", "Veranstaltungen", "Orte", "Beratung"]
    expect(page.get_by_role("link", name="Anmelden").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Impressum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impressum")
    assert_accessible(page)
    page.get_by_role("link", name="Datenschutz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Datenschutz")
    assert_accessible(page)


def test_the_language_switch_turns_the_interface_english(page, demo):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()
    expect(
        page.get_by_text("links district politics, the district administration and urban initiatives")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Deutsch").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")


@pytest.mark.parametrize("role", DEMO_ACCOUNTS)
def test_each_demo_account_logs_in_and_sees_its_navigation(page, demo, role):
    email, expected_navigation = DEMO_ACCOUNTS[role]
    log_in(page, email, settings.DEMO_PASSWORD)

    expect(page).to_have_url(re.compile("/uebersicht/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
    assert navigation(page) == expected_navigation
    expect(page.get_by_role("region", name="Mein Profil")).to_contain_text(role)
    assert_accessible(page)

    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("link", name="Anmelden").first).to_be_visible()
    assert navigation(page) == ["Start", "Gremien", "Veranstaltungen", "Orte", "Beratung"]


def test_a_wrong_password_gets_one_neutral_message(page, demo):
    log_in(page, "extern@gemeinwohl.example", "falsch")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("E-Mail-Adresse oder Passwort sind nicht richtig")
    expect(alert).to_be_focused()
    assert_accessible(page)
    log_in(page, "niemand@gemeinwohl.example", "falsch")
    expect(page.get_by_role("alert")).to_contain_text("E-Mail-Adresse oder Passwort sind nicht richtig")


def test_a_forgotten_password_is_reset_by_e_mail(page, demo, mailoutbox):
    page.goto("/konto/anmelden/")
    page.get_by_role("link", name="Passwort vergessen?").click()
    assert_accessible(page)
    page.get_by_label("E-Mail").fill("extern@gemeinwohl.example")
    page.get_by_role("button", name="Link anfordern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-Mail unterwegs")

    link = re.search(r"http://\S+/konto/passwort-neu/\S+/", mailoutbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label(re.compile(r"^Neues Passwort:?$")).fill("ein-neues-langes-passwort")
    page.get_by_label("Neues Passwort bestätigen").fill("ein-neues-langes-passwort")
    page.get_by_role("button", name="Passwort speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort gespeichert")

    log_in(page, "extern@gemeinwohl.example", "ein-neues-langes-passwort")
    expect(page).to_have_url(re.compile("/uebersicht/$"))


def test_too_many_wrong_passwords_lock_the_login_with_a_german_explanation(page, demo):
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        log_in(page, "extern@gemeinwohl.example", "falsch")

    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung vorübergehend gesperrt")
    expect(page.locator("main")).to_contain_text(f"für {settings.LOGIN_LOCKOUT_MINUTES} Minuten gesperrt")
    assert_accessible(page)

    # the right password is refused as well until the lock ends
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung vorübergehend gesperrt")
    expect(page.get_by_role("link", name="Anmelden").first).to_be_visible()
