"""Mails to registrants, in the language they registered in.

They run after the action's transaction committed and load the registration
afresh; each carries the private link to the registration (``tokens``).
Whoever holds a place gets the event as a calendar entry addressed to them
(METHOD:REQUEST, with a rising SEQUENCE for changes) and its cancellation
(METHOD:CANCEL) when the place or the event goes. Anonymised registrations
and those without an address get nothing; a failing address is logged and
does not stop the others.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from gemeinwohl.core import ical as core_ical
from gemeinwohl.core.links import site_url
from gemeinwohl.events import ical
from gemeinwohl.events.models import Event, Registration, RegistrationStatus
from gemeinwohl.events.tokens import registration_token

logger = logging.getLogger(__name__)


def private_url(registration: Registration) -> str:
    return site_url(reverse("events:registration", kwargs={"token": registration_token(registration)}))


def when_text(event: Event) -> str:
    """ "Dienstag, 3. März 2026, 18:00 bis 20:00 Uhr" in the active language and the platform's time zone."""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    day = f"{date_format(start, 'l')}, {date_format(start, 'DATE_FORMAT')}"
    if start.date() == end.date():
        return _("%(day)s, %(start)s bis %(end)s Uhr") % {
            "day": day,
            "start": time_format(start, "TIME_FORMAT"),
            "end": time_format(end, "TIME_FORMAT"),
        }
    return _("%(day)s, %(start)s Uhr bis %(last_day)s, %(end)s Uhr") % {
        "day": day,
        "start": time_format(start, "TIME_FORMAT"),
        "last_day": f"{date_format(end, 'l')}, {date_format(end, 'DATE_FORMAT')}",
        "end": time_format(end, "TIME_FORMAT"),
    }


def waitlist_position(registration: Registration) -> int:
    """1 for the first person waiting; the order in which people joined the waitlist."""
    earlier = Q(waitlisted_at__lt=registration.waitlisted_at) | Q(
        waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk
    )
    return registration.event.registrations.waitlisted().filter(earlier).count() + 1


def _reachable(registrations):
    return registrations.filter(anonymised_at__isnull=True).exclude(email="")


def _registration(registration_id: int) -> Registration | None:
    registration = (
        _reachable(Registration.objects.select_related("event", "event__event_format"))
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        logger.info("event mail for registration %s skipped: gone, anonymised or without address", registration_id)
    return registration


def _subject(template: str, context: dict) -> str:
    # One line whatever the title holds: a line break in a header would stop every mail.
    return " ".join(render_to_string(f"events/email/{template}_subject.txt", context).split())


def _message(registration: Registration, *, template: str, method: str | None = None, **extra) -> EmailMessage:
    """The mail ``template`` to ``registration``, in its language; with the event as ``method`` if given."""
    event = registration.event
    link = private_url(registration)
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "event": event,
            "when": when_text(event),
            "where": event.location_text,
            "private_url": link,
            "event_url": site_url(event.get_absolute_url()),
            "site_name": settings.SITE_NAME,
            **extra,
        }
        message = EmailMessage(
            subject=_subject(template, context),
            body=render_to_string(f"events/email/{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
        )
        if method is not None:
            content = ical.event_calendar(
                event,
                method=method,
                link=site_url(event.get_absolute_url()),
                note=ical.registration_note(private_url=link),
                attendee=ical.Attendee(
                    name=registration.name,
                    email=registration.email,
                    partstat="DECLINED" if method == ical.CANCEL else "ACCEPTED",
                ),
            )
            filename = "absage.ics" if method == ical.CANCEL else "termin.ics"
            message.attach(core_ical.mime_part(content, method=method, filename=filename))
    return message


def _send(message: EmailMessage, registration: Registration) -> bool:
    try:
        message.send()
    except Exception:
        logger.exception("event mail to registration %s failed", registration.pk)
        return False
    return True


def send_registration_received(*, registration_id: int) -> None:
    """To the registrant: your place is confirmed (with the calendar entry), or you are number N on the waitlist."""
    registration = _registration(registration_id)
    if registration is None:
        return
    if registration.status == RegistrationStatus.CONFIRMED:
        message = _message(registration, template="confirmed", method=ical.REQUEST)
    elif registration.status == RegistrationStatus.WAITLISTED:
        message = _message(registration, template="waitlisted", position=waitlist_position(registration))
    else:
        return
    _send(message, registration)


def send_moved_up(*, registration_id: int) -> None:
    """To someone who was waiting: a place came free and is now yours, with the calendar entry."""
    registration = _registration(registration_id)
    if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
        _send(_message(registration, template="moved_up", method=ical.REQUEST), registration)


def send_cancellation_confirmed(*, registration_id: int) -> None:
    """To someone who cancelled: it worked; a held place leaves their calendar (METHOD:CANCEL)."""
    registration = _registration(registration_id)
    if registration is None or registration.status != RegistrationStatus.CANCELLED:
        return
    held_place = registration.confirmed_at is not None
    _send(_message(registration, template="cancellation", method=ical.CANCEL if held_place else None), registration)


def _active_registrations(event_id: int):
    return (
        _reachable(Registration.objects.active())
        .filter(event_id=event_id)
        .select_related("event", "event__event_format")
        .order_by("pk")
    )


def send_event_changed(*, event_id: int) -> None:
    """To everyone registered or waiting: the time or place changed; the calendar entry updates for those with a place."""
    for registration in _active_registrations(event_id):
        held_place = registration.status == RegistrationStatus.CONFIRMED
        message = _message(registration, template="event_changed", method=ical.REQUEST if held_place else None)
        _send(message, registration)


def send_event_cancelled(*, event_id: int) -> None:
    """To everyone registered or waiting: the event is called off; the calendar entry goes (METHOD:CANCEL)."""
    for registration in _active_registrations(event_id):
        held_place = registration.status == RegistrationStatus.CONFIRMED
        message = _message(registration, template="event_cancelled", method=ical.CANCEL if held_place else None)
        _send(message, registration)


def reminders_due(now: datetime.datetime):
    """Places for events that start tomorrow (Berlin date) whose holders have not been reminded yet."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    zone = timezone.get_default_timezone()
    day_start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=zone)
    day_end = datetime.datetime.combine(tomorrow + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)
    return (
        _reachable(Registration.objects.confirmed())
        .filter(
            reminded_at__isnull=True,
            event__is_cancelled=False,
            event__start__gte=day_start,
            event__start__lt=day_end,
        )
        .select_related("event", "event__event_format")
        .order_by("event__start", "pk")
    )


def send_reminders(now: datetime.datetime | None = None) -> int:
    """The reminder the day before, once per place: each registration is marked before its mail goes.

    Returns how many reminders went out. A second run (or one running at the
    same time) finds them marked and sends nothing twice; a mail that fails is
    unmarked again, so the next run tries once more.
    """
    now = now or timezone.now()
    sent = 0
    for registration in reminders_due(now):
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(reminded_at=now)
        if not claimed:
            continue
        if _send(_message(registration, template="reminder"), registration):
            sent += 1
        else:
            Registration.objects.filter(pk=registration.pk).update(reminded_at=None)
    return sent
