"""Every change to committees, meetings and what is recorded in them.

Each function checks the permission of ``by``, validates everything it writes
and runs in one transaction; mails and calendar updates go out after commit.
Content is never looser than what it belongs to (committee → meeting →
agenda item → document, minutes, decision), nor above what its author may read.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinwohl.committees.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Committee,
    Decision,
    Document,
    Invitation,
    InvitationResponse,
    Meeting,
    MeetingState,
    Membership,
    Minutes,
    MinutesEntry,
    MinutesRevision,
    MinutesState,
    Task,
    TaskStatus,
)
from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.uploads import checked_upload, save_with_file
from gemeinwohl.core.visibility import Visibility, check_not_looser, clearance_for
from gemeinwohl.directory.models import Organisation


def _check_level(*, by, level: int, floor: int, scope: Committee) -> None:
    """Nobody files content above what they may read in the committee, nor looser than its container."""
    if level > clearance_for(by, scope):
        raise ValidationError({"visibility": _("Diese Sichtbarkeit können Sie in diesem Gremium nicht vergeben.")})
    check_not_looser(level=level, floor=floor)


# --- committees and members ---------------------------------------------------------


@dataclass
class CommitteeInput:
    name: str
    short_name: str
    slug: str
    kind: str
    visibility: int
    purpose: str = ""
    rhythm: str = ""
    organisers: list | None = None


def _apply_committee(committee: Committee, data: CommitteeInput) -> None:
    committee.name, committee.short_name, committee.slug = data.name.strip(), data.short_name.strip(), data.slug
    committee.kind, committee.visibility = data.kind, data.visibility
    committee.purpose, committee.rhythm = data.purpose.strip(), data.rhythm.strip()


@transaction.atomic
def committee_create(*, by, data: CommitteeInput) -> Committee:
    """Set up a committee the AKS runs or takes part in."""
    require_perm(by, "committees.add_committee")
    if data.visibility > clearance_for(by):
        raise ValidationError({"visibility": _("Diese Sichtbarkeit können Sie nicht vergeben.")})
    committee = Committee()
    _apply_committee(committee, data)
    committee.full_clean()
    committee.save()
    committee.organisers.set(data.organisers or [])
    return committee


@transaction.atomic
def committee_update(*, committee: Committee, by, data: CommitteeInput) -> Committee:
    """Change a committee. Making it stricter makes everything in it at least as strict."""
    require_perm(by, "committees.change_committee", committee)
    if data.visibility > clearance_for(by, committee):
        raise ValidationError({"visibility": _("Diese Sichtbarkeit können Sie nicht vergeben.")})
    _apply_committee(committee, data)
    committee.full_clean()
    committee.save()
    # Organisers the editor cannot see stay; the editor only chooses among the ones they see.
    hidden = list(committee.organisers.exclude(pk__in=Organisation.objects.visible_to(by).values("pk")))
    committee.organisers.set([*(data.organisers or []), *hidden])
    level, now = committee.visibility, timezone.now()
    for queryset in (
        Meeting.objects.filter(committee=committee),
        AgendaItem.objects.filter(meeting__committee=committee),
        Document.objects.filter(meeting__committee=committee),
        Decision.objects.filter(agenda_item__meeting__committee=committee),
        Task.objects.filter(committee=committee),
        Membership.objects.filter(committee=committee),
    ):
        queryset.filter(visibility__lt=level).update(visibility=level, updated_at=now)
    return committee


@transaction.atomic
def membership_add(
    *,
    committee: Committee,
    person,
    role: str,
    sector: str,
    by,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    visibility: int | None = None,
) -> Membership:
    """Give ``person`` a seat in ``committee``. Public only for people who consented to be named."""
    require_perm(by, "committees.manage_members", committee)
    # Who sits in a committee is for its members unless said otherwise.
    level = max(committee.visibility, Visibility.MEMBERS) if visibility is None else visibility
    _check_level(by=by, level=level, floor=committee.visibility, scope=committee)
    if level == 0 and not person_consents_to_public_listing(person):
        raise ValidationError(
            {
                "visibility": _(
                    "Öffentlich genannt werden nur Personen, die in die öffentliche Nennung eingewilligt haben."
                )
            }
        )
    if Membership.objects.current().filter(committee=committee, person=person).exists():
        raise ValidationError(_("%(person)s ist schon Mitglied dieses Gremiums.") % {"person": person})
    membership = Membership(
        committee=committee,
        person=person,
        role=role,
        sector=sector,
        start_date=start_date,
        end_date=end_date,
        visibility=level,
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date: datetime.date, by) -> Membership:
    """End a seat; the history stays."""
    require_perm(by, "committees.manage_members", membership.committee)
    membership.end_date = end_date
    membership.full_clean()
    membership.save(update_fields=["end_date", "updated_at"])
    return membership


def person_consents_to_public_listing(person) -> bool:
    """Whether the person's latest word on being named publicly is yes."""
    from gemeinwohl.directory.models import ConsentPurpose, ConsentRecord

    latest = (
        ConsentRecord.objects.filter(person=person, consent_text__purpose=ConsentPurpose.PUBLIC_LISTING)
        .order_by("-given_on", "-pk")
        .first()
    )
    return bool(latest and latest.granted)


# --- meetings ----------------------------------------------------------------------


@dataclass
class MeetingInput:
    start: datetime.datetime
    end: datetime.datetime
    visibility: int
    title: str = ""
    room: str = ""
    address: str = ""
    online_url: str = ""


def check_meeting_place(*, room: str, address: str, online_url: str) -> None:
    """A meeting happens somewhere: a room, an address or an online link (web form and API ask the same)."""
    if not (room or address or online_url):
        raise ValidationError({"room": _("Bitte einen Raum, eine Anschrift oder einen Online-Zugang angeben.")})


CALENDAR_FIELDS = ("start", "end", "title", "room", "address", "online_url")


def _apply_meeting(meeting: Meeting, data: MeetingInput) -> bool:
    """Copy ``data`` onto ``meeting``; whether anything calendars show has changed."""
    changed = any(getattr(meeting, name) != getattr(data, name) for name in CALENDAR_FIELDS)
    for name in (*CALENDAR_FIELDS, "visibility"):
        setattr(meeting, name, getattr(data, name))
    return changed


@transaction.atomic
def meeting_schedule(*, committee: Committee, data: MeetingInput, by) -> Meeting:
    """Plan a meeting of ``committee``."""
    require_perm(by, "committees.add_meeting", committee)
    _check_level(by=by, level=data.visibility, floor=committee.visibility, scope=committee)
    meeting = Meeting(committee=committee, created_by=by)
    _apply_meeting(meeting, data)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, data: MeetingInput, by) -> Meeting:
    """Change time, place or level of a meeting.

    Invited members get the change in their calendars (the same UID, a higher SEQUENCE).
    """
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_perm(by, "committees.change_meeting", meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Eine abgesagte Sitzung kann nicht mehr geändert werden."))
    _check_level(by=by, level=data.visibility, floor=meeting.committee.visibility, scope=meeting.committee)
    changed = _apply_meeting(meeting, data)
    meeting.full_clean()
    if changed:
        meeting.sequence = F("sequence") + 1
    meeting.save()
    meeting.refresh_from_db()
    _raise_items(meeting)
    if changed and meeting.state == MeetingState.INVITED:
        _after_commit_send(meeting, "update")
    return meeting


def _raise_items(meeting: Meeting) -> None:
    now, level = timezone.now(), meeting.visibility
    AgendaItem.objects.filter(meeting=meeting, visibility__lt=level).update(visibility=level, updated_at=now)
    Document.objects.filter(meeting=meeting, visibility__lt=level).update(visibility=level, updated_at=now)
    Decision.objects.filter(agenda_item__meeting=meeting, visibility__lt=level).update(visibility=level, updated_at=now)


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by) -> Meeting:
    """Call a meeting off; invited members' calendars get a cancellation."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_perm(by, "committees.cancel_meeting", meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Die Sitzung ist bereits abgesagt."))
    was_invited = meeting.state == MeetingState.INVITED
    meeting.state = MeetingState.CANCELLED
    meeting.sequence = F("sequence") + 1
    meeting.save(update_fields=["state", "sequence", "updated_at"])
    meeting.refresh_from_db()
    if was_invited:
        _after_commit_send(meeting, "cancel")
    return meeting


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by) -> Meeting:
    """Record that the meeting took place."""
    require_perm(by, "committees.change_meeting", meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Eine abgesagte Sitzung kann nicht stattgefunden haben."))
    if meeting.start > timezone.now():
        raise ValidationError(_("Die Sitzung hat noch nicht begonnen."))
    meeting.state = MeetingState.HELD
    meeting.save(update_fields=["state", "updated_at"])
    return meeting


# --- agenda --------------------------------------------------------------------------


@dataclass
class AgendaItemInput:
    title: str
    visibility: int
    description: str = ""
    kind: str = "beratung"
    presenter: str = ""


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, data: AgendaItemInput, by) -> AgendaItem:
    """Add a point at the end of the agenda; it may be stricter than its meeting, never looser."""
    require_perm(by, "committees.change_agenda", meeting)
    _check_level(by=by, level=data.visibility, floor=meeting.visibility, scope=meeting.committee)
    last = AgendaItem.objects.filter(meeting=meeting).order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem(meeting=meeting, position=(last or 0) + 1)
    _apply_item(item, data)
    item.full_clean()
    item.save()
    return item


def _apply_item(item: AgendaItem, data: AgendaItemInput) -> None:
    item.title, item.description = data.title.strip(), data.description.strip()
    item.kind, item.presenter, item.visibility = data.kind, data.presenter.strip(), data.visibility


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, data: AgendaItemInput, by) -> AgendaItem:
    """Change a point of the agenda; documents and decisions under it follow a stricter level."""
    require_perm(by, "committees.change_agenda", item)
    _check_level(by=by, level=data.visibility, floor=item.meeting.visibility, scope=item.meeting.committee)
    _apply_item(item, data)
    item.full_clean()
    item.save()
    now = timezone.now()
    Document.objects.filter(agenda_item=item, visibility__lt=item.visibility).update(
        visibility=item.visibility, updated_at=now
    )
    Decision.objects.filter(agenda_item=item, visibility__lt=item.visibility).update(
        visibility=item.visibility, updated_at=now
    )
    return item


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, by, up: bool) -> None:
    """Swap a point with its neighbour above or below among those ``by`` can see; others keep their place."""
    require_perm(by, "committees.change_agenda", item)
    rows = list(
        AgendaItem.objects.filter(meeting=item.meeting, deleted_at__isnull=True)
        .select_for_update()
        .order_by("position", "pk")
    )
    visible = set(AgendaItem.objects.visible_to(by).filter(meeting=item.meeting).values_list("pk", flat=True))
    seen = [row for row in rows if row.pk in visible]
    index = next(i for i, row in enumerate(seen) if row.pk == item.pk)
    neighbour = index - 1 if up else index + 1
    if not 0 <= neighbour < len(seen):
        return
    a, b = rows.index(seen[index]), rows.index(seen[neighbour])
    rows[a], rows[b] = rows[b], rows[a]
    now = timezone.now()
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            AgendaItem.objects.filter(pk=row.pk).update(position=position, updated_at=now)


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem, by) -> None:
    """Take a point off the agenda. Points with minutes or decisions stay, as records others cite."""
    require_perm(by, "committees.change_agenda", item)
    if (
        item.decisions.filter(deleted_at__isnull=True).exists()
        or MinutesEntry.objects.filter(agenda_item=item).exclude(text="").exists()
    ):
        raise ValidationError(
            _("Zu diesem Punkt gibt es schon Protokoll oder Beschlüsse; er bleibt auf der Tagesordnung.")
        )
    item.deleted_at = timezone.now()
    item.save(update_fields=["deleted_at", "updated_at"])


# --- documents -----------------------------------------------------------------------


@transaction.atomic
def document_attach(
    *, meeting: Meeting, upload, title: str, visibility: int, by, agenda_item: AgendaItem | None = None
) -> Document:
    """Attach a checked file (type by content, size) to a meeting or one of its points."""
    require_perm(by, "committees.add_document", meeting)
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": _("Dieser Tagesordnungspunkt gehört nicht zu dieser Sitzung.")})
    floor = agenda_item.visibility if agenda_item else meeting.visibility
    _check_level(by=by, level=visibility, floor=floor, scope=meeting.committee)
    checked = checked_upload(upload, max_bytes=settings.COMMITTEES_DOCUMENT_MAX_BYTES)
    document = Document(
        meeting=meeting,
        agenda_item=agenda_item,
        title=(title or checked.name).strip()[:200],
        file_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        visibility=visibility,
        uploaded_by=by,
    )
    save_with_file(document, upload=upload, checked=checked)
    return document


# --- invitations ---------------------------------------------------------------------


def _after_commit_send(meeting: Meeting, kind: str) -> None:
    from gemeinwohl.committees.invitations import send_meeting_mail

    meeting_id = meeting.pk
    transaction.on_commit(lambda: send_meeting_mail(meeting_id=meeting_id, kind=kind))


@transaction.atomic
def invitations_send(*, meeting: Meeting, by) -> list[Invitation]:
    """Invite every current member with an e-mail address; each gets the agenda they may see and an .ics.

    Sending again (e.g. after the agenda changed) re-sends with a higher SEQUENCE.
    """
    from gemeinwohl.committees.invitations import MemberReader, member_addresses

    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require_perm(by, "committees.invite_meeting", meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Zu einer abgesagten Sitzung kann nicht eingeladen werden."))
    if meeting.end < timezone.now():
        raise ValidationError(_("Die Sitzung liegt in der Vergangenheit; es wird nicht mehr eingeladen."))
    addresses = member_addresses(meeting.committee)
    if not addresses:
        raise ValidationError(
            _("Das Gremium hat keine aktuellen Mitglieder mit E-Mail-Adresse; es wurde niemand eingeladen.")
        )
    # Only members who may see this meeting are invited (a team meeting of a members' committee, say).
    member_ids = {person.pk for person, _email in addresses}
    addresses = [(p, e) for p, e in addresses if MemberReader.of(p, current_member_ids=member_ids).sees(meeting)]
    if not addresses:
        raise ValidationError(_("Keines der Mitglieder darf diese Sitzung sehen; es wurde niemand eingeladen."))
    now = timezone.now()
    if meeting.invited_at is not None:
        meeting.sequence = F("sequence") + 1
    meeting.state, meeting.invited_at = MeetingState.INVITED, now
    meeting.save(update_fields=["state", "invited_at", "sequence", "updated_at"])
    meeting.refresh_from_db()
    invitations = []
    for person, email in addresses:
        invitation, _created = Invitation.objects.update_or_create(
            meeting=meeting, person=person, defaults={"email": email, "sent_at": now, "sequence": meeting.sequence}
        )
        invitations.append(invitation)
    _after_commit_send(meeting, "invite")
    return invitations


@transaction.atomic
def invitation_respond(*, invitation: Invitation, response: str) -> Invitation:
    """A member answers from the link in the mail: zusagen or absagen."""
    if response not in (InvitationResponse.ACCEPTED, InvitationResponse.DECLINED):
        raise ValidationError(_("Unbekannte Antwort."))
    if invitation.meeting.is_cancelled:
        raise ValidationError(_("Die Sitzung ist abgesagt."))
    invitation.response, invitation.responded_at = response, timezone.now()
    invitation.save(update_fields=["response", "responded_at", "updated_at"])
    return invitation


# --- attendance ----------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, meeting: Meeting, statuses: dict, by) -> list[Attendance]:
    """Record who was there (anwesend, entschuldigt, abwesend), with the sector each represented."""
    require_perm(by, "committees.record_attendance", meeting)
    if meeting.is_cancelled:
        raise ValidationError(_("Für eine abgesagte Sitzung gibt es keine Anwesenheit."))
    sectors = dict(
        Membership.objects.filter(committee=meeting.committee, person__in=list(statuses)).values_list(
            "person_id", "sector"
        )
    )
    records = []
    for person, status in statuses.items():
        if status not in AttendanceStatus.values:
            raise ValidationError(_("Unbekannter Stand der Anwesenheit: %(status)s") % {"status": status})
        sector = sectors.get(person.pk)
        if sector is None:
            raise ValidationError(_("%(person)s ist nicht Mitglied dieses Gremiums.") % {"person": person})
        record, _created = Attendance.objects.update_or_create(
            meeting=meeting, person=person, defaults={"status": status, "sector": sector}
        )
        records.append(record)
    return records


# --- minutes -------------------------------------------------------------------------


class MinutesConflict(Exception):
    """Someone else saved the entry since this editor loaded it."""

    def __init__(self, *, entry: MinutesEntry, mine: str):
        self.entry, self.mine, self.theirs = entry, mine, entry.text
        super().__init__(_("Jemand anderes hat diesen Protokolleintrag inzwischen geändert."))


def minutes_for(meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


@transaction.atomic
def minutes_save_entry(*, item: AgendaItem, text: str, base_version: int, by) -> MinutesEntry:
    """Save the minutes of one agenda point, unless someone saved a newer version meanwhile.

    Draft minutes only; approved minutes change through ``minutes_correct``.
    """
    require_perm(by, "committees.edit_minutes", item)
    minutes = Minutes.objects.select_for_update().get_or_create(meeting=item.meeting)[0]
    if minutes.is_approved:
        raise ValidationError(
            _(
                "Das Protokoll ist genehmigt und kann nicht mehr bearbeitet werden. Änderungen sind nur als Korrektur möglich."
            )
        )
    return _write_entry(minutes=minutes, item=item, text=text, base_version=base_version, by=by)


def _write_entry(*, minutes, item, text, base_version, by, reason: str = "") -> MinutesEntry:
    entry, _created = MinutesEntry.objects.select_for_update().get_or_create(
        agenda_item=item, defaults={"minutes": minutes}
    )
    text = text.strip()
    if entry.version != base_version:
        raise MinutesConflict(entry=entry, mine=text)
    if text == entry.text:
        return entry
    entry.text, entry.version, entry.updated_by = text, entry.version + 1, by
    entry.save(update_fields=["text", "version", "updated_by", "updated_at"])
    MinutesRevision.objects.create(
        entry=entry, version=entry.version, text=text, author=by, is_correction=bool(reason), reason=reason
    )
    return entry


@transaction.atomic
def minutes_approve(*, meeting: Meeting, by) -> Minutes:
    """Approve the minutes (genehmigt): from now on they are read-only."""
    require_perm(by, "committees.approve_minutes", meeting)
    minutes = Minutes.objects.select_for_update().get_or_create(meeting=meeting)[0]
    if minutes.is_approved:
        raise ValidationError(_("Das Protokoll ist bereits genehmigt."))
    if meeting.is_cancelled:
        raise ValidationError(_("Eine abgesagte Sitzung hat kein Protokoll."))
    if not minutes.entries.exclude(text="").exists():
        raise ValidationError(_("Das Protokoll ist noch leer."))
    minutes.state, minutes.approved_at, minutes.approved_by = MinutesState.APPROVED, timezone.now(), by
    minutes.full_clean()
    minutes.save()
    return minutes


@transaction.atomic
def minutes_correct(*, item: AgendaItem, text: str, reason: str, base_version: int, by) -> MinutesEntry:
    """Correct approved minutes: a new version that says who changed what, when and why."""
    require_perm(by, "committees.approve_minutes", item.meeting)
    minutes = Minutes.objects.select_for_update().get_or_create(meeting=item.meeting)[0]
    if not minutes.is_approved:
        raise ValidationError(
            _("Ein Entwurf wird einfach bearbeitet; Korrekturen gibt es nur an genehmigten Protokollen.")
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte den Grund der Korrektur angeben.")})
    return _write_entry(minutes=minutes, item=item, text=text, base_version=base_version, by=by, reason=reason.strip())


# --- decisions and tasks --------------------------------------------------------------


@dataclass
class DecisionInput:
    text: str
    result: str
    visibility: int
    votes_yes: int | None = None
    votes_no: int | None = None
    votes_abstain: int | None = None


@transaction.atomic
def decision_record(*, item: AgendaItem, data: DecisionInput, by) -> Decision:
    """Record a decision under an agenda point; numbered per committee and year (e.g. SR-2026/03)."""
    require_perm(by, "committees.add_decision", item)
    committee = Committee.objects.select_for_update().get(pk=item.meeting.committee_id)
    _check_level(by=by, level=data.visibility, floor=item.visibility, scope=committee)
    year = timezone.localtime(item.meeting.start).year
    prefix = f"{committee.short_name}-{year}/"
    taken = Decision.objects.filter(agenda_item__meeting__committee=committee, number__startswith=prefix).count()
    decision = Decision(
        agenda_item=item,
        number=f"{prefix}{taken + 1:02d}",
        text=data.text.strip(),
        result=data.result,
        votes_yes=data.votes_yes,
        votes_no=data.votes_no,
        votes_abstain=data.votes_abstain,
        visibility=data.visibility,
        created_by=by,
    )
    decision.full_clean()
    decision.save()
    return decision


@dataclass
class TaskInput:
    title: str
    visibility: int
    assignee: object | None = None
    due_date: datetime.date | None = None
    agenda_item: AgendaItem | None = None
    meeting: Meeting | None = None


def check_due_date(due_date: datetime.date | None) -> None:
    """A due date more than a year back is a typing error (web form and API ask the same)."""
    if due_date is not None and due_date < timezone.localdate() - datetime.timedelta(days=365):
        raise ValidationError({"due_date": _("Das Datum liegt zu weit zurück.")})


@transaction.atomic
def task_create(*, committee: Committee, data: TaskInput, by) -> Task:
    """Note a task: what, who, until when. It follows the committee's meetings until done."""
    require_perm(by, "committees.add_task", committee)
    floor = data.agenda_item.visibility if data.agenda_item else committee.visibility
    _check_level(by=by, level=data.visibility, floor=floor, scope=committee)
    if data.agenda_item is not None and data.agenda_item.meeting.committee_id != committee.pk:
        raise ValidationError({"agenda_item": _("Dieser Tagesordnungspunkt gehört zu einem anderen Gremium.")})
    meeting = data.agenda_item.meeting if data.agenda_item is not None else data.meeting
    if meeting is not None and meeting.committee_id != committee.pk:
        raise ValidationError(_("Diese Sitzung gehört zu einem anderen Gremium."))
    task = Task(
        committee=committee,
        meeting=meeting,
        agenda_item=data.agenda_item,
        title=data.title.strip(),
        assignee=data.assignee,
        due_date=data.due_date,
        visibility=data.visibility,
        created_by=by,
    )
    task.full_clean()
    task.save()
    return task


@transaction.atomic
def task_set_status(*, task: Task, status: str, by) -> Task:
    """Move a task on (offen, in Arbeit, erledigt); the team or the person it is assigned to."""
    require_perm(by, "committees.change_task", task)
    if status not in TaskStatus.values:
        raise ValidationError(_("Unbekannter Stand: %(status)s") % {"status": status})
    task.status = status
    task.done_at = timezone.now() if status == TaskStatus.DONE else None
    task.save(update_fields=["status", "done_at", "updated_at"])
    return task
