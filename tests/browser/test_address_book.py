"""The address book in a real browser: what the team does with it, what each role sees."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from gemeinwohl.directory.models import Person
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]


def results(page):
    return page.locator("#results")


def test_a_team_member_finds_creates_and_archives_a_person(page, demo):
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Adressbuch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adressbuch")
    assert_accessible(page)

    # Search as you type: the results update without a page load.
    page.get_by_role("searchbox", name="Suche").fill("Wolf")
    expect(results(page).get_by_role("row")).to_have_count(2)  # header and Greta Wolf
    expect(results(page)).to_contain_text("Wolf, Greta")
    expect(page).to_have_url(re.compile(r"q=Wolf"))
    results(page).get_by_role("link", name="Wolf, Greta").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Greta Wolf")
    expect(page.get_by_text("vorstand@kreuzberger-hoefe.example")).to_be_visible()
    assert_accessible(page)

    # A form submitted empty says what is missing and keeps nothing.
    page.goto("/adressbuch/personen/neu/")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(summary).to_be_focused()
    expect(page.get_by_label("Nachname")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    page.get_by_label("Vorname").fill("Rosa")
    page.get_by_label("Nachname").fill("Beispiel")
    contact = page.get_by_role("group", name="Kontaktangabe 1")
    contact.get_by_label("Art").select_option(label="E-Mail")
    contact.get_by_label("Angabe").fill("rosa.beispiel@initiative.example")
    affiliation = page.get_by_role("group", name="Beziehung 1")
    affiliation.get_by_label("Organisation").select_option(label="Kulturraum Markthalle Süd")
    affiliation.get_by_label("Funktion").fill("Sprecherin")
    page.get_by_role("button", name="Speichern").click()

    expect(page.get_by_role("status")).to_contain_text("„Rosa Beispiel“ wurde gespeichert.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa Beispiel")
    expect(page.get_by_role("link", name="Kulturraum Markthalle Süd")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Archivieren").click()
    expect(page.get_by_role("status")).to_contain_text("wurde archiviert")
    assert Person.objects.get(family_name="Beispiel").is_archived


def test_the_external_team_never_sees_administration_internal_entries(page, demo):
    internal = Person.objects.get(family_name="Stolz")
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto("/adressbuch/personen/?q=Stolz")
    expect(results(page)).to_contain_text("Keine Einträge passen")
    page.goto("/adressbuch/organisationen/")
    expect(results(page)).not_to_contain_text("Spreeblick")
    page.goto(f"/adressbuch/personen/{internal.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
    assert_accessible(page)
    page.goto("/adressbuch/organisationen/?q=Samariterkiez")
    results(page).get_by_role("link", name="Hausverein Samariterkiez").click()
    expect(page.get_by_role("region", name="Notizen")).not_to_contain_text("Vorkaufsrechts")


def test_the_internal_team_sees_them(page, demo):
    log_in(page, "intern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto("/adressbuch/personen/?q=Stolz")
    expect(results(page)).to_contain_text("Stolz, Rainer")
    page.goto("/adressbuch/organisationen/?q=Samariterkiez")
    results(page).get_by_role("link", name="Hausverein Samariterkiez").click()
    expect(page.get_by_role("region", name="Notizen")).to_contain_text("Ausübung des Vorkaufsrechts")
    assert_accessible(page)


def test_the_import_page_reports_bad_rows(page, demo, tmp_path):
    bad = tmp_path / "organisationen.csv"
    bad.write_text("Name;Sektor\nNeue Initiative;Zivilgesellschaft\n;Politik\nDritte;Mond\n", encoding="utf-8")
    log_in(page, "intern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto("/adressbuch/import/")
    assert_accessible(page)
    page.get_by_label("Organisationen").check()
    page.get_by_label("CSV-Datei").set_input_files(str(bad))
    page.get_by_role("button", name="Datei prüfen und importieren").click()
    report = page.get_by_role("alert")
    expect(report).to_contain_text("Nichts importiert")
    expect(report.get_by_role("row")).to_have_count(3)  # header and two bad lines
    expect(report).to_contain_text("Der Name fehlt.")
    expect(report).to_contain_text("Mond")
    assert_accessible(page)


@pytest.mark.parametrize("email", ["bezirksamt@gemeinwohl.example", "initiative@gemeinwohl.example"])
def test_others_have_no_address_book(page, demo, email):
    log_in(page, email, settings.DEMO_PASSWORD)
    page.goto("/adressbuch/personen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kein Zugriff")
    assert_accessible(page)
