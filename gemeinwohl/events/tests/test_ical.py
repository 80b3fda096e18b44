"""Events as calendar files, read back the way a calendar program reads them."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from icalendar import Calendar

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.events import actions, ical
from gemeinwohl.events.models import Event, EventFormat
from gemeinwohl.events.tests.factories import EventFactory, EventInputFactory, RegistrationFactory, in_days
from gemeinwohl.events.tokens import registration_for_token, registration_token

BERLIN = ZoneInfo("Europe/Berlin")
LINK = "https://gemeinwohl.example/veranstaltungen/7/"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://gemeinwohl.example"
    settings.DEFAULT_FROM_EMAIL = "AKS Gemeinwohl <aks@gemeinwohl.example>"
    cache.clear()


def an_event(**fields) -> Event:
    """An event as the database would hand it over (not saved: these files need no database)."""
    created = datetime.datetime(2026, 2, 1, 9, 0, tzinfo=datetime.UTC)
    values = {
        "pk": 7,
        "title": "Werkstattgespräch Bodenfonds",
        "event_format": EventFormat(name="Werkstattgespräch", name_en="Workshop talk", slug="werkstattgespraech"),
        "summary": "Wie ein Bodenfonds Flächen sichert.",
        "start": datetime.datetime(2026, 3, 3, 18, 0, tzinfo=BERLIN),
        "end": datetime.datetime(2026, 3, 3, 20, 0, tzinfo=BERLIN),
        "venue_name": "Rathaus Kreuzberg",
        "address": "Yorckstraße 4–11, 10965 Berlin",
        "created_at": created,
        "updated_at": created + datetime.timedelta(seconds=90),
    }
    return Event(**{**values, **fields})


def the_entry(content: bytes):
    calendar = Calendar.from_ical(content)
    (entry,) = calendar.walk("VEVENT")
    return calendar, entry


# --- the files themselves --------------------------------------------------------------------


def test_a_download_publishes_the_event_with_its_time_zone_place_and_link():
    calendar, entry = the_entry(ical.event_calendar(an_event(), method=ical.PUBLISH, link=LINK))

    assert calendar["METHOD"] == "PUBLISH"
    assert entry["UID"] == "event-7@gemeinwohl.example"
    assert entry["SUMMARY"] == "Werkstattgespräch Bodenfonds"
    assert entry["LOCATION"] == "Rathaus Kreuzberg, Yorckstraße 4–11, 10965 Berlin"
    assert entry["URL"] == LINK
    assert entry["STATUS"] == "CONFIRMED"
    assert entry["SEQUENCE"] == 90
    assert "Wie ein Bodenfonds Flächen sichert." in str(entry["DESCRIPTION"])
    assert entry.decoded("DTSTART") == datetime.datetime(2026, 3, 3, 18, 0, tzinfo=BERLIN)
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    assert b"DTSTART;TZID=Europe/Berlin:20260303T180000" in calendar.to_ical()
    assert "ATTENDEE" not in entry


def test_a_place_is_a_request_addressed_to_the_registrant_with_their_private_link():
    attendee = ical.Attendee(name="Kim Sommer", email="kim@example.org", partstat="ACCEPTED")
    note = ical.registration_note(private_url="https://gemeinwohl.example/veranstaltungen/anmeldung/abc/")

    calendar, entry = the_entry(
        ical.event_calendar(an_event(), method=ical.REQUEST, link=LINK, note=note, attendee=attendee)
    )

    assert calendar["METHOD"] == "REQUEST"
    assert str(entry["ORGANIZER"]) == "mailto:aks@gemeinwohl.example"
    assert str(entry["ATTENDEE"]) == "mailto:kim@example.org"
    assert entry["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert entry["ATTENDEE"].params["RSVP"] == "FALSE"
    assert "/veranstaltungen/anmeldung/abc/" in str(entry["DESCRIPTION"])


def test_a_cancellation_keeps_the_uid_and_raises_the_sequence():
    event = an_event()
    _calendar, placed = the_entry(ical.event_calendar(event, method=ical.REQUEST, link=LINK))
    event.is_cancelled = True
    event.updated_at += datetime.timedelta(minutes=5)

    calendar, entry = the_entry(ical.event_calendar(event, method=ical.CANCEL, link=LINK))

    assert calendar["METHOD"] == "CANCEL"
    assert entry["STATUS"] == "CANCELLED"
    assert entry["UID"] == placed["UID"]
    assert entry["SEQUENCE"] > placed["SEQUENCE"]


def test_a_feed_names_itself_and_marks_cancelled_events():
    called_off = an_event(pk=8, title="Abgesagter Spaziergang", is_cancelled=True)

    calendar = Calendar.from_ical(
        ical.feed_calendar([an_event(), called_off], name="Veranstaltungen", link_for=lambda e: LINK)
    )

    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Veranstaltungen"
    statuses = {str(entry["SUMMARY"]): entry["STATUS"] for entry in calendar.walk("VEVENT")}
    assert statuses == {"Werkstattgespräch Bodenfonds": "CONFIRMED", "Abgesagter Spaziergang": "CANCELLED"}


def test_an_empty_feed_is_still_a_calendar():
    calendar = Calendar.from_ical(ical.feed_calendar([], name="Leer", link_for=str))
    assert calendar.walk("VEVENT") == []


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError):
        ical.event_calendar(an_event(), method="REPLY", link=LINK)


# --- the views -------------------------------------------------------------------------------


def calendar_of(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_feed_holds_public_events_only_whoever_fetches_it(client_as, users):
    # given a public event, a cancelled public one, a team event and one long past
    team = users["team_internal"]
    EventFactory(title="Öffentliche Werkstatt", by=team)
    cancelled = EventFactory(title="Abgesagte Werkstatt", by=team)
    actions.event_cancel(event=cancelled, by=team)
    EventFactory(title="Teamklausur", visibility=Visibility.TEAM, by=team)
    EventFactory(title="Uralte Werkstatt", start=in_days(-400), by=team)

    # when the team fetches the feed while logged in
    response = client_as("team_internal").get("/veranstaltungen/kalender.ics")

    # then it holds the public events of the last year and the future, the cancelled one marked
    calendar = calendar_of(response)
    statuses = {str(entry["SUMMARY"]): entry["STATUS"] for entry in calendar.walk("VEVENT")}
    assert statuses == {"Öffentliche Werkstatt": "CONFIRMED", "Abgesagte Werkstatt": "CANCELLED"}
    assert "public" in response["Cache-Control"]
    anonymous = calendar_of(client_as("anonymous").get("/veranstaltungen/kalender.ics"))
    assert {str(entry["SUMMARY"]) for entry in anonymous.walk("VEVENT")} == set(statuses)


def test_the_kept_feed_follows_every_change_at_once(client_as, users, django_assert_max_num_queries):
    # given a feed that was fetched once, so that it is kept
    team = users["team_internal"]
    first = EventFactory(title="Werkstatt im Januar", by=team)
    client = client_as("anonymous")
    calendar_of(client.get("/veranstaltungen/kalender.ics"))

    # when it is fetched again unchanged, it is not built again: the stamp and the session are all it asks
    with django_assert_max_num_queries(2):
        again = calendar_of(client.get("/veranstaltungen/kalender.ics"))
    assert [str(entry["SUMMARY"]) for entry in again.walk("VEVENT")] == ["Werkstatt im Januar"]

    # when an event is added, one renamed, and one made team-only
    EventFactory(title="Neue Werkstatt", start=in_days(9), by=team)
    hidden = EventFactory(title="Bald intern", start=in_days(10), by=team)
    actions.event_update(event=first, data=EventInputFactory(title="Werkstatt im Februar", start=first.start), by=team)
    actions.event_update(
        event=hidden,
        data=EventInputFactory(title="Bald intern", start=hidden.start, visibility=Visibility.TEAM),
        by=team,
    )

    # then the next fetch shows all of it
    titles = {
        str(entry["SUMMARY"]) for entry in calendar_of(client.get("/veranstaltungen/kalender.ics")).walk("VEVENT")
    }
    assert titles == {"Werkstatt im Februar", "Neue Werkstatt"}


def test_an_events_ics_downloads_for_whoever_may_see_it(client_as, users):
    team = users["team_internal"]
    event = EventFactory(title="Teamklausur", visibility=Visibility.TEAM, by=team)

    response = client_as("team_external").get(f"/veranstaltungen/{event.pk}/termin.ics")

    _calendar, entry = the_entry(calendar_of(response).to_ical())
    assert entry["SUMMARY"] == "Teamklausur"
    assert entry["URL"] == f"http://testserver/veranstaltungen/{event.pk}/"
    assert response["Content-Disposition"] == f'attachment; filename="veranstaltung-{event.pk}.ics"'
    assert client_as("anonymous").get(f"/veranstaltungen/{event.pk}/termin.ics").status_code == 404
    assert client_as("registered").get(f"/veranstaltungen/{event.pk}/termin.ics").status_code == 404


def test_the_registrants_ics_carries_their_link_and_only_while_they_hold_a_place(client, users):
    event = EventFactory(capacity=1, by=users["team_internal"])
    holder = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event)

    response = client.get(f"/veranstaltungen/anmeldung/{registration_token(holder)}/termin.ics")

    _calendar, entry = the_entry(calendar_of(response).to_ical())
    (token,) = re.findall(r"/veranstaltungen/anmeldung/([^/\s]+)/", str(entry["DESCRIPTION"]))
    assert registration_for_token(token) == holder
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(f"/veranstaltungen/anmeldung/{registration_token(waiting)}/termin.ics").status_code == 404


def test_a_change_raises_the_sequence_in_the_download(client, users, backdate):
    team = users["team_internal"]
    event = EventFactory(by=team)
    _calendar, before = the_entry(client.get(f"/veranstaltungen/{event.pk}/termin.ics").content)

    backdate(event, seconds=120)
    data = EventInputFactory(title=event.title, start=event.start + datetime.timedelta(hours=1))
    actions.event_update(event=Event.objects.get(pk=event.pk), data=data, by=team)

    _calendar, after = the_entry(client.get(f"/veranstaltungen/{event.pk}/termin.ics").content)
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]


@pytest.fixture
def backdate():
    """Move an event's creation and last change back, so that a change right after them counts as later."""

    def move(event, *, seconds: int):
        Event.objects.filter(pk=event.pk).update(
            created_at=event.created_at - datetime.timedelta(seconds=seconds),
            updated_at=event.updated_at - datetime.timedelta(seconds=seconds),
        )

    return move
