"""Committees, their members, meetings, agenda, documents, minutes, decisions, tasks and attendance."""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import AwareDatetime

from gemeinwohl.api.schemas.common import VISIBILITY_HELP, Id, InputSchema, Ref, VisibilityName, name_of
from gemeinwohl.committees.models import (
    AgendaItemKind,
    AttendanceStatus,
    CommitteeKind,
    DecisionResult,
    MeetingState,
    MembershipRole,
    MinutesState,
    TaskStatus,
)
from gemeinwohl.directory.models import Sector

CommitteeKindName = Literal[tuple(CommitteeKind.values)]
AgendaItemKindName = Literal[tuple(AgendaItemKind.values)]
TaskStatusName = Literal[tuple(TaskStatus.values)]
SectorName = Literal[tuple(Sector.values)]


def _web_url(obj, context) -> str:
    return context["request"].build_absolute_uri(obj.get_absolute_url())


# --- output ---------------------------------------------------------------------------


class CommitteeRef(Schema):
    id: int
    slug: str
    name: str


class CommitteeOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str
    kind: CommitteeKindName
    purpose: str
    rhythm: str
    visibility: VisibilityName = Field(description=VISIBILITY_HELP)
    organisers: list[Ref] = Field(description="Die organisierenden Organisationen, soweit für Sie sichtbar.")
    next_meeting_start: datetime.datetime | None = Field(
        None, description="Beginn der nächsten Sitzung, die Sie sehen."
    )
    web_url: str

    @staticmethod
    def resolve_visibility(obj):
        return name_of(obj.visibility)

    @staticmethod
    def resolve_organisers(obj):
        return [{"id": o.pk, "name": o.name} for o in obj.visible_organisers]

    @staticmethod
    def resolve_next_meeting_start(obj):
        return getattr(obj, "next_meeting_start", None)

    @staticmethod
    def resolve_web_url(obj, context):
        return _web_url(obj, context)


class SectorShareOut(Schema):
    sector: SectorName
    members: int
    member_share: float
    present: int
    present_share: float


class CommitteeDetailOut(CommitteeOut):
    parity: list[SectorShareOut] | None = Field(
        None, description="Mitglieder und Anwesende nach Sektor; nur für Leser des Mitgliederteils, sonst null."
    )


class MembershipOut(Schema):
    id: int
    person: Ref
    role: Literal[tuple(MembershipRole.values)]
    sector: SectorName
    start_date: datetime.date | None
    end_date: datetime.date | None
    visibility: VisibilityName

    @staticmethod
    def resolve_person(obj):
        return {"id": obj.person_id, "name": obj.person.full_name}

    @staticmethod
    def resolve_visibility(obj):
        return name_of(obj.visibility)


class DocumentOut(Schema):
    id: int
    meeting_id: int
    agenda_item_id: int | None
    title: str
    file_name: str
    content_type: str
    size: int = Field(description="Größe in Bytes")
    sha256: str
    visibility: VisibilityName
    created_at: datetime.datetime
    download_url: str = Field(description="Lädt die Datei herunter (mit derselben Anmeldung).")

    @staticmethod
    def resolve_visibility(obj):
        return name_of(obj.visibility)

    @staticmethod
    def resolve_download_url(obj, context):
        return _web_url(obj, context)


class DecisionOut(Schema):
    id: int
    agenda_item_id: int
    number: str
    text: str
    result: Literal[tuple(DecisionResult.values)]
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None
    visibility: VisibilityName

    @staticmethod
    def resolve_visibility(obj):
        return name_of(obj.visibility)


class AgendaItemOut(Schema):
    id: int
    meeting_id: int
    number: int | None = Field(None, description="Nummer unter den Punkten, die Sie sehen (TOP 1, 2, …).")
    position: int
    title: str
    description: str
    kind: AgendaItemKindName
    presenter: str
    visibility: VisibilityName

    @staticmethod
    def resolve_visibility(obj):
        return name_of(obj.visibility)

    @staticmethod
    def resolve_number(obj):
        return getattr(obj, "number", None)


class AgendaItemDetailOut(AgendaItemOut):
    documents: list[DocumentOut]
    minutes_text: str = Field(description="Was das Protokoll zu diesem Punkt sagt (leer: noch nichts).")
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_documents(obj):
        return obj.visible_documents

    @staticmethod
    def resolve_minutes_text(obj):
        return obj.minutes_text_entry.text if obj.minutes_text_entry else ""

    @staticmethod
    def resolve_decisions(obj):
        return obj.visible_decisions


class TaskOut(Schema):
    id: int
    committee_id: int
    meeting_id: int | None
    agenda_item_id: int | None
    title: str
    has_assignee: bool
    assignee: Ref | None = Field(description="Wer zuständig ist; nur für Leser des Mitgliederteils, sonst null.")
    due_date: datetime.date | None
    status: TaskStatusName
    done_at: datetime.datetime | None
    visibility: VisibilityName

    @staticmethod
    def resolve_has_assignee(obj):
        return obj.assignee_id is not None

    @staticmethod
    def resolve_assignee(obj):
        return {"id": obj.assignee_id, "name": obj.assignee_name} if getattr(obj, "assignee_name", "") else None

    @staticmethod
    def resolve_visibility(obj):
        return name_of(obj.visibility)


class AttendanceOut(Schema):
    person: Ref
    status: Literal[tuple(AttendanceStatus.values)]
    sector: SectorName

    @staticmethod
    def resolve_person(obj):
        return {"id": obj.person_id, "name": obj.person.full_name}


class MinutesOut(Schema):
    state: Literal[tuple(MinutesState.values)]
    approved_at: datetime.datetime | None


class MeetingOut(Schema):
    id: int
    committee: CommitteeRef
    title: str
    display_title: str
    start: datetime.datetime
    end: datetime.datetime
    room: str
    address: str
    online_url: str
    state: Literal[tuple(MeetingState.values)]
    visibility: VisibilityName
    web_url: str

    @staticmethod
    def resolve_visibility(obj):
        return name_of(obj.visibility)

    @staticmethod
    def resolve_web_url(obj, context):
        return _web_url(obj, context)


class MeetingListOut(MeetingOut):
    item_count: int = Field(description="Tagesordnungspunkte, die Sie sehen.")

    @staticmethod
    def resolve_item_count(obj):
        return obj.item_count or 0


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemDetailOut]
    documents: list[DocumentOut] = Field(description="Dokumente zur Sitzung allgemein (die zu Punkten stehen dort).")
    minutes: MinutesOut | None
    attendance: list[AttendanceOut] = Field(description="Nur für Leser des Mitgliederteils, sonst leer.")
    tasks: list[TaskOut] = Field(description="Aufgaben aus dieser Sitzung.")
    open_tasks: list[TaskOut] = Field(description="Offene Aufgaben des Gremiums von früher (vor der Sitzung).")

    @staticmethod
    def resolve_agenda(obj):
        return obj.items

    @staticmethod
    def resolve_documents(obj):
        return obj.general_documents

    @staticmethod
    def resolve_minutes(obj):
        minutes = getattr(obj, "minutes", None)
        return {"state": minutes.state, "approved_at": minutes.approved_at} if minutes else None

    @staticmethod
    def resolve_attendance(obj):
        return obj.attendance_list

    @staticmethod
    def resolve_tasks(obj):
        return obj.meeting_tasks


# --- input ----------------------------------------------------------------------------

SLUG = r"^[-a-zA-Z0-9_]+$"


class CommitteeIn(InputSchema):
    name: str = Field(max_length=200)
    short_name: str = Field(max_length=40, description="Für Beschlussnummern, z. B. SR")
    slug: str = Field(max_length=60, pattern=SLUG, description="Kürzel für Adressen, z. B. steuerungsrunde")
    kind: CommitteeKindName
    visibility: VisibilityName = Field(description=VISIBILITY_HELP)
    purpose: str = Field("", max_length=20000)
    rhythm: str = Field("", max_length=120)
    organisers: list[Id] = Field([], max_length=100, description="Ids organisierender Organisationen")


class CommitteePatch(InputSchema):
    name: str | None = Field(None, max_length=200)
    short_name: str | None = Field(None, max_length=40)
    slug: str | None = Field(None, max_length=60, pattern=SLUG)
    kind: CommitteeKindName | None = None
    visibility: VisibilityName | None = None
    purpose: str | None = Field(None, max_length=20000)
    rhythm: str | None = Field(None, max_length=120)
    organisers: list[Id] | None = Field(None, max_length=100)


class MeetingIn(InputSchema):
    start: AwareDatetime
    end: AwareDatetime
    visibility: VisibilityName | None = Field(None, description="Leer: wie das Gremium")
    title: str = Field("", max_length=200)
    room: str = Field("", max_length=200)
    address: str = Field("", max_length=300)
    online_url: str = Field("", max_length=200)


class MeetingPatch(InputSchema):
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    visibility: VisibilityName | None = None
    title: str | None = Field(None, max_length=200)
    room: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=300)
    online_url: str | None = Field(None, max_length=200)


class AgendaItemIn(InputSchema):
    title: str = Field(max_length=300)
    kind: AgendaItemKindName = "beratung"
    presenter: str = Field("", max_length=200)
    description: str = Field("", max_length=20000)
    visibility: VisibilityName | None = Field(None, description="Leer: wie die Sitzung")


class AgendaItemPatch(InputSchema):
    title: str | None = Field(None, max_length=300)
    kind: AgendaItemKindName | None = None
    presenter: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=20000)
    visibility: VisibilityName | None = None


class TaskIn(InputSchema):
    title: str = Field(max_length=300)
    assignee: Id | None = Field(None, description="Id der zuständigen Person (ein aktuelles Mitglied)")
    due_date: datetime.date | None = None
    agenda_item: Id | None = Field(None, description="Id des Tagesordnungspunkts dieser Sitzung")
    visibility: VisibilityName | None = Field(None, description="Leer: wie der Punkt bzw. die Sitzung")


class TaskStatusIn(InputSchema):
    status: TaskStatusName
