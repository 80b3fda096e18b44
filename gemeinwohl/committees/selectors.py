"""Reads of committees and meetings, each scoped by the reader.

Every function takes the reader as ``fetched_by`` and hands back only what
they may read in that committee, down to each agenda item, document, minutes
entry, decision and task; pages built from them cost the same number of
queries however many rows they show.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.utils import timezone

from gemeinwohl.committees.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Committee,
    Decision,
    Document,
    Invitation,
    Meeting,
    MeetingState,
    Membership,
    MinutesEntry,
    Task,
)
from gemeinwohl.committees.visibility import clearance_in
from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Organisation, Person, Sector


def committee_list(*, fetched_by):
    """Committees the reader may see, each with the start of its next meeting the reader may see."""
    next_meeting = (
        Meeting.objects.visible_to(fetched_by)
        .filter(committee=OuterRef("pk"), end__gte=timezone.now())
        .exclude(state=MeetingState.CANCELLED)
        .order_by("start")
        .values("start")[:1]
    )
    return (
        Committee.objects.visible_to(fetched_by)
        .annotate(next_meeting_start=Subquery(next_meeting))
        .prefetch_related(_visible_organisers(fetched_by))
        .order_by("name")
    )


def committee_get(*, slug, fetched_by) -> Committee:
    return get_visible_or_404(
        Committee.objects.prefetch_related(_visible_organisers(fetched_by)), fetched_by, slug=slug
    )


def _visible_organisers(reader) -> Prefetch:
    """A committee's organisers as ``visible_organisers``: only address-book entries the reader may see."""
    return Prefetch(
        "organisers", queryset=Organisation.objects.visible_to(reader).order_by("name"), to_attr="visible_organisers"
    )


def current_members(*, committee: Committee, fetched_by) -> list[Membership]:
    """The current seats the reader may see, chairs first."""
    role_order = ["vorsitz", "moderation", "protokoll", "mitglied", "stellvertretung", "gast"]
    members = list(
        Membership.objects.visible_to(fetched_by)
        .current()
        .filter(committee=committee)
        .select_related("person")
        .order_by("person__family_name", "person__given_name")
    )
    return sorted(members, key=lambda m: role_order.index(m.role))


@dataclass(frozen=True)
class SectorShare:
    sector: str
    label: str
    members: int
    member_share: float
    present: int
    present_share: float


def parity(*, committee: Committee) -> list[SectorShare]:
    """Members and attendance by sector ("auf Augenhöhe"): counts and shares, every sector listed.

    Counts only, no names, so it can be shown wherever the members' part is visible.
    """
    members = Counter(
        dict(
            Membership.objects.current()
            .filter(committee=committee)
            .order_by()
            .values("sector")
            .annotate(n=Count("pk"))
            .values_list("sector", "n")
        )
    )
    present = Counter(
        dict(
            Attendance.objects.filter(
                meeting__committee=committee,
                meeting__deleted_at__isnull=True,
                status=AttendanceStatus.PRESENT,
            )
            .order_by()
            .values("sector")
            .annotate(n=Count("pk"))
            .values_list("sector", "n")
        )
    )
    member_total, present_total = sum(members.values()), sum(present.values())
    return [
        SectorShare(
            sector=key,
            label=str(label),
            members=members[key],
            member_share=members[key] / member_total if member_total else 0.0,
            present=present[key],
            present_share=present[key] / present_total if present_total else 0.0,
        )
        for key, label in Sector.choices
    ]


def committee_meetings(*, committee: Committee, fetched_by):
    """The committee's meetings the reader may see, newest first, with how many points each has for them."""
    items = AgendaItem.objects.visible_to(fetched_by).filter(meeting=OuterRef("pk")).values("meeting")
    return (
        Meeting.objects.visible_to(fetched_by)
        .filter(committee=committee)
        .annotate(item_count=Subquery(items.annotate(n=Count("pk")).values("n")[:1]))
        .select_related("committee")
        .order_by("-start", "pk")
    )


def meeting_get(*, pk, fetched_by) -> Meeting:
    """One meeting with everything ``fetched_by`` may see of it, or 404.

    Adds ``items`` (numbered among the visible ones, each with its documents,
    minutes entry and decisions), ``general_documents``, ``attendance_list``,
    ``open_tasks`` (the committee's, shown before the meeting is held),
    ``meeting_tasks`` and ``invitation_list``.
    """
    meeting = get_visible_or_404(
        Meeting.objects.select_related("committee", "minutes", "minutes__approved_by"), fetched_by, pk=pk
    )
    documents = list(Document.objects.visible_to(fetched_by).filter(meeting=meeting).order_by("title", "pk"))
    items = list(
        AgendaItem.objects.visible_to(fetched_by)
        .filter(meeting=meeting)
        .order_by("position", "pk")
        .prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.visible_to(fetched_by).order_by("pk"),
                to_attr="visible_decisions",
            ),
        )
    )
    entries = {
        e.agenda_item_id: e for e in MinutesEntry.objects.filter(agenda_item__in=items).select_related("updated_by")
    }
    documents_of = {}
    for document in documents:
        documents_of.setdefault(document.agenda_item_id, []).append(document)
    for number, item in enumerate(items, start=1):
        item.number = number
        item.minutes_text_entry = entries.get(item.pk)
        item.visible_documents = documents_of.get(item.pk, [])
    meeting.items = items
    meeting.general_documents = documents_of.get(None, [])
    # Who came is for those who read the committee's members' part, whatever the meeting's level.
    reads_members_part = clearance_in(fetched_by, meeting.committee_id) >= Visibility.MEMBERS
    meeting.attendance_list = (
        list(
            Attendance.objects.filter(meeting=meeting)
            .select_related("person")
            .order_by("person__family_name", "person__given_name")
        )
        if reads_members_part
        else []
    )
    tasks = Task.objects.visible_to(fetched_by).select_related("assignee", "agenda_item")
    meeting.meeting_tasks = _with_assignee_names(list(tasks.filter(meeting=meeting)), reads_members_part)
    meeting.open_tasks = (
        _with_assignee_names(
            list(
                tasks.open().filter(committee=meeting.committee, created_at__lt=meeting.start).exclude(meeting=meeting)
            ),
            reads_members_part,
        )
        if meeting.state in (MeetingState.PLANNED, MeetingState.INVITED)
        else []
    )
    meeting.invitation_list = (
        list(Invitation.objects.filter(meeting=meeting).select_related("person")) if reads_members_part else []
    )
    return meeting


def agenda_item_get(*, meeting: Meeting, pk, fetched_by) -> AgendaItem:
    return get_visible_or_404(
        AgendaItem.objects.select_related("meeting__committee"), fetched_by, pk=pk, meeting=meeting
    )


def upcoming_meetings(*, fetched_by, limit: int = 5) -> list[Meeting]:
    """The next meetings the reader may see, across committees."""
    return list(
        Meeting.objects.visible_to(fetched_by)
        .filter(end__gte=timezone.now())
        .exclude(state=MeetingState.CANCELLED)
        .select_related("committee")
        .order_by("start", "pk")[:limit]
    )


def my_open_tasks(*, fetched_by) -> list[Task]:
    """Open tasks assigned to the reader's address-book entry, soonest due first."""
    if not fetched_by.is_authenticated:
        return []
    return list(
        Task.objects.visible_to(fetched_by)
        .open()
        .filter(assignee__account=fetched_by)
        .select_related("committee")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


def upcoming_meetings_of(*, committee: Committee, fetched_by, limit: int = 3) -> list[Meeting]:
    """The committee's next meetings the reader may see (cancelled ones included, marked so)."""
    return list(
        Meeting.objects.visible_to(fetched_by)
        .filter(committee=committee, end__gte=timezone.now())
        .select_related("committee")
        .order_by("start", "pk")[:limit]
    )


def open_tasks_of(*, committee: Committee, fetched_by) -> list[Task]:
    """The committee's open tasks the reader may see, soonest due first."""
    tasks = list(
        Task.objects.visible_to(fetched_by)
        .open()
        .filter(committee=committee)
        .select_related("assignee")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )
    return _with_assignee_names(tasks, clearance_in(fetched_by, committee.pk) >= Visibility.MEMBERS)


def _with_assignee_names(tasks: list[Task], names_visible: bool) -> list[Task]:
    """Set ``assignee_name``: who is named is for the members' part; the public learns only that someone is."""
    for task in tasks:
        task.assignee_name = task.assignee.full_name if task.assignee and names_visible else ""
    return tasks


def name_assignees(tasks: list[Task], *, fetched_by) -> list[Task]:
    """``_with_assignee_names`` for tasks of several committees: each named as far as its committee allows."""
    for task in tasks:
        _with_assignee_names([task], clearance_in(fetched_by, task.committee_id) >= Visibility.MEMBERS)
    return tasks


def assignable_people(*, meeting: Meeting, fetched_by):
    """Who a task from ``meeting`` can be given to: the committee's current members the reader may see."""
    members = Membership.objects.current().filter(committee=meeting.committee).values("person")
    return Person.objects.visible_to(fetched_by).filter(pk__in=members)


FEED_HISTORY = datetime.timedelta(days=365)


def calendar_meetings(*, fetched_by, committee: Committee | None = None):
    """The meetings a calendar of ``fetched_by`` holds, each with ``visible_items``: its agenda for them.

    Meetings the reader may see, cancelled ones too (so subscribed calendars
    learn of the cancellation), from a year back on. Two queries however many.
    """
    meetings = Meeting.objects.visible_to(fetched_by).filter(end__gte=timezone.now() - FEED_HISTORY)
    if committee is not None:
        meetings = meetings.filter(committee=committee)
    items = AgendaItem.objects.visible_to(fetched_by).order_by("position", "pk")
    return (
        meetings.select_related("committee")
        .prefetch_related(Prefetch("agenda_items", queryset=items, to_attr="visible_items"))
        .order_by("start", "pk")
    )


def members_not_invited(*, meeting: Meeting, fetched_by) -> list:
    """Current members the reader may see who got no invitation to ``meeting``."""
    invited = Invitation.objects.filter(meeting=meeting).values("person")
    return [
        membership.person
        for membership in Membership.objects.visible_to(fetched_by)
        .current()
        .filter(committee=meeting.committee)
        .exclude(person__in=invited)
        .select_related("person")
        .order_by("person__family_name", "person__given_name")
    ]
