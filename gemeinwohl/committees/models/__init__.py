"""Committees (Gremien) and everything that happens in them, one module per entity."""

from gemeinwohl.committees.models.agenda_item import AgendaItem, AgendaItemKind
from gemeinwohl.committees.models.attendance import Attendance, AttendanceStatus
from gemeinwohl.committees.models.committee import Committee, CommitteeKind
from gemeinwohl.committees.models.decision import Decision, DecisionResult
from gemeinwohl.committees.models.document import Document
from gemeinwohl.committees.models.invitation import Invitation, InvitationResponse
from gemeinwohl.committees.models.meeting import Meeting, MeetingState
from gemeinwohl.committees.models.membership import Membership, MembershipRole
from gemeinwohl.committees.models.minutes import Minutes, MinutesEntry, MinutesRevision, MinutesState
from gemeinwohl.committees.models.task import Task, TaskStatus

__all__ = [
    "AgendaItem",
    "AgendaItemKind",
    "Attendance",
    "AttendanceStatus",
    "Committee",
    "CommitteeKind",
    "Decision",
    "DecisionResult",
    "Document",
    "Invitation",
    "InvitationResponse",
    "Meeting",
    "MeetingState",
    "Membership",
    "MembershipRole",
    "Minutes",
    "MinutesEntry",
    "MinutesRevision",
    "MinutesState",
    "Task",
    "TaskStatus",
]
