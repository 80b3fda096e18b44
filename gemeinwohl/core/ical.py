"""What every calendar file of the platform shares (iCalendar, RFC 5545 and 5546).

The UID domain, the organiser and the addressed attendee, the METHOD names,
the VCALENDAR wrapper with the time-zone rules its events need, and the
mail part that carries a calendar file. The apps build their own VEVENTs
(``committees.ical``, ``events.ical``).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from email.mime.text import MIMEText
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, vCalAddress

PUBLISH, REQUEST, CANCEL = "PUBLISH", "REQUEST", "CANCEL"
METHODS = (PUBLISH, REQUEST, CANCEL)
# VTIMEZONE rules cover a year around the events, enough for any client to convert their times.
TIMEZONE_MARGIN = datetime.timedelta(days=366)


@dataclass(frozen=True)
class Attendee:
    """The person a calendar file is addressed to, with their answer as iCalendar's PARTSTAT."""

    name: str
    email: str
    partstat: str = "NEEDS-ACTION"


def uid_domain() -> str:
    """The installation's host name, from the configured site address; the same in every mail and feed.

    Not the request's host: an event must keep its UID however the calendar reached it.
    """
    return urlsplit(getattr(settings, "SITE_URL", "")).hostname or "gemeinwohl"


def organizer() -> vCalAddress:
    """The platform's sender address as the ORGANIZER of everything it sends."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    found = vCalAddress(f"mailto:{address}")
    if name:
        found.params["CN"] = name
    return found


def attendee_address(attendee: Attendee) -> vCalAddress:
    address = vCalAddress(f"mailto:{attendee.email}")
    address.params["CN"] = attendee.name
    address.params["ROLE"] = "REQ-PARTICIPANT"
    address.params["PARTSTAT"] = attendee.partstat
    # Answers go through the links in the mail, not to the organiser's (unread) mailbox.
    address.params["RSVP"] = "FALSE"
    return address


def new_calendar(*, product_id: str, method: str, name: str = "") -> Calendar:
    """An empty VCALENDAR; a ``name`` makes it a feed to subscribe to, polled hourly."""
    if method not in METHODS:
        raise ValueError(method)
    calendar = Calendar()
    calendar.add("prodid", product_id)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    return calendar


def to_bytes(calendar: Calendar, *, spans: Iterable[tuple[datetime.datetime, datetime.datetime]]) -> bytes:
    """The calendar as a file, with the time-zone rules for a year around the (start, end) ``spans``."""
    spans = list(spans)
    if spans:
        calendar.add_missing_timezones(
            first_date=min(start for start, _end in spans).date() - TIMEZONE_MARGIN,
            last_date=max(end for _start, end in spans).date() + TIMEZONE_MARGIN,
        )
    return calendar.to_ical()


def mime_part(content: bytes, *, method: str, filename: str) -> MIMEText:
    """A calendar file as a mail attachment; calendar programs want the METHOD on the content type."""
    part = MIMEText(content.decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part
