"""Two visitors and the last seat: one registers, one waits, the first cancels through the mailed link, the second moves up."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from icalendar import Calendar
from playwright.sync_api import expect

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.events.models import Provision, Registration, RegistrationStatus
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser]

TITLE = "Werkstattgespräch Bodenfonds"


def private_path_from_mail(address: str, subject_start: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [address] and m.subject.startswith(subject_start))
    # The mail's link points at SITE_URL; the test server runs elsewhere, so keep the path.
    return re.search(r"/veranstaltungen/anmeldung/[^/\s]+/", message.body).group(0)


def register(page, *, name: str, email: str) -> None:
    page.get_by_label("Name").fill(name)
    page.get_by_label("E-Mail-Adresse").fill(email)


@pytest.fixture
def event(django_db_serialized_rollback, transactional_db):
    # Serialized rollback, as the demo fixture does: the formats and pages the migrations made are back after each test.
    cache.clear()
    team = UserFactory(role=Role.TEAM_INTERNAL, name="Jana Brandt")
    event = EventFactory(
        title=TITLE,
        summary="Wie ein Bodenfonds Flächen für gemeinwohlorientierte Projekte sichert.",
        description="Mit Beiträgen aus **Praxis** und Verwaltung.",
        start=in_days(10),
        capacity=3,
        step_free=Provision.YES,
        sign_language=Provision.ON_REQUEST,
        by=team,
    )
    # Two of the three places are taken already: one seat is left.
    RegistrationFactory(event=event, email="eins@example.org")
    RegistrationFactory(event=event, email="zwei@example.org")
    mail.outbox.clear()
    return event


def test_the_last_seat_the_waitlist_and_moving_up(page, new_context, event):
    # A visitor finds the event in the calendar and the month view.
    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Veranstaltungen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungen")
    expect(page.locator(f"[data-event='{event.pk}']")).to_contain_text("Noch 1 Platz frei.")
    assert_accessible(page)
    page.get_by_role("link", name="Monatsansicht").click()
    expect(page.get_by_role("table")).to_be_visible()
    assert_accessible(page)
    page.goto("/veranstaltungen/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("[data-accessibility]")).to_contain_text("Der Ort ist stufenlos zugänglich.")
    assert_accessible(page)

    # She registers for the last seat; a wrong address first gives a German message and changes nothing.
    page.get_by_role("link", name="Jetzt anmelden").first.click()
    assert_accessible(page)
    register(page, name="Alex Beispiel", email="alex(at)example.org")
    page.get_by_role("button", name="Anmelden").last.click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie eine gültige E-Mail-Adresse an")
    assert event.registrations.count() == 2
    assert_accessible(page)
    page.get_by_label("E-Mail-Adresse").fill("alex@example.org")
    page.get_by_label("Ich bin einverstanden, dass Fotos").check()
    page.get_by_role("button", name="Anmelden").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ihr Platz ist bestätigt")
    assert_accessible(page)
    alex = Registration.objects.get(email="alex@example.org")
    assert alex.status == RegistrationStatus.CONFIRMED and alex.photo_consent

    # A second visitor, in another browser, lands on the waitlist.
    other = new_context()
    second = other.new_page()
    second.goto(f"/veranstaltungen/{event.pk}/")
    expect(second.locator("[data-registration-state]")).to_contain_text("Alle Plätze sind vergeben")
    second.get_by_role("link", name="Auf die Warteliste").first.click()
    register(second, name="Sam Weber", email="sam@example.org")
    second.get_by_role("button", name="Auf die Warteliste").click()
    expect(second.get_by_role("heading", level=1)).to_have_text("Sie stehen auf der Warteliste")
    expect(second.locator("[data-position]")).to_have_text("Nummer 1")
    sam_link = private_path_from_mail("sam@example.org", "Auf der Warteliste")

    # The first cancels through the link in her mail, after being asked.
    alex_link = private_path_from_mail("alex@example.org", "Anmeldung bestätigt")
    page.goto(alex_link)
    expect(page.locator("[data-registration-status]")).to_have_text("angemeldet")
    assert_accessible(page)
    page.get_by_role("button", name="Abmelden …").click()
    expect(page.get_by_text("Möchten Sie sich wirklich abmelden?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, abmelden").click()
    expect(page.locator("[data-registration-status]")).to_have_text("abgemeldet")
    assert_accessible(page)

    # The second moves up and gets a mail with the calendar entry.
    moved_up = next(
        m for m in mail.outbox if m.to == ["sam@example.org"] and m.subject.startswith("Sie haben einen Platz")
    )
    assert TITLE in moved_up.subject
    assert any(getattr(a, "get_content_type", lambda: "")() == "text/calendar" for a in moved_up.attachments)
    second.goto(sam_link)
    expect(second.locator("[data-registration-status]")).to_have_text("angemeldet")
    assert_accessible(second)

    # The feed and the event's .ics read as calendars.
    feed = Calendar.from_ical(second.request.get("/veranstaltungen/kalender.ics").body())
    assert TITLE in [str(entry["SUMMARY"]) for entry in feed.walk("VEVENT")]
    download = Calendar.from_ical(second.request.get(f"/veranstaltungen/{event.pk}/termin.ics").body())
    (entry,) = download.walk("VEVENT")
    assert str(entry["SUMMARY"]) == TITLE
    own = Calendar.from_ical(second.request.get(f"{sam_link}termin.ics").body())
    assert own.walk("VEVENT")[0]["UID"] == entry["UID"]
    other.close()
