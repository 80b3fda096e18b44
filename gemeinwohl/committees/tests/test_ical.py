"""Calendar files of meetings, read back the way a calendar program reads them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from gemeinwohl.committees import ical
from gemeinwohl.committees.models import AgendaItem, Committee, Meeting, MeetingState

BERLIN = ZoneInfo("Europe/Berlin")
LINK = "https://gemeinwohl.example/sitzungen/7/"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://gemeinwohl.example"
    settings.DEFAULT_FROM_EMAIL = "AKS Gemeinwohl <aks@gemeinwohl.example>"


def a_meeting(**fields) -> Meeting:
    """A meeting as the database would hand it over (not saved: these files need no database)."""
    committee = Committee(pk=3, name="Jour-Fixe Gemeinwohl", short_name="JF", slug="jour-fixe")
    values = {
        "pk": 7,
        "committee": committee,
        "start": datetime.datetime(2026, 3, 3, 18, 0, tzinfo=BERLIN),
        "end": datetime.datetime(2026, 3, 3, 20, 0, tzinfo=BERLIN),
        "room": "Raum 3.04",
        "address": "Yorckstraße 4–10, 10965 Berlin",
        "sequence": 2,
        "state": MeetingState.INVITED,
    }
    return Meeting(**{**values, **fields})


def the_event(content: bytes):
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_an_invitation_is_a_request_to_the_member_from_the_platform():
    # given a meeting and the member it goes to
    meeting = a_meeting()
    member = ical.Attendee(name="Jana Brandt", email="jana@initiative.example")

    # when its invitation file is made
    calendar, event = the_event(ical.meeting_calendar(meeting, method=ical.REQUEST, link=LINK, attendee=member))

    # then a calendar program reads a request for that meeting, addressed to the member
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == "meeting-7@gemeinwohl.example"
    assert event["SEQUENCE"] == 2
    assert event["SUMMARY"] == "Jour-Fixe Gemeinwohl"
    assert event["LOCATION"] == "Raum 3.04, Yorckstraße 4–10, 10965 Berlin"
    assert event["URL"] == LINK
    assert event["STATUS"] == "CONFIRMED"
    assert "DTSTAMP" in event
    assert str(event["ORGANIZER"]) == "mailto:aks@gemeinwohl.example"
    assert event["ORGANIZER"].params["CN"] == "AKS Gemeinwohl"
    assert str(event["ATTENDEE"]) == "mailto:jana@initiative.example"
    assert event["ATTENDEE"].params["CN"] == "Jana Brandt"
    assert event["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"


def test_times_are_berlin_time_with_the_time_zone_included():
    # given a summer meeting stored in UTC (16:00 UTC is 18:00 in Berlin)
    meeting = a_meeting(
        start=datetime.datetime(2026, 7, 7, 16, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2026, 7, 7, 18, 0, tzinfo=datetime.UTC),
    )

    # when its file is made
    calendar, event = the_event(ical.meeting_calendar(meeting, method=ical.PUBLISH, link=LINK))

    # then it says 18:00 to 20:00 Berlin time and carries the Berlin time zone for programs that lack it
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DTSTART") == datetime.datetime(2026, 7, 7, 18, 0, tzinfo=BERLIN)
    assert event.decoded("DTEND") == datetime.datetime(2026, 7, 7, 20, 0, tzinfo=BERLIN)
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert b"DTSTART;TZID=Europe/Berlin:20260707T180000" in calendar.to_ical()


def test_the_description_holds_the_agenda_handed_in_and_the_link():
    # given the agenda items a reader may see
    agenda = [AgendaItem(title="Begrüßung"), AgendaItem(title="Konzeptverfahren Ratiborstraße")]

    # when the file is made with them
    _calendar, event = the_event(ical.meeting_calendar(a_meeting(), method=ical.PUBLISH, link=LINK, agenda=agenda))

    # then the description lists them, numbered, and links the meeting's page
    description = str(event["DESCRIPTION"])
    assert "TOP 1: Begrüßung\nTOP 2: Konzeptverfahren Ratiborstraße" in description
    assert description.endswith(LINK)


def test_a_cancellation_cancels_the_same_event_with_a_higher_sequence():
    # given a meeting that was invited to (sequence 2), then called off
    invited = ical.meeting_calendar(a_meeting(), method=ical.REQUEST, link=LINK)
    called_off = a_meeting(state=MeetingState.CANCELLED, sequence=3)
    member = ical.Attendee(name="Jana Brandt", email="jana@initiative.example")

    # when the cancellation file is made
    calendar, event = the_event(ical.meeting_calendar(called_off, method=ical.CANCEL, link=LINK, attendee=member))

    # then the program is told to cancel the very event it has, with a newer sequence
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == the_event(invited)[1]["UID"]
    assert event["SEQUENCE"] == 3
    assert str(event["ATTENDEE"]) == "mailto:jana@initiative.example"


def test_the_uid_names_the_installation_and_falls_back_to_a_constant(settings):
    # given no site address configured
    settings.SITE_URL = ""

    # then the UID still names the meeting, on a fixed domain
    assert ical.meeting_uid(a_meeting()) == "meeting-7@gemeinwohl"


def test_a_feed_publishes_every_meeting_without_attendees():
    # given two meetings with their agendas for the reader
    first = a_meeting()
    second = a_meeting(pk=8, title="Sondersitzung", start=first.start + datetime.timedelta(days=30))
    second.end = second.start + datetime.timedelta(hours=2)

    # when the feed is made
    calendar = Calendar.from_ical(
        ical.feed_calendar(
            [(first, []), (second, [AgendaItem(title="Haushalt")])],
            name="Jour-Fixe Gemeinwohl – AKS Gemeinwohl",
            link_for=lambda meeting: f"https://gemeinwohl.example/sitzungen/{meeting.pk}/",
        )
    )

    # then a calendar program subscribes to two events under the feed's name, and sees no one's attendance
    events = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Jour-Fixe Gemeinwohl – AKS Gemeinwohl"
    assert [str(e["UID"]) for e in events] == ["meeting-7@gemeinwohl.example", "meeting-8@gemeinwohl.example"]
    assert [str(e["SUMMARY"]) for e in events] == ["Jour-Fixe Gemeinwohl", "Sondersitzung"]
    assert [str(e["URL"]) for e in events] == [
        "https://gemeinwohl.example/sitzungen/7/",
        "https://gemeinwohl.example/sitzungen/8/",
    ]
    assert "TOP 1: Haushalt" in str(events[1]["DESCRIPTION"])
    assert not any("ATTENDEE" in e for e in events)
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_an_empty_feed_is_still_a_calendar():
    calendar = Calendar.from_ical(ical.feed_calendar([], name="Leer", link_for=str))

    assert calendar["METHOD"] == "PUBLISH"
    assert calendar.walk("VEVENT") == []


def test_a_cancelled_meeting_stays_in_a_feed_marked_cancelled():
    calendar = Calendar.from_ical(
        ical.feed_calendar([(a_meeting(state=MeetingState.CANCELLED), [])], name="Feed", link_for=lambda m: LINK)
    )

    (event,) = calendar.walk("VEVENT")
    assert event["STATUS"] == "CANCELLED"


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError):
        ical.meeting_calendar(a_meeting(), method="REPLY", link=LINK)
