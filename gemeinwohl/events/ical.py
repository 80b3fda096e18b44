"""Events as calendar files (iCalendar, RFC 5545 and 5546).

One event goes out as a download or feed entry (METHOD:PUBLISH), as the
confirmation of a place and its changes (REQUEST, addressed to the
registrant, with a rising SEQUENCE) or as a cancellation (CANCEL). An
event keeps one UID in every mail, download and feed, so calendars update
the entry instead of adding a copy.

Nothing here reads the database or decides who may see what: callers hand
in the events the reader may see.
"""

import datetime
from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event as VEvent

from gemeinwohl.core import ical as core_ical
from gemeinwohl.core.ical import CANCEL, PUBLISH, REQUEST, Attendee, uid_domain

__all__ = ["CANCEL", "PUBLISH", "REQUEST", "Attendee", "event_calendar", "event_uid", "feed_calendar", "sequence_of"]

PRODUCT_ID = "-//AKS Gemeinwohl//Veranstaltungen//DE"


def event_uid(event) -> str:
    return f"event-{event.pk}@{uid_domain()}"


def sequence_of(event) -> int:
    """The revision number calendars compare: seconds from the event's creation to its last change.

    It rises with every saved change (a new time, a cancellation) and is the
    same in every file made from the same state, without a counter to keep.
    """
    if not event.created_at or not event.updated_at:
        return 0
    return max(0, int((event.updated_at - event.created_at).total_seconds()))


def location_of(event) -> str:
    return ", ".join(part for part in (event.venue_name, event.address, event.online_url) if part)


def event_entry(event, *, link: str, note: str = "", attendee: Attendee | None = None) -> VEvent:
    """One event as a VEVENT: times in the platform's time zone, the summary, the page's link and ``note``."""
    zone = timezone.get_default_timezone()
    entry = VEvent()
    entry.add("uid", event_uid(event))
    entry.add("sequence", sequence_of(event))
    entry.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    entry.add("dtstart", event.start.astimezone(zone))
    entry.add("dtend", event.end.astimezone(zone))
    if event.updated_at:
        entry.add("last-modified", event.updated_at.astimezone(datetime.UTC))
    entry.add("summary", event.title)
    location = location_of(event)
    if location:
        entry.add("location", location)
    event_format = getattr(event, "event_format", None)
    if event_format is not None:
        entry.add("categories", [event_format.display_name])
    parts = [event.summary, note, link]
    entry.add("description", "\n\n".join(part for part in parts if part))
    entry.add("url", link)
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    entry.add("organizer", core_ical.organizer())
    if attendee is not None:
        entry.add("attendee", core_ical.attendee_address(attendee))
    return entry


def _file(entries: list[VEvent], *, method: str, events: list, name: str = "") -> bytes:
    calendar = core_ical.new_calendar(product_id=PRODUCT_ID, method=method, name=name)
    for entry in entries:
        calendar.add_component(entry)
    return core_ical.to_bytes(calendar, spans=((event.start, event.end) for event in events))


def event_calendar(event, *, method: str, link: str, note: str = "", attendee: Attendee | None = None) -> bytes:
    """A calendar file with one event: a download (PUBLISH), a place and its changes (REQUEST) or a cancellation (CANCEL)."""
    if method not in core_ical.METHODS:
        raise ValueError(method)
    entry = event_entry(event, link=link, note=note, attendee=attendee)
    if method == CANCEL:
        entry["STATUS"] = "CANCELLED"
    return _file([entry], method=method, events=[event])


def feed_calendar(events: Iterable, *, name: str, link_for: Callable[[object], str]) -> bytes:
    """A feed to subscribe to (PUBLISH): every event handed in, called-off ones as STATUS:CANCELLED."""
    events = list(events)
    entries = [event_entry(event, link=link_for(event)) for event in events]
    return _file(entries, method=PUBLISH, events=events, name=name)


def registration_note(*, private_url: str) -> str:
    """The line that a registrant's calendar entry carries: where to see or cancel the registration."""
    return _("Ihre Anmeldung ansehen oder abmelden: %(url)s") % {"url": private_url}
