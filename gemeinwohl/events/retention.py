"""Anonymising registrations once the retention period an administrator set has passed since the event.

Run once a day (``manage.py events_anonymise``). What identifies a registrant
or what they wrote goes: name, e-mail address, organisation, the needs for
taking part and the answers to the event's own questions. What the figures
count stays: status, sector, attendance, walk-in, the dates of registering,
getting a place, cancelling and checking in, and the language (for nothing
but completeness of the row). ``anonymised_at`` records when.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gemeinwohl.events.models import Event, EventRetentionPolicy, Registration, RegistrationAnswer


def cutoff(*, now: datetime.datetime | None = None) -> datetime.datetime:
    """Events that ended before this moment are past the retention period."""
    now = now or timezone.now()
    return now - relativedelta(months=EventRetentionPolicy.current().anonymise_after_months)


def expired_registrations(*, now: datetime.datetime | None = None) -> QuerySet:
    """Registrations not yet anonymised of events that ended longer ago than the retention policy keeps them."""
    return Registration.objects.filter(event__end__lt=cutoff(now=now), anonymised_at__isnull=True)


@transaction.atomic
def anonymise_event(*, event_id: int, now: datetime.datetime | None = None) -> int:
    """Anonymise the expired registrations of one event in one transaction; return how many.

    The event's row is locked like every change to its registrations, and the
    expiry checked again under the lock, so a concurrent run finds nothing left.
    """
    now = now or timezone.now()
    Event.objects.select_for_update().filter(pk=event_id).first()
    registrations = expired_registrations(now=now).filter(event_id=event_id)
    RegistrationAnswer.objects.filter(registration__in=registrations).delete()
    return registrations.update(
        name="",
        email="",
        organisation="",
        accessibility_needs="",
        anonymised_at=now,
        updated_at=now,
    )


def anonymise_expired_registrations(*, now: datetime.datetime | None = None) -> int:
    """Anonymise every expired registration, event by event; return how many registrations were anonymised.

    Registrations already anonymised and those of recent or coming events are
    never touched; running it again the same day changes nothing.
    """
    now = now or timezone.now()
    event_ids = expired_registrations(now=now).order_by("event_id").values_list("event_id", flat=True).distinct()
    return sum(anonymise_event(event_id=event_id, now=now) for event_id in list(event_ids))
