"""Every change to a request or case: one function each, one transaction, the permission checked.

The public form and the status link act without an account: they call the
``request_*`` and ``requester_*`` functions, which need the case the secret
link opened, never a user. Mails go out after the transaction committed.
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinwohl.accounts.models import Role
from gemeinwohl.advice.models import (
    CONTACT_KINDS,
    FINISHED_STATES,
    Activity,
    ActivityKind,
    Case,
    CaseShare,
    CaseTopic,
    CaseType,
    ConsentText,
    Document,
    Note,
    Referral,
    ReferralOutcome,
    State,
    StateChange,
    StepAnchor,
    TimelineStep,
    Topic,
    Transition,
)
from gemeinwohl.core.deadlines import add_days, pre_emption_period_end
from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.uploads import checked_upload, save_with_file
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Sector

# --- checks shared by the form, the status link and the team's pages ---------------------


def check_text(value: str, *, field_name: str, required: bool = True) -> str:
    """A free text: stripped, not empty where required, not longer than the platform allows."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field_name: _("Bitte füllen Sie dieses Feld aus.")})
    limit = settings.ADVICE_TEXT_MAX_CHARS
    if len(text) > limit:
        raise ValidationError(
            {
                field_name: _("Der Text ist zu lang (%(length)s Zeichen); erlaubt sind höchstens %(limit)s.")
                % {"length": len(text), "limit": limit}
            }
        )
    return text


def check_request_dates(
    *, sale_notified_on: datetime.date | None, deadline: datetime.date | None, today: datetime.date | None = None
) -> None:
    """A sale cannot have been notified in the future, and a deadline ahead cannot have passed."""
    today = today or timezone.localdate()
    errors = {}
    if sale_notified_on is not None:
        if sale_notified_on > today:
            errors["sale_notified_on"] = _("Das Datum der Mitteilung kann nicht in der Zukunft liegen.")
        elif sale_notified_on < today - datetime.timedelta(days=5 * 365):
            errors["sale_notified_on"] = _("Das Datum liegt zu weit zurück.")
    if deadline is not None:
        if deadline < today:
            errors["deadline"] = _(
                "Diese Frist ist schon abgelaufen. Bitte geben Sie eine Frist an, die noch bevorsteht."
            )
        elif deadline > today + datetime.timedelta(days=5 * 365):
            errors["deadline"] = _("Das Datum liegt zu weit in der Zukunft.")
    if errors:
        raise ValidationError(errors)


def respond_by(*, sale_notified_on: datetime.date | None, deadline: datetime.date | None) -> datetime.date | None:
    """The next date that makes the request urgent: the stated deadline or the end of the pre-emption period."""
    dates = [day for day in (deadline, sale_notified_on and pre_emption_period_end(sale_notified_on)) if day]
    return min(dates) if dates else None


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_status_token(case: Case) -> str:
    """A fresh secret for the status link; only its hash is kept, so the old link stops working."""
    token = secrets.token_urlsafe(32)
    case.status_token_hash = _hash_token(token)
    case.status_token_created_at = timezone.now()
    return token


def _mail_after_commit(function_name: str, **kwargs) -> None:
    from gemeinwohl.advice import mails

    send = getattr(mails, function_name)
    transaction.on_commit(lambda: send(**kwargs))


# --- the public request ------------------------------------------------------------------


@dataclass(frozen=True)
class RequestInput:
    group_name: str
    contact_name: str
    email: str
    description: str
    topics: list[str]
    consent_version: str
    phone: str = ""
    sector: str = Sector.CIVIL_SOCIETY
    address: str = ""
    sale_notified_on: datetime.date | None = None
    deadline: datetime.date | None = None
    deadline_note: str = ""
    language: str = "de"


@dataclass(frozen=True)
class SubmittedRequest:
    case: Case
    status_token: str


def _create_timeline(case: Case, *, received_on: datetime.date) -> None:
    """The case type's follow-ups that are due counted from the request's arrival."""
    steps = list(case.case_type.steps.order_by("position", "pk"))
    for index, step in enumerate(steps):
        if index == 0 or step.anchor == StepAnchor.RECEIVED:
            _plan_step(case, step, after=received_on)


def _plan_step(case: Case, step: TimelineStep, *, after: datetime.date, by=None) -> Activity:
    activity = Activity(
        case=case,
        kind=step.kind,
        title=step.title,
        step=step,
        assignee=case.assignee,
        due_date=add_days(after, step.days, working_days=step.working_days),
        created_by=by,
    )
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def request_submit(*, data: RequestInput, now: datetime.datetime | None = None) -> SubmittedRequest:
    """Turn a request from the public form into a new case with its timeline and a private status link.

    Nothing is saved unless every check passes; the confirmation mail with
    the reference number and the status link goes out after commit.
    """
    now = now or timezone.now()
    errors = {}
    consent = ConsentText.objects.current()
    if consent is None or data.consent_version != consent.version:
        errors["consent"] = _(
            "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu. Der Text hat sich eventuell geändert: Bitte lesen Sie ihn erneut."
        )
    try:
        validate_email(data.email)
    except ValidationError:
        errors["email"] = _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org.")
    topics = [topic for topic in dict.fromkeys(data.topics) if topic in Topic.values]
    if not topics:
        errors["topics"] = _("Bitte wählen Sie mindestens ein Thema.")
    if data.sector not in Sector.values:
        errors["sector"] = _("Bitte wählen Sie einen der angebotenen Bereiche.")
    for name in ("group_name", "contact_name", "description"):
        try:
            check_text(getattr(data, name), field_name=name)
        except ValidationError as error:
            errors.update(error.error_dict)
    try:
        check_request_dates(
            sale_notified_on=data.sale_notified_on, deadline=data.deadline, today=timezone.localdate(now)
        )
    except ValidationError as error:
        errors.update(error.error_dict)
    case_type = CaseType.objects.active().filter(is_default=True).first() or CaseType.objects.active().first()
    if case_type is None:
        errors[NON_FIELD_ERRORS] = _(
            "Anfragen können gerade nicht angenommen werden. Bitte schreiben Sie uns eine E-Mail."
        )
    if errors:
        raise ValidationError(errors)

    case = Case(
        case_type=case_type,
        group_name=data.group_name.strip(),
        contact_name=data.contact_name.strip(),
        email=data.email.strip(),
        phone=data.phone.strip(),
        sector=data.sector,
        address=data.address.strip(),
        sale_notified_on=data.sale_notified_on,
        deadline=data.deadline,
        deadline_note=data.deadline_note.strip(),
        description=data.description.strip(),
        language=data.language if data.language in ("de", "en") else "de",
        consent=consent,
        consented_at=now,
        received_at=now,
        respond_by=respond_by(sale_notified_on=data.sale_notified_on, deadline=data.deadline),
    )
    token = _new_status_token(case)
    case.full_clean(exclude=["reference"])
    case.save()
    case.reference = f"B-{timezone.localtime(now).year}-{case.pk:05d}"
    case.save(update_fields=["reference"])
    CaseTopic.objects.bulk_create([CaseTopic(case=case, topic=topic) for topic in topics])
    StateChange.objects.create(case=case, source="", target=State.NEW, at=now)
    _create_timeline(case, received_on=timezone.localdate(now))
    _mail_after_commit("send_confirmation", case_id=case.pk, token=token)
    return SubmittedRequest(case=case, status_token=token)


# --- what the requester does through the status link -----------------------------------------


@transaction.atomic
def requester_add_information(*, case: Case, text: str = "", upload=None) -> None:
    """Add information and/or a document to one's own request; the assignee hears of it."""
    if case.is_anonymised:
        raise ValidationError(_("Diese Anfrage ist abgeschlossen und kann nicht mehr ergänzt werden."))
    text = check_text(text, field_name="text", required=upload is None)
    if not text and upload is None:
        raise ValidationError({"text": _("Bitte schreiben Sie etwas oder wählen Sie eine Datei.")})
    if text:
        Note.objects.create(
            case=case, text=text, visibility=Visibility.TEAM, shared_with_requester=True, from_requester=True
        )
    if upload is not None:
        _store_document(case=case, upload=upload, visibility=Visibility.TEAM, shared=True, from_requester=True, by=None)
    case.requester_updated_at = timezone.now()
    case.save(update_fields=["requester_updated_at", "updated_at"])
    if case.assignee_id:
        _mail_after_commit("send_requester_news", case_id=case.pk)


# --- the team's work on a case --------------------------------------------------------------


@transaction.atomic
def status_link_renew(*, case: Case, by) -> str:
    """Make a new status link and mail it to the requester; the old link stops working at once."""
    require_perm(by, "advice.renew_status_link", case)
    if case.is_anonymised:
        raise ValidationError(
            _("Der Fall ist anonymisiert; es gibt keine Anfragenden mehr, denen ein Link gehen könnte.")
        )
    token = _new_status_token(case)
    case.save(update_fields=["status_token_hash", "status_token_created_at", "updated_at"])
    _mail_after_commit("send_new_status_link", case_id=case.pk, token=token)
    return token


def check_assignee(user) -> None:
    """Only an active member of the AKS team can be responsible for a case or a follow-up."""
    if user is not None and not (user.is_active and user.is_team):
        raise ValidationError({"assignee": _("Zuständig sein kann nur, wer zum AKS-Team gehört.")})


@transaction.atomic
def case_assign(*, case: Case, assignee, by) -> Case:
    """Give the case to a team member; its open follow-ups go with it."""
    require_perm(by, "advice.change_case", case)
    check_assignee(assignee)
    previous = case.assignee_id
    case.assignee = assignee
    case.save(update_fields=["assignee", "updated_at"])
    case.activities.filter(done_on__isnull=True).filter(assignee_id=previous).update(
        assignee=assignee, updated_at=timezone.now()
    )
    if assignee is not None and assignee.pk != getattr(by, "pk", None) and assignee.pk != previous:
        _mail_after_commit("send_assigned", case_id=case.pk)
    return case


@transaction.atomic
def case_change_type(*, case: Case, case_type: CaseType, by) -> Case:
    """Give the case another type: the old type's open follow-ups go, the new type's timeline starts."""
    require_perm(by, "advice.change_case", case)
    if not case_type.active:
        raise ValidationError({"case_type": _("Dieser Falltyp wird nicht mehr verwendet.")})
    if case_type.pk == case.case_type_id:
        return case
    if (
        not case_type.transitions.filter(source=case.state).exists()
        and case.state != State.NEW
        and not case.is_finished
    ):
        # A type that knows no way on from the current state would strand the case.
        raise ValidationError(
            {"case_type": _("Mit diesem Falltyp käme der Fall aus seinem jetzigen Stand nicht weiter.")}
        )
    case.activities.filter(done_on__isnull=True, step__isnull=False).delete()
    case.case_type = case_type
    case.save(update_fields=["case_type", "updated_at"])
    if not case.is_finished:
        _create_timeline(case, received_on=timezone.localdate())
    return case


def allowed_targets(case: Case) -> list[str]:
    """The states the case's type lets it move to from where it is."""
    return list(
        Transition.objects.filter(case_type_id=case.case_type_id, source=case.state)
        .order_by("target")
        .values_list("target", flat=True)
    )


@transaction.atomic
def case_transition(*, case: Case, target: str, by) -> Case:
    """Move the case to ``target``, only along a transition its type allows."""
    require_perm(by, "advice.change_case", case)
    if target not in State.values:
        raise ValidationError({"state": _("Unbekannter Stand.")})
    if not Transition.objects.filter(case_type_id=case.case_type_id, source=case.state, target=target).exists():
        raise ValidationError(
            {
                "state": _("Von „%(source)s“ nach „%(target)s“ ist bei diesem Falltyp nicht vorgesehen.")
                % {"source": State(case.state).label, "target": State(target).label}
            }
        )
    source = case.state
    now = timezone.now()
    case.state = target
    case.closed_at = now if target in FINISHED_STATES else None
    case.save(update_fields=["state", "closed_at", "updated_at"])
    StateChange.objects.create(case=case, source=source, target=target, at=now, by=by)
    if target in FINISHED_STATES:
        # Nothing is due on a finished case any more.
        case.activities.filter(done_on__isnull=True, step__isnull=False).delete()
    _mail_after_commit("send_progress", case_id=case.pk)
    return case


def _mark_first_response(case: Case, moment: datetime.datetime) -> None:
    if case.first_response_at is None or moment < case.first_response_at:
        case.first_response_at = moment
        case.save(update_fields=["first_response_at", "updated_at"])


def check_case_level(*, case: Case, by, visibility: int, shared: bool) -> None:
    """A note or document is for the team or administration-internal; shared ones never internal."""
    if visibility not in (Visibility.TEAM, Visibility.INTERNAL):
        raise ValidationError({"visibility": _("Bitte wählen Sie „Team“ oder „verwaltungsintern“.")})
    clearance = case.clearance_for(by)
    if clearance is None or visibility > clearance:
        raise ValidationError({"visibility": _("Diese Sichtbarkeit können Sie nicht vergeben.")})
    if shared and visibility != Visibility.TEAM:
        raise ValidationError(
            {"visibility": _("Verwaltungsinterne Einträge können nicht mit den Anfragenden geteilt werden.")}
        )


@transaction.atomic
def note_add(*, case: Case, by, text: str, visibility: int = Visibility.TEAM, shared: bool = False) -> Note:
    """Write a note on the case: for the team, administration-internal, or shared with the requester."""
    require_perm(by, "advice.add_note", case)
    if shared:
        require_perm(by, "advice.change_case", case)
    check_case_level(case=case, by=by, visibility=visibility, shared=shared)
    note = Note(
        case=case,
        text=check_text(text, field_name="text"),
        visibility=visibility,
        shared_with_requester=shared,
        author=by,
    )
    note.full_clean()
    note.save()
    if shared:
        _mark_first_response(case, note.created_at)
        _mail_after_commit("send_progress", case_id=case.pk)
    return note


def _store_document(*, case: Case, upload, visibility: int, shared: bool, from_requester: bool, by) -> Document:
    checked = checked_upload(upload, max_bytes=settings.ADVICE_DOCUMENT_MAX_BYTES)
    document = Document(
        case=case,
        file_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        visibility=visibility,
        shared_with_requester=shared,
        from_requester=from_requester,
        uploaded_by=by,
    )
    save_with_file(document, upload=upload, checked=checked)
    return document


@transaction.atomic
def document_add(*, case: Case, by, upload, visibility: int = Visibility.TEAM, shared: bool = False) -> Document:
    """Attach a checked file (type by content, size) to the case, for the team, internal or shared."""
    require_perm(by, "advice.change_case", case)
    check_case_level(case=case, by=by, visibility=visibility, shared=shared)
    return _store_document(case=case, upload=upload, visibility=visibility, shared=shared, from_requester=False, by=by)


def check_activity_dates(*, due_date: datetime.date | None = None, done_on: datetime.date | None = None) -> None:
    today = timezone.localdate()
    if done_on is not None and done_on > today:
        raise ValidationError({"done_on": _("Was erledigt ist, kann nicht in der Zukunft liegen.")})
    if done_on is not None and done_on < today - datetime.timedelta(days=365):
        raise ValidationError({"done_on": _("Das Datum liegt zu weit zurück.")})
    if due_date is not None and due_date < today - datetime.timedelta(days=365):
        raise ValidationError({"due_date": _("Das Datum liegt zu weit zurück.")})


def _moment_of(day: datetime.date) -> datetime.datetime:
    """When something done on ``day`` counts as done: now if today, else midday of that day."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@dataclass(frozen=True)
class ActivityInput:
    kind: str
    title: str
    done_on: datetime.date | None = None
    due_date: datetime.date | None = None
    minutes: int | None = None
    note: str = ""
    assignee: object | None = None


@transaction.atomic
def activity_record(*, case: Case, by, data: ActivityInput) -> Activity:
    """Record an activity done (with the time spent) or plan one with a due date."""
    require_perm(by, "advice.change_case", case)
    if data.kind not in ActivityKind.values:
        raise ValidationError({"kind": _("Unbekannte Art.")})
    if data.done_on is None and data.due_date is None:
        raise ValidationError({"done_on": _("Bitte geben Sie an, wann es erledigt wurde oder bis wann es fällig ist.")})
    check_activity_dates(due_date=data.due_date, done_on=data.done_on)
    assignee = data.assignee if data.assignee is not None else (case.assignee or by)
    check_assignee(assignee)
    activity = Activity(
        case=case,
        kind=data.kind,
        title=check_text(data.title, field_name="title")[:200],
        done_on=data.done_on,
        due_date=data.due_date,
        minutes=data.minutes,
        note=check_text(data.note, field_name="note", required=False),
        assignee=assignee,
        created_by=by,
    )
    activity.full_clean()
    activity.save()
    if activity.done_on is not None and activity.kind in CONTACT_KINDS:
        _mark_first_response(case, _moment_of(activity.done_on))
    return activity


@transaction.atomic
def activity_complete(
    *, activity: Activity, by, done_on: datetime.date, minutes: int | None = None, note: str = ""
) -> Activity:
    """Mark a follow-up done; the next step of the timeline that waits for it becomes due."""
    case = activity.case
    require_perm(by, "advice.change_case", case)
    if activity.done_on is not None:
        raise ValidationError(_("Das ist schon erledigt."))
    check_activity_dates(done_on=done_on)
    activity.done_on = done_on
    activity.minutes = minutes
    if note:
        activity.note = check_text(note, field_name="note", required=False)
    activity.full_clean()
    activity.save(update_fields=["done_on", "minutes", "note", "updated_at"])
    if activity.kind in CONTACT_KINDS:
        _mark_first_response(case, _moment_of(done_on))
    if activity.step_id is not None and not case.is_finished:
        following = (
            TimelineStep.objects.filter(case_type_id=activity.step.case_type_id, position__gt=activity.step.position)
            .order_by("position", "pk")
            .first()
        )
        if following is not None and following.anchor == StepAnchor.PREVIOUS:
            _plan_step(case, following, after=done_on, by=by)
    return activity


@dataclass(frozen=True)
class ReferralInput:
    organisation: object
    referred_on: datetime.date
    reason: str = ""
    contact_person: object | None = None


@transaction.atomic
def referral_add(*, case: Case, by, data: ReferralInput) -> Referral:
    """Hand the case on to an organisation of the address book (the reader must be able to see it)."""
    require_perm(by, "advice.change_case", case)
    from gemeinwohl.directory.models import Organisation, Person

    if not Organisation.objects.visible_to(by).active().filter(pk=data.organisation.pk).exists():
        raise ValidationError({"organisation": _("Diese Organisation gibt es im Adressbuch nicht.")})
    if data.contact_person is not None and not Person.objects.visible_to(by).filter(pk=data.contact_person.pk).exists():
        raise ValidationError({"contact_person": _("Diese Person gibt es im Adressbuch nicht.")})
    if data.referred_on > timezone.localdate():
        raise ValidationError({"referred_on": _("Eine Weitervermittlung kann nicht in der Zukunft liegen.")})
    check_activity_dates(done_on=data.referred_on)
    referral = Referral(
        case=case,
        organisation=data.organisation,
        contact_person=data.contact_person,
        referred_on=data.referred_on,
        reason=check_text(data.reason, field_name="reason", required=False),
        created_by=by,
    )
    referral.full_clean()
    referral.save()
    case.organisations.add(data.organisation)
    return referral


@transaction.atomic
def referral_record_outcome(*, referral: Referral, by, outcome: str, note: str = "") -> Referral:
    """Note what came of a referral (angenommen, hat geholfen, abgelehnt, ohne Ergebnis)."""
    require_perm(by, "advice.change_case", referral.case)
    if outcome not in ReferralOutcome.values:
        raise ValidationError({"outcome": _("Unbekanntes Ergebnis.")})
    referral.outcome = outcome
    referral.outcome_note = check_text(note, field_name="outcome_note", required=False)
    referral.save(update_fields=["outcome", "outcome_note", "updated_at"])
    return referral


@transaction.atomic
def case_share(*, case: Case, user, by) -> CaseShare:
    """Let one Bezirksamt account open the case."""
    require_perm(by, "advice.share_case", case)
    if not user.is_active or user.role != Role.BEZIRKSAMT:
        raise ValidationError({"user": _("Geteilt werden kann nur mit Mitarbeitenden des Bezirksamts.")})
    share, _created = CaseShare.objects.get_or_create(case=case, user=user, defaults={"shared_by": by})
    return share


@transaction.atomic
def case_unshare(*, case: Case, user, by) -> None:
    """Take the case back from a Bezirksamt account."""
    require_perm(by, "advice.share_case", case)
    CaseShare.objects.filter(case=case, user=user).delete()


@dataclass(frozen=True)
class LinksInput:
    people: list = field(default_factory=list)
    organisations: list = field(default_factory=list)


@transaction.atomic
def case_set_links(*, case: Case, by, data: LinksInput) -> Case:
    """Set the people and organisations of the address book the case involves (among those ``by`` can see).

    Links to entries ``by`` cannot see stay as they are.
    """
    require_perm(by, "advice.change_case", case)
    from gemeinwohl.directory.models import Organisation, Person

    for manager, chosen, model in (
        (case.people, data.people, Person),
        (case.organisations, data.organisations, Organisation),
    ):
        visible = set(model.objects.visible_to(by).values_list("pk", flat=True))
        wanted = {entry.pk for entry in chosen}
        if wanted - visible:
            raise ValidationError(_("Ein gewählter Eintrag ist im Adressbuch nicht zu finden."))
        current = set(manager.values_list("pk", flat=True))
        hidden = current - visible
        manager.set(list(wanted | hidden))
    return case
