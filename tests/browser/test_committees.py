"""A meeting from planning to approved minutes, in a real browser, and what each reader then sees."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from gemeinwohl.committees.models import Meeting
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def meeting_day() -> str:
    return (timezone.localdate() + datetime.timedelta(days=10)).isoformat()


def test_a_team_member_runs_a_meeting_from_agenda_to_approved_minutes(page, demo, mailoutbox, tmp_path):
    log_in(page, "intern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Gremien").click()
    assert_accessible(page)
    page.get_by_role("link", name="Steuerungsrunde").click()
    assert_accessible(page)

    # Plan the meeting.
    page.get_by_role("link", name="Sitzung planen").click()
    page.get_by_label("Titel").fill("Sondersitzung Vorkaufsrecht")
    page.get_by_label("Beginn").fill(f"{meeting_day()}T17:00")
    page.get_by_label("Ende").fill(f"{meeting_day()}T19:00")
    page.get_by_label("Raum").fill("Rathaus Kreuzberg, Raum 2.13")
    page.get_by_label("Sichtbarkeit").select_option(label="öffentlich")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sondersitzung Vorkaufsrecht")
    meeting = Meeting.objects.get(title="Sondersitzung Vorkaufsrecht")

    # Build the agenda: a public point and a point for members only.
    page.get_by_role("link", name="Punkt hinzufügen").click()
    page.get_by_label("Titel").fill("Bericht aus dem Bezirksamt")
    page.get_by_label("Sichtbarkeit").select_option(label="öffentlich")
    page.get_by_role("button", name="Speichern und nächsten Punkt anlegen").click()
    page.get_by_label("Titel").fill("Verhandlungsstand Hausprojekt")
    page.get_by_label("Sichtbarkeit").select_option(label="Mitglieder")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern", exact=True).click()
    agenda = page.get_by_role("region", name="Tagesordnung")
    expect(agenda).to_contain_text("TOP 1 Bericht aus dem Bezirksamt")
    expect(agenda).to_contain_text("TOP 2 Verhandlungsstand Hausprojekt")

    # Attach a document, then try a disguised one.
    document = tmp_path / "bericht.pdf"
    document.write_bytes(PDF)
    page.get_by_role("link", name="Dokument anhängen").click()
    page.get_by_label("Datei").set_input_files(str(document))
    page.get_by_label("Titel").fill("Bericht als PDF")
    page.get_by_label("Sichtbarkeit").select_option(label="öffentlich")
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("link", name="Bericht als PDF")).to_be_visible()
    fake = tmp_path / "tarnung.pdf"
    fake.write_text("<html><script>alert(1)</script></html>")
    page.get_by_role("link", name="Dokument anhängen").click()
    page.get_by_label("Datei").set_input_files(str(fake))
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("alert")).to_contain_text("Dieser Dateityp ist nicht erlaubt")
    assert_accessible(page)
    page.get_by_role("link", name="Abbrechen").click()

    # Invite: every member gets a mail with the agenda they may see and an .ics.
    mailoutbox.clear()
    page.get_by_role("button", name="Mitglieder einladen").click()
    expect(page.get_by_role("status")).to_contain_text("Einladungen an")
    assert mailoutbox, "no invitation mail"
    invitation = next(m for m in mailoutbox if "initiative@gemeinwohl.example" in m.to)
    (ics,) = [a for a in invitation.attachments if not isinstance(a, tuple) and a.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(ics.get_payload(decode=True))
    event = next(iter(calendar.walk("VEVENT")))
    assert calendar["METHOD"] == "REQUEST"
    assert str(event["SUMMARY"]).startswith("Sondersitzung Vorkaufsrecht")
    assert event.decoded("DTSTART").astimezone(timezone.get_current_timezone()).hour == 17
    assert "Verhandlungsstand Hausprojekt" in invitation.body  # Kim Nowak is a member

    # After the meeting: attendance, minutes, a decision, a task; approve; download the PDF.
    Meeting.objects.filter(pk=meeting.pk).update(
        start=timezone.now() - datetime.timedelta(hours=3), end=timezone.now() - datetime.timedelta(hours=1)
    )
    page.reload()
    page.get_by_role("button", name="Als durchgeführt vermerken").click()
    page.get_by_role("link", name="Anwesenheit erfassen").click()
    page.get_by_role("group", name="Kim Nowak").get_by_label("anwesend").check()
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("region", name="Anwesenheit")).to_contain_text("Kim Nowak – anwesend")

    page.get_by_role("link", name="Protokoll schreiben").click()
    first = page.locator(f"#top-{meeting.agenda_items.order_by('position').first().pk}")
    first.get_by_label("Protokoll").fill("Das Bezirksamt berichtet über zwei Vorkaufsfälle.")
    first.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("wurde gespeichert")
    assert_accessible(page)
    page.get_by_role("link", name="Zurück zur Sitzung").click()

    page.get_by_role("link", name=re.compile("^Beschluss")).first.click()
    page.get_by_label("Beschlusstext").fill("Die Steuerungsrunde unterstützt die Prüfung des Vorkaufsrechts.")
    page.get_by_label("Ergebnis").select_option(label="angenommen")
    page.get_by_label("Ja-Stimmen").fill("9")
    page.get_by_label("Nein-Stimmen").fill("0")
    page.get_by_label("Enthaltungen").fill("1")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_contain_text("Beschluss SR-")

    page.get_by_role("link", name="Aufgabe notieren").click()
    page.get_by_label("Aufgabe").fill("Stellungnahme an den Stadtrat schicken")
    page.get_by_label("zuständig").select_option(label="Kim Nowak")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("region", name="Aufgaben aus dieser Sitzung")).to_contain_text(
        "Stellungnahme an den Stadtrat schicken"
    )
    assert_accessible(page)

    page.get_by_role("button", name="Protokoll genehmigen").click()
    expect(page.get_by_role("region", name="Protokoll", exact=True)).to_contain_text("Genehmigt am")
    with page.expect_download() as download:
        page.get_by_role("link", name="Protokoll als PDF").click()
    pdf_path = download.value.path()
    assert pdf_path.read_bytes()[:5] == b"%PDF-"
    assert download.value.suggested_filename.startswith("protokoll-steuerungsrunde-")

    # A member sees the members' point and their task; the public only the public parts.
    page.get_by_role("button", name="Abmelden").click()
    page.goto(meeting.get_absolute_url())
    expect(page.get_by_role("region", name="Tagesordnung")).to_contain_text("Bericht aus dem Bezirksamt")
    expect(page.get_by_role("region", name="Tagesordnung")).not_to_contain_text("Verhandlungsstand Hausprojekt")
    expect(page.locator("main")).not_to_contain_text("Kim Nowak")
    assert_accessible(page)
    log_in(page, "initiative@gemeinwohl.example", settings.DEMO_PASSWORD)
    expect(page.locator("[data-panel=committees_tasks]")).to_contain_text("Stellungnahme an den Stadtrat schicken")
    page.goto(meeting.get_absolute_url())
    expect(page.get_by_role("region", name="Tagesordnung")).to_contain_text("Verhandlungsstand Hausprojekt")
    expect(page.get_by_role("region", name="Anwesenheit")).to_contain_text("Kim Nowak – anwesend")


@pytest.mark.parametrize(
    ("email", "sees"),
    [
        ("extern@gemeinwohl.example", False),
        ("initiative@gemeinwohl.example", False),
        ("bezirksamt@gemeinwohl.example", True),
        ("intern@gemeinwohl.example", True),
    ],
)
def test_the_regelrunde_exists_only_for_administration_internal_readers(page, demo, email, sees):
    meeting = Meeting.objects.filter(committee__slug="regelrunde").first()
    log_in(page, email, settings.DEMO_PASSWORD)
    page.goto("/gremien/")
    if sees:
        expect(page.get_by_role("link", name=re.compile("Regelrunde"))).to_be_visible()
    else:
        expect(page.get_by_role("link", name=re.compile("Regelrunde"))).to_have_count(0)
    page.goto(meeting.get_absolute_url())
    heading = page.get_by_role("heading", level=1)
    if sees:
        expect(heading).not_to_have_text("Seite nicht gefunden")
    else:
        expect(heading).to_have_text("Seite nicht gefunden")
    assert_accessible(page)
