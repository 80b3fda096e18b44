"""Figures for reporting on events: registrations, places, attendance and no-shows per event, per format, by sector.

Counts only, never a registrant's name: the figures may go into a report to
the district. An event belongs to the period in which it starts (Berlin
dates). Only the events the reader may see count. Three queries whatever the
number of events and registrations.

What each number means (the page says the same):

registrations
    every registration made through the form, whatever became of it (place,
    waitlist, cancelled); people who came without registering are not in it.
places
    registrations holding a place now (status "angemeldet"), walk-ins not included.
attended
    people recorded as present, walk-ins included.
no-shows
    only for events whose attendance was closed: people who held a place and
    were not recorded as present. Events still open for check-in count none.
walk-ins
    people who came without registering and were added at the door.
cancellations
    registrations cancelled by the person or the team.
waitlist
    registrations still on the waitlist; for a past event: people who never got a place.

Cancelled events are listed (marked as such) but left out of the sums per
format, by sector and overall: nobody could attend them.
"""

import datetime
from dataclasses import dataclass, fields

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.reports import local_bounds
from gemeinwohl.directory.models import Sector
from gemeinwohl.events.models import Event, EventFormat, Registration, RegistrationStatus

NO_SECTOR = _("keine Angabe")

CONFIRMED = Q(registrations__status=RegistrationStatus.CONFIRMED)
REGISTERED = Q(registrations__walk_in=False)
NOT_PRESENT = Q(registrations__attended=False) | Q(registrations__attended__isnull=True)


@dataclass(frozen=True)
class Counts:
    """The numbers of one event, or summed over several (see the module's docstring for each)."""

    registrations: int = 0
    places: int = 0
    attended: int = 0
    no_shows: int = 0
    walk_ins: int = 0
    cancellations: int = 0
    waitlist: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{name: getattr(self, name) + getattr(other, name) for name in COUNT_FIELDS})

    def as_list(self) -> list[int]:
        return [getattr(self, name) for name in COUNT_FIELDS]


COUNT_FIELDS = [field.name for field in fields(Counts)]
COUNT_LABELS = {
    "registrations": _("Anmeldungen"),
    "places": _("Plätze vergeben"),
    "attended": _("teilgenommen"),
    "no_shows": _("nicht erschienen"),
    "walk_ins": _("vor Ort dazugekommen"),
    "cancellations": _("abgemeldet"),
    "waitlist": _("Warteliste"),
}

# The annotation behind each number, counted in the same query as the events.
ANNOTATIONS = {
    "registrations": Count("registrations", filter=REGISTERED),
    "places": Count("registrations", filter=CONFIRMED & REGISTERED),
    "attended": Count("registrations", filter=Q(registrations__attended=True)),
    "no_shows": Count(
        "registrations", filter=Q(attendance_closed_at__isnull=False) & CONFIRMED & REGISTERED & NOT_PRESENT
    ),
    "walk_ins": Count("registrations", filter=Q(registrations__walk_in=True) & CONFIRMED),
    "cancellations": Count("registrations", filter=Q(registrations__status=RegistrationStatus.CANCELLED)),
    "waitlist": Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
}


@dataclass(frozen=True)
class EventRow:
    pk: int
    title: str
    start: datetime.datetime
    format_pk: int
    format_name: str
    capacity: int | None
    is_cancelled: bool
    attendance_closed: bool
    counts: Counts


@dataclass(frozen=True)
class FormatRow:
    name: str
    events: int
    counts: Counts


@dataclass(frozen=True)
class SectorRow:
    """People with a place (walk-ins included) and of them those present, from one sector."""

    key: str
    label: str
    places: int
    attended: int


@dataclass(frozen=True)
class Figures:
    start: datetime.date
    end: datetime.date
    events: list[EventRow]
    formats: list[FormatRow]
    sectors: list[SectorRow]
    total: Counts
    event_count: int  # held or planned, cancelled ones not included
    cancelled_count: int
    closed_count: int  # events whose attendance was closed


def _events_in(*, fetched_by, start: datetime.date, end: datetime.date):
    since, until = local_bounds(start, end)
    return Event.objects.visible_to(fetched_by).filter(start__gte=since, start__lt=until)


def _sectors(events) -> list[SectorRow]:
    rows = (
        Registration.objects.filter(event__in=events.filter(is_cancelled=False), status=RegistrationStatus.CONFIRMED)
        .values("sector")
        .annotate(places=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
        .order_by()
    )
    counts = {row["sector"]: (row["places"], row["attended"]) for row in rows}
    choices = [*Sector.choices, ("", NO_SECTOR)]
    return [SectorRow(key, label, *counts.get(key, (0, 0))) for key, label in choices]


def events_figures(*, fetched_by, start: datetime.date, end: datetime.date) -> Figures:
    """The figures for the events ``fetched_by`` may see that start from ``start`` to ``end`` (both included).

    Raises ``PermissionDenied`` without ``events.view_figures``. Three
    queries (events with their counts, formats, sectors), however many events.
    """
    require_perm(fetched_by, "events.view_figures")
    events = _events_in(fetched_by=fetched_by, start=start, end=end)
    listed = list(
        events.values("pk", "title", "start", "event_format_id", "capacity", "is_cancelled", "attendance_closed_at")
        # Prefixed: "registrations" is also the name of the relation counted.
        .annotate(**{f"n_{name}": count for name, count in ANNOTATIONS.items()})
        .order_by("start", "pk")
    )
    formats = {event_format.pk: event_format for event_format in EventFormat.objects.all()}
    rows = [
        EventRow(
            pk=row["pk"],
            title=row["title"],
            start=row["start"],
            format_pk=row["event_format_id"],
            format_name=formats[row["event_format_id"]].display_name,
            capacity=row["capacity"],
            is_cancelled=row["is_cancelled"],
            attendance_closed=row["attendance_closed_at"] is not None,
            counts=Counts(**{name: row[f"n_{name}"] for name in COUNT_FIELDS}),
        )
        for row in listed
    ]
    held = [row for row in rows if not row.is_cancelled]
    by_format: dict[int, list[EventRow]] = {}
    for row in held:
        by_format.setdefault(row.format_pk, []).append(row)
    format_rows = [
        FormatRow(
            name=event_format.display_name,
            events=len(by_format.get(pk, [])),
            counts=sum((row.counts for row in by_format.get(pk, [])), Counts()),
        )
        for pk, event_format in formats.items()
        if event_format.is_active or pk in by_format
    ]
    return Figures(
        start=start,
        end=end,
        events=rows,
        formats=sorted(format_rows, key=lambda row: str(row.name).casefold()),
        sectors=_sectors(events),
        total=sum((row.counts for row in held), Counts()),
        event_count=len(held),
        cancelled_count=len(rows) - len(held),
        closed_count=sum(1 for row in held if row.attendance_closed),
    )
