"""Every change to events and registrations: one function each, one transaction, the permission checked.

Registration, cancellation through the mailed link and moving up from the
waitlist act without an account. Whatever changes who holds a place locks
the event's row first (``SELECT … FOR UPDATE``), so two people registering
for the last seat at the same moment are served one after the other: one
gets the seat, the other the waitlist, and no event is ever overbooked.
Mails go out after the transaction committed.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.uploads import JPEG, PNG, checked_upload, save_with_file
from gemeinwohl.core.visibility import Visibility, check_not_looser, clearance_for
from gemeinwohl.directory.models import Organisation, Sector
from gemeinwohl.events.models import (
    Ask,
    Event,
    EventFile,
    EventFormat,
    EventPhoto,
    Provision,
    QuestionKind,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    RegistrationStatus,
)

NAME_MAX = 150
ANSWER_MAX = 2000
PHOTO_KINDS = (JPEG, PNG)


def _mail_after_commit(function_name: str, **kwargs) -> None:
    from gemeinwohl.events import mails

    send = getattr(mails, function_name)
    transaction.on_commit(lambda: send(**kwargs))


def _locked(event: Event) -> Event:
    """The event's row, locked until the transaction ends: the one door to its places."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# --- formats ---------------------------------------------------------------------------------


@transaction.atomic
def format_save(
    *, event_format: EventFormat | None = None, name: str, name_en: str = "", description: str = "", is_active=True, by
) -> EventFormat:
    """Create a format or change one; its short name follows the German name on creation and then stays."""
    require_perm(by, "events.manage_formats")
    name = name.strip()
    if event_format is None:
        base = slugify(name)[:40] or "format"
        slug, number = base, 2
        while EventFormat.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        event_format = EventFormat(slug=slug)
    event_format.name = name
    event_format.name_en = name_en.strip()
    event_format.description = description.strip()
    event_format.is_active = is_active
    event_format.full_clean()
    event_format.save()
    return event_format


# --- events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionInput:
    label: str
    kind: str = QuestionKind.TEXT
    options: str = ""
    required: bool = False
    pk: int | None = None  # an existing question of the event, to keep its answers


@dataclass(frozen=True)
class EventInput:
    title: str
    event_format: EventFormat
    start: datetime.datetime
    end: datetime.datetime
    summary: str = ""
    description: str = ""
    venue_name: str = ""
    address: str = ""
    online_url: str = ""
    step_free: str = Provision.UNKNOWN
    accessible_toilet: str = Provision.UNKNOWN
    sign_language: str = Provision.UNKNOWN
    childcare: str = Provision.UNKNOWN
    accessibility_note: str = ""
    organiser: Organisation | None = None
    co_organisers: Sequence[Organisation] = ()
    committee: object | None = None
    visibility: int = Visibility.PUBLIC
    registration_enabled: bool = True
    capacity: int | None = None
    waitlist_enabled: bool = True
    registration_opens_at: datetime.datetime | None = None
    registration_closes_at: datetime.datetime | None = None
    ask_organisation: str = Ask.OPTIONAL
    ask_sector: str = Ask.OPTIONAL
    ask_accessibility: str = Ask.OPTIONAL
    questions: Sequence[QuestionInput] = ()


EVENT_FIELDS = [
    name for name in EventInput.__dataclass_fields__ if name not in ("co_organisers", "questions", "event_format")
]


def _check_event(*, data: EventInput, by, event: Event | None) -> None:
    """Everything about an event's data that a form alone cannot know; raises with all problems at once."""
    errors: dict[str, list[str]] = {}

    def problem(field_name, message):
        errors.setdefault(field_name, []).append(message)

    if data.end <= data.start:
        problem("end", _("Das Ende muss nach dem Beginn liegen."))
    if (
        data.registration_opens_at
        and data.registration_closes_at
        and data.registration_closes_at <= data.registration_opens_at
    ):
        problem("registration_closes_at", _("Die Anmeldung muss enden, nachdem sie begonnen hat."))
    if data.registration_opens_at and data.registration_opens_at >= data.end:
        problem("registration_opens_at", _("Die Anmeldung muss vor dem Ende der Veranstaltung beginnen."))
    if not (data.venue_name.strip() or data.address.strip() or data.online_url.strip()):
        problem("venue_name", _("Bitte geben Sie einen Ort, eine Adresse oder einen Online-Link an."))
    if (event is None or event.event_format_id != data.event_format.pk) and not data.event_format.is_active:
        problem("event_format", _("Dieses Format wird nicht mehr angeboten."))
    if data.capacity is not None and data.capacity < 1:
        problem("capacity", _("Eine Veranstaltung braucht mindestens einen Platz; leer lassen heißt unbegrenzt."))
    if event is not None and data.capacity is not None:
        taken = event.registrations.confirmed().count()
        if data.capacity < taken:
            problem(
                "capacity",
                _(
                    "Es haben schon %(count)s Personen einen Platz. Die Zahl der Plätze kann nicht darunter sinken; "
                    "melden Sie zuerst Personen ab."
                )
                % {"count": taken},
            )
    if data.visibility > clearance_for(by, data.committee):
        problem("visibility", _("Sie können keine Veranstaltung anlegen, die Sie selbst nicht sehen dürften."))
    if data.committee is not None:
        try:
            check_not_looser(level=data.visibility, floor=data.committee.visibility)
        except ValidationError as error:
            for message in error.message_dict["visibility"]:
                problem("visibility", message)
    visible_organisations = Organisation.objects.visible_to(by)
    named = [data.organiser] if data.organiser else []
    named += list(data.co_organisers)
    if named and visible_organisations.filter(pk__in=[o.pk for o in named]).count() != len({o.pk for o in named}):
        problem("co_organisers", _("Eine der gewählten Organisationen gibt es im Adressbuch nicht."))
    for question in data.questions:
        if not question.label.strip():
            problem("questions", _("Jede Frage braucht einen Text."))
        if question.kind == QuestionKind.CHOICE and len([o for o in question.options.splitlines() if o.strip()]) < 2:
            problem(
                "questions",
                _("Die Frage „%(label)s“ braucht mindestens zwei Antwortmöglichkeiten, eine je Zeile.")
                % {"label": question.label},
            )
    if errors:
        raise ValidationError(errors)


def _save_questions(event: Event, questions: Sequence[QuestionInput]) -> None:
    """The event's own questions as given: kept ones changed in place (answers stay), dropped ones removed."""
    existing = {question.pk: question for question in event.questions.all()}
    kept = set()
    for position, given in enumerate(questions):
        question = existing.get(given.pk) if given.pk else None
        if question is None:
            question = RegistrationQuestion(event=event)
        question.position = position
        question.label = given.label.strip()
        question.kind = given.kind
        question.options = "\n".join(line.strip() for line in given.options.splitlines() if line.strip())
        question.required = given.required
        question.full_clean()
        question.save()
        kept.add(question.pk)
    event.questions.exclude(pk__in=kept).delete()


def _apply(event: Event, data: EventInput) -> None:
    for name in EVENT_FIELDS:
        value = getattr(data, name)
        setattr(event, name, value.strip() if isinstance(value, str) else value)
    event.event_format = data.event_format


@transaction.atomic
def event_create(*, data: EventInput, by) -> Event:
    """A new event with its registration questions."""
    require_perm(by, "events.add_event")
    _check_event(data=data, by=by, event=None)
    event = Event(created_by=by)
    _apply(event, data)
    event.full_clean()
    event.save()
    event.co_organisers.set(data.co_organisers)
    _save_questions(event, data.questions)
    return event


CHANGES_TO_ANNOUNCE = ("start", "end", "venue_name", "address", "online_url")


@transaction.atomic
def event_update(*, event: Event, data: EventInput, by) -> Event:
    """Change an event; more places move people up from the waitlist, and registrants hear of a new time or place."""
    require_perm(by, "events.change_event", event)
    event = _locked(event)
    _check_event(data=data, by=by, event=event)
    before = {name: getattr(event, name) for name in CHANGES_TO_ANNOUNCE}
    _apply(event, data)
    event.full_clean()
    event.save()
    event.co_organisers.set(data.co_organisers)
    _save_questions(event, data.questions)
    _promote_waitlist(event)
    moved = any(getattr(event, name) != value for name, value in before.items())
    if moved and not event.is_past and not event.is_cancelled:
        _mail_after_commit("send_event_changed", event_id=event.pk)
    return event


@transaction.atomic
def event_cancel(*, event: Event, by) -> Event:
    """Call an event off; everyone registered or waiting is told, with a calendar cancellation."""
    require_perm(by, "events.change_event", event)
    event = _locked(event)
    if event.is_cancelled:
        raise ValidationError(_("Diese Veranstaltung ist schon abgesagt."))
    event.is_cancelled = True
    event.save(update_fields=["is_cancelled", "updated_at"])
    _mail_after_commit("send_event_cancelled", event_id=event.pk)
    return event


# --- registration ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationInput:
    name: str
    email: str
    organisation: str = ""
    sector: str = ""
    accessibility_needs: str = ""
    photo_consent: bool = False
    answers: dict[int, str] = field(default_factory=dict)  # question pk -> answer
    language: str = "de"


def check_registration_window(event: Event, *, now: datetime.datetime) -> None:
    """Raise unless ``event`` takes registrations at ``now``."""
    if event.is_cancelled:
        raise ValidationError(_("Diese Veranstaltung ist abgesagt."), code="cancelled")
    if not event.registration_enabled:
        raise ValidationError(
            _("Für diese Veranstaltung ist keine Anmeldung über die Plattform vorgesehen."), code="no_registration"
        )
    if event.registration_opens_at and now < event.registration_opens_at:
        raise ValidationError(
            _("Die Anmeldung beginnt erst am %(when)s.") % {"when": _when(event.registration_opens_at)},
            code="not_open_yet",
        )
    if now >= event.registration_closes:
        raise ValidationError(
            _("Die Anmeldung ist seit %(when)s geschlossen.") % {"when": _when(event.registration_closes)},
            code="closed",
        )


def _checked_details(event: Event, data: RegistrationInput, questions: list[RegistrationQuestion]) -> dict:
    """The registrant's details, cleaned; raises with every problem at once."""
    errors: dict[str, list[str]] = {}

    def problem(field_name, message):
        errors.setdefault(field_name, []).append(message)

    name = data.name.strip()
    if not name:
        problem("name", _("Bitte geben Sie Ihren Namen an."))
    elif len(name) > NAME_MAX:
        problem("name", _("Der Name ist zu lang (höchstens %(max)s Zeichen).") % {"max": NAME_MAX})
    email = data.email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        problem("email", _("Bitte geben Sie eine gültige E-Mail-Adresse an, etwa name@beispiel.de."))
    asked = {
        "organisation": (event.ask_organisation, data.organisation.strip(), _("Bitte geben Sie Ihre Organisation an.")),
        "sector": (event.ask_sector, data.sector, _("Bitte wählen Sie aus, aus welchem Bereich Sie kommen.")),
        "accessibility_needs": (
            event.ask_accessibility,
            data.accessibility_needs.strip(),
            _("Bitte sagen Sie uns, was Sie für die Teilnahme brauchen (oder „nichts“)."),
        ),
    }
    details = {"name": name, "email": email}
    for field_name, (ask, value, missing) in asked.items():
        if ask == Ask.NO:
            value = ""
        elif ask == Ask.REQUIRED and not value:
            problem(field_name, missing)
        details[field_name] = value
    if details["sector"] and details["sector"] not in Sector.values:
        problem("sector", _("Bitte wählen Sie einen der angebotenen Bereiche."))
    if len(details["organisation"]) > 200:
        problem("organisation", _("Der Name der Organisation ist zu lang (höchstens 200 Zeichen)."))
    if len(details["accessibility_needs"]) > ANSWER_MAX:
        problem("accessibility_needs", _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": ANSWER_MAX})
    answers = {}
    for question in questions:
        value = (data.answers.get(question.pk) or "").strip()
        key = f"question_{question.pk}"
        if question.required and not value:
            problem(key, _("Bitte beantworten Sie diese Frage."))
        elif question.kind == QuestionKind.CHOICE and value and value not in question.option_list:
            problem(key, _("Bitte wählen Sie eine der angebotenen Antworten."))
        elif question.kind == QuestionKind.YES_NO and value and value not in ("ja", "nein"):
            problem(key, _("Bitte antworten Sie mit Ja oder Nein."))
        elif len(value) > ANSWER_MAX:
            problem(key, _("Die Antwort ist zu lang (höchstens %(max)s Zeichen).") % {"max": ANSWER_MAX})
        answers[question] = value
    if errors:
        raise ValidationError(errors)
    details["answers"] = answers
    return details


def _duplicate_error() -> ValidationError:
    return ValidationError(
        {
            "email": _(
                "Mit dieser E-Mail-Adresse ist schon eine Anmeldung für diese Veranstaltung eingegangen. "
                "Die Bestätigung mit dem Link zum Abmelden haben Sie per E-Mail erhalten."
            )
        },
        code="duplicate",
    )


def registration_register(
    *, event: Event, data: RegistrationInput, now: datetime.datetime | None = None
) -> Registration:
    """Register someone for ``event``: a place while places are free, else the waitlist if the event keeps one.

    Guarantees: at most ``capacity`` confirmed registrations, whatever arrives
    at the same time; one active registration per e-mail address and event;
    nothing saved when anything is wrong.
    """
    try:
        with transaction.atomic():
            return _register(event=event, data=data, now=now or timezone.now())
    except IntegrityError:
        # Only the one-registration-per-address constraint can fail here: the same address twice at once.
        raise _duplicate_error() from None


def _register(*, event: Event, data: RegistrationInput, now: datetime.datetime) -> Registration:
    event = _locked(event)
    check_registration_window(event, now=now)
    details = _checked_details(event, data, list(event.questions.all()))
    answers = details.pop("answers")
    if event.registrations.active().filter(email=details["email"]).exists():
        raise _duplicate_error()
    registration = Registration(event=event, language=data.language[:5] or "de", photo_consent=data.photo_consent)
    for name, value in details.items():
        setattr(registration, name, value)
    if event.capacity is None or event.registrations.confirmed().count() < event.capacity:
        registration.status, registration.confirmed_at = RegistrationStatus.CONFIRMED, now
    elif event.waitlist_enabled:
        registration.status, registration.waitlisted_at = RegistrationStatus.WAITLISTED, now
    else:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("Die Veranstaltung ist leider ausgebucht, und es gibt keine Warteliste.")]},
            code="full",
        )
    registration.full_clean(validate_constraints=False)
    registration.save()
    RegistrationAnswer.objects.bulk_create(
        RegistrationAnswer(registration=registration, question=question, value=value)
        for question, value in answers.items()
        if value
    )
    _mail_after_commit("send_registration_received", registration_id=registration.pk)
    return registration


def _promote_waitlist(event: Event, *, now: datetime.datetime | None = None) -> list[Registration]:
    """Give free places to the waitlist in the order people joined it; the caller holds the event's lock."""
    now = now or timezone.now()
    if event.is_cancelled or event.start <= now:
        return []
    waiting = event.registrations.waitlisted()
    if event.capacity is not None:
        free = event.capacity - event.registrations.confirmed().count()
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status, registration.confirmed_at = RegistrationStatus.CONFIRMED, now
        registration.save(update_fields=["status", "confirmed_at", "updated_at"])
        _mail_after_commit("send_moved_up", registration_id=registration.pk)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, by=None, now: datetime.datetime | None = None) -> Registration:
    """Cancel a registration, by the person (``by`` None: they hold the mailed link) or by the team.

    A freed place goes to the first person on the waitlist at once.
    """
    if by is not None:
        require_perm(by, "events.change_registration", registration)
    now = now or timezone.now()
    event = _locked(registration.event)
    registration = Registration.objects.get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("Diese Anmeldung ist schon abgemeldet."), code="already_cancelled")
    if registration.anonymised_at is not None or (by is None and event.end <= now):
        raise ValidationError(
            _("Die Veranstaltung ist vorbei; eine Abmeldung ist nicht mehr nötig."), code="event_over"
        )
    held_place = registration.status == RegistrationStatus.CONFIRMED
    registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if by is None:
        _mail_after_commit("send_cancellation_confirmed", registration_id=registration.pk)
    if held_place:
        _promote_waitlist(event, now=now)
    return registration


# --- at the door and afterwards --------------------------------------------------------------


def _check_attendance_day(event: Event, now: datetime.datetime) -> None:
    if timezone.localdate(now) < timezone.localdate(event.start):
        raise ValidationError(_("Die Anwesenheit kann erst ab dem Tag der Veranstaltung erfasst werden."))


@transaction.atomic
def attendance_record(
    *, registration: Registration, attended: bool | None, by, now: datetime.datetime | None = None
) -> Registration:
    """Mark one person with a place as present or absent (``None``: not recorded)."""
    require_perm(by, "events.change_registration", registration)
    now = now or timezone.now()
    registration = Registration.objects.select_related("event").select_for_update().get(pk=registration.pk)
    _check_attendance_day(registration.event, now)
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Nur Personen mit einem Platz können als anwesend erfasst werden."))
    registration.attended = attended
    registration.checked_in_at = now if attended else None
    registration.save(update_fields=["attended", "checked_in_at", "updated_at"])
    return registration


@transaction.atomic
def attendance_close(*, event: Event, by, now: datetime.datetime | None = None) -> int:
    """End the check-in: whoever had a place and was not marked present counts as absent. Returns how many."""
    require_perm(by, "events.change_registration", event)
    now = now or timezone.now()
    event = _locked(event)
    _check_attendance_day(event, now)
    absent = event.registrations.confirmed().filter(attended__isnull=True).update(attended=False, updated_at=now)
    event.attendance_closed_at = now
    event.save(update_fields=["attendance_closed_at", "updated_at"])
    return absent


@dataclass(frozen=True)
class WalkInInput:
    name: str
    email: str = ""
    organisation: str = ""
    sector: str = ""
    photo_consent: bool = False


@transaction.atomic
def walk_in_add(*, event: Event, data: WalkInInput, by, now: datetime.datetime | None = None) -> Registration:
    """Someone who came without registering: present, counted, beyond the places (they are in the room)."""
    require_perm(by, "events.change_registration", event)
    now = now or timezone.now()
    event = _locked(event)
    _check_attendance_day(event, now)
    name, email = data.name.strip(), data.email.strip().lower()
    errors = {}
    if not name:
        errors["name"] = _("Bitte geben Sie den Namen an.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Bitte geben Sie eine gültige E-Mail-Adresse an oder lassen Sie das Feld leer.")
        else:
            if event.registrations.active().filter(email=email).exists():
                errors["email"] = _("Mit dieser E-Mail-Adresse ist schon jemand angemeldet.")
    if data.sector and data.sector not in Sector.values:
        errors["sector"] = _("Bitte wählen Sie einen der angebotenen Bereiche.")
    if errors:
        raise ValidationError(errors)
    registration = Registration(
        event=event,
        status=RegistrationStatus.CONFIRMED,
        name=name,
        email=email,
        organisation=data.organisation.strip(),
        sector=data.sector,
        photo_consent=data.photo_consent,
        walk_in=True,
        confirmed_at=now,
        attended=True,
        checked_in_at=now,
    )
    registration.full_clean(validate_constraints=False)
    registration.save()
    return registration


@transaction.atomic
def report_save(*, event: Event, report: str, by) -> Event:
    """The written documentation of what happened (Markdown)."""
    require_perm(by, "events.document_event", event)
    event.report = report.strip()
    event.save(update_fields=["report", "updated_at"])
    return event


def _documentation_level(event: Event, visibility: int | None, by) -> int:
    level = event.visibility if visibility is None else visibility
    check_not_looser(level=level, floor=event.visibility)
    if level > clearance_for(by, event.committee):
        raise ValidationError({"visibility": _("Diese Sichtbarkeit können Sie nicht wählen.")})
    return level


@transaction.atomic
def photo_add(
    *,
    event: Event,
    upload,
    alt_text: str,
    caption: str = "",
    credit: str = "",
    visibility: int | None = None,
    by,
) -> EventPhoto:
    """A photo for the documentation (JPEG or PNG by content); it needs a text saying what it shows."""
    require_perm(by, "events.document_event", event)
    if not alt_text.strip():
        raise ValidationError({"alt_text": _("Bitte beschreiben Sie, was auf dem Foto zu sehen ist (Alternativtext).")})
    checked = checked_upload(upload, max_bytes=settings.EVENTS_PHOTO_MAX_BYTES, kinds=PHOTO_KINDS)
    photo = EventPhoto(
        event=event,
        alt_text=alt_text.strip(),
        caption=caption.strip(),
        credit=credit.strip(),
        visibility=_documentation_level(event, visibility, by),
        position=event.photos.count(),
        file_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    save_with_file(photo, upload=upload, checked=checked)
    return photo


@transaction.atomic
def file_add(*, event: Event, upload, title: str, visibility: int | None = None, by) -> EventFile:
    """A file for the documentation, checked by its content."""
    require_perm(by, "events.document_event", event)
    checked = checked_upload(upload, max_bytes=settings.EVENTS_FILE_MAX_BYTES)
    document = EventFile(
        event=event,
        title=title.strip() or checked.name,
        visibility=_documentation_level(event, visibility, by),
        position=event.files.count(),
        file_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    save_with_file(document, upload=upload, checked=checked)
    return document


@transaction.atomic
def documentation_remove(*, item: EventPhoto | EventFile, by) -> None:
    """Take a photo or file out of the documentation, the stored file with it once the removal is committed."""
    require_perm(by, "events.document_event", item.event)
    stored = item.file
    item.delete()
    transaction.on_commit(lambda: stored.delete(save=False))
