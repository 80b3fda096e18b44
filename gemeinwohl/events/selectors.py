"""Reading events, scoped by the reader.

Every surface (calendar, month view, event page, feed, .ics, dashboard,
figures, exports) takes its events from ``Event.objects.visible_to(reader)``
through these functions. Registrations are read only by the team.
"""

import datetime

from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.visibility import clearance_for
from gemeinwohl.directory.models import Organisation
from gemeinwohl.events.models import (
    Event,
    EventFile,
    EventFormat,
    EventPhoto,
    RegistrationQuestion,
    RegistrationStatus,
)


def with_counts(events: QuerySet) -> QuerySet:
    """Annotate places taken and people waiting, in the same query as the events."""
    return events.annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waitlist_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
    )


def calendar_events(
    *,
    fetched_by,
    event_format: EventFormat | None = None,
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
) -> QuerySet:
    """The events ``fetched_by`` may see that overlap [start, end), earliest first, with format and counts.

    Cancelled events stay in (marked as such), so that nobody wonders where one went.
    """
    events = Event.objects.visible_to(fetched_by).select_related("event_format")
    if event_format is not None:
        events = events.filter(event_format=event_format)
    if start is not None:
        events = events.filter(end__gt=start)
    if end is not None:
        events = events.filter(start__lt=end)
    return with_counts(events).order_by("start", "pk")


def planning_events(*, fetched_by) -> QuerySet:
    """The events ``fetched_by`` may see, with places taken, waitlist and how many were recorded present."""
    events = Event.objects.visible_to(fetched_by).select_related("event_format")
    return with_counts(events).annotate(
        present_count=Count("registrations", filter=Q(registrations__attended=True)),
    )


def feed_stamp(*, fetched_by, start: datetime.datetime) -> tuple:
    """What the feed of ``fetched_by``'s events since ``start`` depends on: it changes whenever the feed would.

    How many events there are and when the latest of them and of the formats
    changed (a change of visibility, a cancellation, a new event all touch
    ``updated_at`` or the count).
    """
    events = Event.objects.visible_to(fetched_by).filter(end__gt=start)
    return (
        *events.aggregate(count=Count("pk"), latest=Max("updated_at")).values(),
        EventFormat.objects.aggregate(latest=Max("updated_at"))["latest"],
    )


def visible_organisations_prefetch(reader) -> Prefetch:
    """The co-organisers ``reader`` may see in the address book (others are not named)."""
    return Prefetch(
        "co_organisers",
        queryset=Organisation.objects.visible_to(reader).order_by("name"),
        to_attr="visible_co_organisers",
    )


def event_get(*, pk: int, fetched_by) -> Event:
    """The event with its format, committee, counts and what ``fetched_by`` may see of it; 404 if hidden."""
    events = with_counts(
        Event.objects.select_related("event_format", "committee", "organiser").prefetch_related(
            visible_organisations_prefetch(fetched_by),
            Prefetch("questions", queryset=RegistrationQuestion.objects.order_by("position", "pk")),
        )
    )
    event = get_visible_or_404(events, fetched_by, pk=pk)
    visible = Organisation.objects.visible_to(fetched_by)
    event.visible_organiser = (
        event.organiser if event.organiser_id and visible.filter(pk=event.organiser_id).exists() else None
    )
    return event


def documentation(*, event: Event, fetched_by) -> tuple[list[EventPhoto], list[EventFile]]:
    """The photos and files of ``event`` that ``fetched_by`` may see."""
    level = _reader_level(event, fetched_by)
    photos = list(EventPhoto.objects.filter(event=event, visibility__lte=level).order_by("position", "pk"))
    files = list(EventFile.objects.filter(event=event, visibility__lte=level).order_by("position", "pk"))
    return photos, files


def documentation_item(*, model, event_pk: int, item_pk: int, fetched_by):
    """One photo or file of an event ``fetched_by`` may see, at a level ``fetched_by`` may read; else 404."""
    event = get_visible_or_404(Event.objects.select_related("committee"), fetched_by, pk=event_pk)
    return get_object_or_404(model, event=event, pk=item_pk, visibility__lte=_reader_level(event, fetched_by))


def _reader_level(event: Event, reader) -> int:
    return clearance_for(reader, event.committee) if event.committee_id else clearance_for(reader)


def registration_list(*, event: Event, fetched_by, statuses=None) -> QuerySet:
    """Registrations of ``event`` for the team: places first, then the waitlist in its order, then cancellations."""
    require_perm(fetched_by, "events.view_registrations", event)
    registrations = event.registrations.prefetch_related("answers")
    if statuses:
        registrations = registrations.filter(status__in=statuses)
    order = {RegistrationStatus.CONFIRMED: 0, RegistrationStatus.WAITLISTED: 1, RegistrationStatus.CANCELLED: 2}
    return registrations.annotate(
        status_order=Case(
            *(When(status=status, then=Value(rank)) for status, rank in order.items()), output_field=IntegerField()
        )
    ).order_by("status_order", "waitlisted_at", "created_at", "pk")


def upcoming_for_team(*, fetched_by, limit: int = 5) -> list[Event]:
    """The next events with their registration counts, for the team's dashboard."""
    return list(calendar_events(fetched_by=fetched_by).upcoming().filter(is_cancelled=False)[:limit])
