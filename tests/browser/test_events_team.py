"""The team plans an event with a question of its own, sees who registered and runs the door on the evening."""

import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from gemeinwohl.events import mails
from gemeinwohl.events.models import Event
from gemeinwohl.events.tests.factories import RegistrationFactory, in_days
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]


def field(label: str) -> re.Pattern:
    """A form field by its whole label (Django adds a colon)."""
    return re.compile(rf"^{re.escape(label)}:?$")


@pytest.fixture(autouse=True)
def no_mails(monkeypatch):
    """The registrants' mails are built elsewhere; here they only need not to fail after commit."""
    for name in ("send_registration_received", "send_moved_up", "send_event_changed"):
        monkeypatch.setattr(mails, name, lambda **kwargs: None)


def test_the_team_plans_an_event_and_runs_the_door(page, demo):
    today = timezone.localdate().isoformat()
    log_in(page, "intern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Veranstaltungsplanung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltungsplanung")
    assert_accessible(page)

    # Plan tonight's workshop with a question of its own.
    page.get_by_role("link", name="Veranstaltung anlegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veranstaltung anlegen")
    assert_accessible(page)
    page.get_by_label(field("Titel")).fill("Werkstatt Gemeinschaftsgärten")
    page.get_by_label(field("Format")).select_option(label="Workshop")
    page.get_by_label(field("Beginn")).fill(f"{today}T23:00")
    page.get_by_label(field("Ende")).fill(f"{today}T23:45")
    page.get_by_label(field("Ort")).fill("Prinzessinnengarten")
    page.get_by_label(field("stufenloser Zugang")).select_option(label="ja")
    page.get_by_label(field("Plätze")).fill("20")
    page.locator("[data-question='1']").get_by_label(field("Frage")).fill("Welchen Garten bringen Sie mit?")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldungen: Werkstatt Gemeinschaftsgärten")
    assert_accessible(page)
    event = Event.objects.get(title="Werkstatt Gemeinschaftsgärten")
    question = event.questions.get()
    assert question.label == "Welchen Garten bringen Sie mit?"

    # Someone registered (yesterday, through the public form).
    RegistrationFactory(
        event=event,
        name="Jule Gärtner",
        photo_consent=False,
        answers={question.pk: "Ton Steine Gärten"},
        now=in_days(-1),
    )
    page.reload()
    confirmed = page.locator("[data-registrations='angemeldet']")
    expect(confirmed).to_contain_text("Jule Gärtner")
    expect(confirmed).to_contain_text("Ton Steine Gärten")
    expect(confirmed.locator("[data-photo-consent]")).to_have_text("nein")
    assert_accessible(page)

    # The door, in the evening.
    page.get_by_role("navigation", name="Bereiche dieser Veranstaltung").get_by_role("link", name="Einlass").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Einlass: Werkstatt Gemeinschaftsgärten")
    expect(page.locator("[data-check-in-counts]")).to_have_text("0 von 1 anwesend")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^anwesend\W+Jule Gärtner$")).click()
    row = page.locator("[data-person]").filter(has_text="Jule Gärtner")
    expect(row.locator("[data-state]")).to_have_text("anwesend")
    expect(page.locator("[data-check-in-counts]")).to_have_text("1 von 1 anwesend")
    assert_accessible(page)
    assert event.registrations.get().attended is True

    # Done for the evening.
    page.get_by_role("button", name="Anwesenheit abschließen").click()
    expect(page.locator("[data-attendance-closed]")).to_contain_text("Die Anwesenheit wurde am")
    expect(page.get_by_role("status").first).to_contain_text("0 Personen gelten als nicht erschienen")
    assert_accessible(page)
    event.refresh_from_db()
    assert event.attendance_closed_at is not None
