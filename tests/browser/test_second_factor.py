"""Two-factor login in the browser: a new team member sets it up at the first login and uses it at the next."""

import base64
import re

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import TEST_PASSWORD, UserFactory
from tests.browser.conftest import assert_accessible, enter_second_factor

pytestmark = pytest.mark.browser

EMAIL = "neu.im.team@test.example"


@pytest.fixture
def newcomer(django_db_serialized_rollback, transactional_db):
    return UserFactory(role=Role.TEAM_EXTERNAL, email=EMAIL, name="Nele Neu")


def submit_login(page) -> None:
    page.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(EMAIL)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").last.click()


def test_a_team_member_sets_up_the_second_factor_and_logs_in_with_it(page, newcomer):
    # At the first login the page asks to set up the second factor, with a QR code and the secret as text.
    submit_login(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Anmeldung einrichten")
    expect(page.get_by_role("img", name="QR-Code zum Einrichten der Authenticator-App")).to_be_visible()
    assert_accessible(page)
    # Everything else stays closed until then.
    page.goto("/adressbuch/personen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zwei-Faktor-Anmeldung einrichten")

    # The app computes its code from the secret shown; a wrong code first.
    secret = page.locator("#secret").inner_text().replace(" ", "")
    page.get_by_label("Bestätigungscode").fill("000000")
    page.get_by_role("button", name="Einrichten", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Der Code stimmt nicht")
    assert_accessible(page)
    page.wait_for_timeout(1100)  # a wrong code makes the next try wait a second
    page.get_by_label("Bestätigungscode").fill(f"{TOTP(base64.b32decode(secret)).token():06d}")
    page.get_by_role("button", name="Einrichten", exact=True).click()

    # The recovery codes, once, with a download; then on to the page asked for.
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihre Wiederherstellungscodes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Als Textdatei herunterladen").click()
    assert download.value.suggested_filename == "wiederherstellungscodes.txt"
    page.get_by_role("link", name="Ich habe die Codes gesichert – weiter").click()
    expect(page).to_have_url(re.compile("/adressbuch/personen/$"))

    # The profile says since when.
    page.goto("/konto/profil/")
    expect(page.get_by_role("region", name="Zwei-Faktor-Anmeldung")).to_contain_text("Eingeschaltet seit")
    assert_accessible(page)

    # Log out, log in again: now the page asks for the code.
    page.get_by_role("button", name="Abmelden").click()
    submit_login(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestätigungscode")
    assert_accessible(page)
    enter_second_factor(page, EMAIL)
    expect(page).to_have_url(re.compile("/uebersicht/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Übersicht")
