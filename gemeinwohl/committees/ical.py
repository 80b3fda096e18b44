"""Calendar files (iCalendar, RFC 5545 and 5546) for meetings.

One meeting goes out as an invitation (METHOD:REQUEST), its change (REQUEST
with a higher SEQUENCE) or its cancellation (METHOD:CANCEL); many meetings
make a feed to subscribe to (METHOD:PUBLISH). A meeting keeps one UID in
every mail and feed, so calendars update the event instead of adding a copy.

Nothing here reads the database or decides who may see what: callers hand
in the meetings and the agenda items the reader may see.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from gemeinwohl.core import ical as core_ical
from gemeinwohl.core.ical import CANCEL, PUBLISH, REQUEST, uid_domain

__all__ = ["CANCEL", "PUBLISH", "REQUEST", "Attendee", "feed_calendar", "meeting_calendar", "meeting_uid"]

PRODUCT_ID = "-//AKS Gemeinwohl//Gremien//DE"
PARTSTAT = {"": "NEEDS-ACTION", "zugesagt": "ACCEPTED", "abgesagt": "DECLINED"}


@dataclass(frozen=True)
class Attendee:
    """The invited member a calendar file is addressed to."""

    name: str
    email: str
    response: str = ""


def meeting_uid(meeting) -> str:
    return f"meeting-{meeting.pk}@{uid_domain()}"


def location_of(meeting) -> str:
    return ", ".join(part for part in (meeting.room, meeting.address, meeting.online_url) if part)


def agenda_text(agenda: Sequence) -> str:
    """The agenda as plain lines, numbered among the items handed in (those the reader may see)."""
    if not agenda:
        return ""
    lines = [_("Tagesordnung:")]
    lines += [
        _("TOP %(number)s: %(title)s") % {"number": number, "title": item.title}
        for number, item in enumerate(agenda, start=1)
    ]
    return "\n".join(lines)


def meeting_event(meeting, *, link: str, agenda: Sequence = (), attendee: Attendee | None = None) -> Event:
    """One meeting as a VEVENT: times in the platform's time zone, the agenda items handed in, the page's link."""
    zone = timezone.get_default_timezone()
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    event.add("dtstart", meeting.start.astimezone(zone))
    event.add("dtend", meeting.end.astimezone(zone))
    if meeting.updated_at:
        event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    event.add("summary", meeting.display_title)
    location = location_of(meeting)
    if location:
        event.add("location", location)
    description = "\n\n".join(part for part in (agenda_text(agenda), link) if part)
    event.add("description", description)
    event.add("url", link)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("organizer", core_ical.organizer())
    if attendee is not None:
        partstat = PARTSTAT.get(attendee.response, "NEEDS-ACTION")
        event.add(
            "attendee",
            core_ical.attendee_address(core_ical.Attendee(name=attendee.name, email=attendee.email, partstat=partstat)),
        )
    return event


def _calendar(events: list[Event], *, method: str, meetings: list, name: str = "") -> bytes:
    calendar = core_ical.new_calendar(product_id=PRODUCT_ID, method=method, name=name)
    for event in events:
        calendar.add_component(event)
    return core_ical.to_bytes(calendar, spans=((meeting.start, meeting.end) for meeting in meetings))


def meeting_calendar(
    meeting, *, method: str, link: str, agenda: Sequence = (), attendee: Attendee | None = None
) -> bytes:
    """A calendar file with one meeting: an invitation or change (REQUEST), a cancellation (CANCEL) or a download (PUBLISH)."""
    if method not in (PUBLISH, REQUEST, CANCEL):
        raise ValueError(method)
    event = meeting_event(meeting, link=link, agenda=agenda, attendee=attendee)
    if method == CANCEL:
        event["STATUS"] = "CANCELLED"
    return _calendar([event], method=method, meetings=[meeting])


def feed_calendar(entries: Iterable[tuple[object, Sequence]], *, name: str, link_for: Callable[[object], str]) -> bytes:
    """A feed to subscribe to (PUBLISH): one event per (meeting, its agenda for the reader), nobody's attendance."""
    entries = list(entries)
    events = [meeting_event(meeting, link=link_for(meeting), agenda=agenda) for meeting, agenda in entries]
    return _calendar(events, method=PUBLISH, meetings=[meeting for meeting, _agenda in entries], name=name)
