"""Committees and what happens in them, read by anyone as far as they may see, changed by the team.

Every read goes through the committees' selectors or ``visible_to``; every
change through ``committees.actions`` after the same permission check as
the web page. A hidden committee, meeting, item or task answers 404 like a
missing one; one the reader sees but may not change answers 403.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from gemeinwohl.api.auth import ANYONE, ANYONE_SECURITY, SIGNED_IN, reader_of
from gemeinwohl.api.errors import errors
from gemeinwohl.api.schemas.committees import (
    AgendaItemDetailOut,
    AgendaItemIn,
    AgendaItemPatch,
    CommitteeDetailOut,
    CommitteeIn,
    CommitteeOut,
    CommitteePatch,
    DecisionOut,
    MeetingDetailOut,
    MeetingIn,
    MeetingListOut,
    MeetingPatch,
    MembershipOut,
    TaskIn,
    TaskOut,
    TaskStatusIn,
    TaskStatusName,
)
from gemeinwohl.api.schemas.common import Id, Page, PageParams, level_of, paginate
from gemeinwohl.committees import actions, selectors
from gemeinwohl.committees.models import AgendaItem, Committee, Decision, Meeting, Task
from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.directory.models import Organisation

router = Router(tags=["Gremien"])

READ = {"auth": ANYONE, "openapi_extra": ANYONE_SECURITY}
WRITE = {"auth": SIGNED_IN}


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _meeting_for(reader, pk) -> Meeting:
    return get_visible_or_404(Meeting.objects.select_related("committee"), reader, pk=pk)


def _meetings_with_item_counts(reader):
    items = AgendaItem.objects.visible_to(reader).filter(meeting=OuterRef("pk")).values("meeting")
    return (
        Meeting.objects.visible_to(reader)
        .annotate(item_count=Subquery(items.annotate(n=Count("pk")).values("n")[:1]))
        .select_related("committee")
    )


def _committee_detail(reader, committee: Committee) -> Committee:
    committee.parity = (
        selectors.parity(committee=committee) if reader.has_perm("committees.view_parity", committee) else None
    )
    return committee


def given_or(obj, given: dict, name: str):
    """A PATCH's value for ``name``, or the object's own where the field was left out (or null)."""
    return getattr(obj, name) if given.get(name) is None else given[name]


def _organisers(reader, ids: list[int]) -> list[Organisation]:
    found = list(Organisation.objects.visible_to(reader).active().filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"organisers": _("Mindestens eine dieser Organisationen gibt es nicht.")})
    return found


# --- committees ---------------------------------------------------------------------


@router.get("/committees", response={200: Page[CommitteeOut], **errors(401, 422)}, **READ)
def list_committees(request, page: Query[PageParams]):
    """Die Gremien, die Sie sehen dürfen, mit dem Beginn ihrer nächsten Sitzung."""
    return paginate(selectors.committee_list(fetched_by=reader_of(request)), page)


@router.post("/committees", response={201: CommitteeDetailOut, **errors(400, 401, 403, 413, 422)}, **WRITE)
def create_committee(request, data: CommitteeIn):
    """Ein Gremium anlegen (AKS-Team)."""
    reader = reader_of(request)
    _require(reader, "committees.add_committee")
    committee = actions.committee_create(
        by=reader,
        data=actions.CommitteeInput(
            name=data.name,
            short_name=data.short_name,
            slug=data.slug,
            kind=data.kind,
            visibility=level_of(data.visibility),
            purpose=data.purpose,
            rhythm=data.rhythm,
            organisers=_organisers(reader, data.organisers),
        ),
    )
    return Status(201, _committee_detail(reader, _committee_for(reader, committee.pk)))


def _committee_for(reader, pk) -> Committee:
    """The committee with its visible organisers and next meeting, or 404."""
    return get_visible_or_404(selectors.committee_list(fetched_by=reader), reader, pk=pk)


@router.get("/committees/{id}", response={200: CommitteeDetailOut, **errors(401, 404, 422)}, **READ)
def get_committee(request, id: Id):
    """Ein Gremium; die Verteilung nach Sektoren nur für Leser seines Mitgliederteils."""
    reader = reader_of(request)
    return _committee_detail(reader, _committee_for(reader, id))


@router.patch("/committees/{id}", response={200: CommitteeDetailOut, **errors(400, 401, 403, 404, 413, 422)}, **WRITE)
def update_committee(request, id: Id, data: CommitteePatch):
    """Ein Gremium ändern (AKS-Team). Nicht angegebene Felder bleiben, wie sie sind."""
    reader = reader_of(request)
    committee = _committee_for(reader, id)
    _require(reader, "committees.change_committee", committee)
    given = data.model_dump(exclude_unset=True)
    organisers = (
        _organisers(reader, given["organisers"] or []) if "organisers" in given else list(committee.visible_organisers)
    )
    visibility = given.get("visibility")
    actions.committee_update(
        committee=committee,
        by=reader,
        data=actions.CommitteeInput(
            name=given_or(committee, given, "name"),
            short_name=given_or(committee, given, "short_name"),
            slug=given_or(committee, given, "slug"),
            kind=given_or(committee, given, "kind"),
            visibility=level_of(visibility) if visibility else committee.visibility,
            purpose=given_or(committee, given, "purpose"),
            rhythm=given_or(committee, given, "rhythm"),
            organisers=organisers,
        ),
    )
    return _committee_detail(reader, _committee_for(reader, id))


@router.get("/committees/{id}/memberships", response={200: list[MembershipOut], **errors(401, 404, 422)}, **READ)
def list_memberships(request, id: Id):
    """Die heutigen Mitglieder, soweit Sie sie sehen dürfen (Vorsitz zuerst)."""
    reader = reader_of(request)
    return selectors.current_members(committee=_committee_for(reader, id), fetched_by=reader)


@router.get("/committees/{id}/meetings", response={200: Page[MeetingListOut], **errors(401, 404, 422)}, **READ)
def list_committee_meetings(request, id: Id, page: Query[PageParams]):
    """Die Sitzungen eines Gremiums, die Sie sehen dürfen, neueste zuerst."""
    reader = reader_of(request)
    committee = _committee_for(reader, id)
    return paginate(selectors.committee_meetings(committee=committee, fetched_by=reader), page)


@router.post(
    "/committees/{id}/meetings", response={201: MeetingDetailOut, **errors(400, 401, 403, 404, 413, 422)}, **WRITE
)
def create_meeting(request, id: Id, data: MeetingIn):
    """Eine Sitzung planen (AKS-Team). Ohne Sichtbarkeit gilt die des Gremiums."""
    reader = reader_of(request)
    committee = _committee_for(reader, id)
    _require(reader, "committees.add_meeting", committee)
    actions.check_meeting_place(room=data.room, address=data.address, online_url=data.online_url)
    meeting = actions.meeting_schedule(
        committee=committee,
        by=reader,
        data=actions.MeetingInput(
            start=data.start,
            end=data.end,
            visibility=level_of(data.visibility) if data.visibility else committee.visibility,
            title=data.title,
            room=data.room,
            address=data.address,
            online_url=data.online_url,
        ),
    )
    return Status(201, selectors.meeting_get(pk=meeting.pk, fetched_by=reader))


# --- meetings -------------------------------------------------------------------------


class MeetingFilter(Schema):
    committee: Id | None = Field(None, description="Nur Sitzungen dieses Gremiums (Id)")
    upcoming: bool = Field(False, description="Nur Sitzungen, die noch nicht vorbei sind, früheste zuerst")


@router.get("/meetings", response={200: Page[MeetingListOut], **errors(401, 422)}, **READ)
def list_meetings(request, filters: Query[MeetingFilter], page: Query[PageParams]):
    """Alle Sitzungen, die Sie sehen dürfen, neueste zuerst."""
    meetings = _meetings_with_item_counts(reader_of(request))
    if filters.committee:
        meetings = meetings.filter(committee_id=filters.committee)
    if filters.upcoming:
        meetings = meetings.filter(end__gte=timezone.now()).order_by("start", "pk")
    else:
        meetings = meetings.order_by("-start", "pk")
    return paginate(meetings, page)


@router.get("/meetings/{id}", response={200: MeetingDetailOut, **errors(401, 404, 422)}, **READ)
def get_meeting(request, id: Id):
    """Eine Sitzung mit allem, was Sie davon sehen dürfen: Tagesordnung, Dokumente, Protokoll,
    Beschlüsse, Aufgaben und (für Leser des Mitgliederteils) die Anwesenheit."""
    return selectors.meeting_get(pk=id, fetched_by=reader_of(request))


@router.patch("/meetings/{id}", response={200: MeetingDetailOut, **errors(400, 401, 403, 404, 413, 422)}, **WRITE)
def update_meeting(request, id: Id, data: MeetingPatch):
    """Zeit, Ort oder Sichtbarkeit einer Sitzung ändern (AKS-Team). Eingeladene erhalten die Änderung."""
    reader = reader_of(request)
    meeting = _meeting_for(reader, id)
    _require(reader, "committees.change_meeting", meeting)
    given = data.model_dump(exclude_unset=True)

    def value(name):
        return given_or(meeting, given, name)

    actions.check_meeting_place(room=value("room"), address=value("address"), online_url=value("online_url"))
    actions.meeting_update(
        meeting=meeting,
        by=reader,
        data=actions.MeetingInput(
            start=value("start"),
            end=value("end"),
            visibility=level_of(given["visibility"]) if given.get("visibility") else meeting.visibility,
            title=value("title"),
            room=value("room"),
            address=value("address"),
            online_url=value("online_url"),
        ),
    )
    return selectors.meeting_get(pk=id, fetched_by=reader)


@router.post("/meetings/{id}/cancel", response={200: MeetingDetailOut, **errors(401, 403, 404, 422)}, **WRITE)
def cancel_meeting(request, id: Id):
    """Eine Sitzung absagen (AKS-Team). Eingeladene erhalten eine Absage für ihren Kalender."""
    reader = reader_of(request)
    meeting = _meeting_for(reader, id)
    _require(reader, "committees.cancel_meeting", meeting)
    actions.meeting_cancel(meeting=meeting, by=reader)
    return selectors.meeting_get(pk=id, fetched_by=reader)


@router.post("/meetings/{id}/held", response={200: MeetingDetailOut, **errors(401, 403, 404, 422)}, **WRITE)
def mark_meeting_held(request, id: Id):
    """Vermerken, dass eine begonnene Sitzung stattgefunden hat (AKS-Team)."""
    reader = reader_of(request)
    meeting = _meeting_for(reader, id)
    _require(reader, "committees.change_meeting", meeting)
    actions.meeting_mark_held(meeting=meeting, by=reader)
    return selectors.meeting_get(pk=id, fetched_by=reader)


# --- agenda items ----------------------------------------------------------------------


def _item_for(reader, pk) -> AgendaItem:
    return get_visible_or_404(AgendaItem.objects.select_related("meeting__committee"), reader, pk=pk)


def _item_detail(reader, item: AgendaItem) -> AgendaItem:
    meeting = selectors.meeting_get(pk=item.meeting_id, fetched_by=reader)
    return next(i for i in meeting.items if i.pk == item.pk)


@router.post(
    "/meetings/{id}/agenda-items", response={201: AgendaItemDetailOut, **errors(400, 401, 403, 404, 413, 422)}, **WRITE
)
def create_agenda_item(request, id: Id, data: AgendaItemIn):
    """Einen Punkt ans Ende der Tagesordnung setzen (AKS-Team). Ohne Sichtbarkeit gilt die der Sitzung."""
    reader = reader_of(request)
    meeting = _meeting_for(reader, id)
    _require(reader, "committees.change_agenda", meeting)
    item = actions.agenda_item_add(
        meeting=meeting,
        by=reader,
        data=actions.AgendaItemInput(
            title=data.title,
            visibility=level_of(data.visibility) if data.visibility else meeting.visibility,
            description=data.description,
            kind=data.kind,
            presenter=data.presenter,
        ),
    )
    return Status(201, _item_detail(reader, item))


@router.get("/agenda-items/{id}", response={200: AgendaItemDetailOut, **errors(401, 404, 422)}, **READ)
def get_agenda_item(request, id: Id):
    """Ein Tagesordnungspunkt mit Dokumenten, Protokoll und Beschlüssen, soweit Sie sie sehen dürfen."""
    reader = reader_of(request)
    return _item_detail(reader, _item_for(reader, id))


@router.patch(
    "/agenda-items/{id}", response={200: AgendaItemDetailOut, **errors(400, 401, 403, 404, 413, 422)}, **WRITE
)
def update_agenda_item(request, id: Id, data: AgendaItemPatch):
    """Einen Tagesordnungspunkt ändern (AKS-Team)."""
    reader = reader_of(request)
    item = _item_for(reader, id)
    _require(reader, "committees.change_agenda", item)
    given = data.model_dump(exclude_unset=True)

    def value(name):
        return given_or(item, given, name)

    actions.agenda_item_update(
        item=item,
        by=reader,
        data=actions.AgendaItemInput(
            title=value("title"),
            visibility=level_of(given["visibility"]) if given.get("visibility") else item.visibility,
            description=value("description"),
            kind=value("kind"),
            presenter=value("presenter"),
        ),
    )
    return _item_detail(reader, _item_for(reader, id))


# --- decisions -------------------------------------------------------------------------


class CommitteeFilter(Schema):
    committee: Id | None = Field(None, description="Nur dieses Gremium (Id)")


@router.get("/decisions", response={200: Page[DecisionOut], **errors(401, 422)}, **READ)
def list_decisions(request, filters: Query[CommitteeFilter], page: Query[PageParams]):
    """Die Beschlüsse, die Sie sehen dürfen, in der Reihenfolge der Sitzungen."""
    decisions = Decision.objects.visible_to(reader_of(request))
    if filters.committee:
        decisions = decisions.filter(agenda_item__meeting__committee_id=filters.committee)
    return paginate(decisions.order_by("agenda_item__meeting__start", "agenda_item__position", "pk"), page)


# --- tasks -----------------------------------------------------------------------------


class TaskFilter(Schema):
    committee: Id | None = Field(None, description="Nur Aufgaben dieses Gremiums (Id)")
    status: TaskStatusName | None = Field(None, description="Nur Aufgaben in diesem Stand")
    mine: bool = Field(False, description="Nur Aufgaben, für die Sie zuständig sind")


@router.get("/tasks", response={200: Page[TaskOut], **errors(401, 422)}, **READ)
def list_tasks(request, filters: Query[TaskFilter], page: Query[PageParams]):
    """Die Aufgaben, die Sie sehen dürfen, früheste Fälligkeit zuerst."""
    reader = reader_of(request)
    tasks = Task.objects.visible_to(reader).select_related("assignee")
    if filters.committee:
        tasks = tasks.filter(committee_id=filters.committee)
    if filters.status:
        tasks = tasks.filter(status=filters.status)
    if filters.mine:
        tasks = tasks.filter(assignee__account=reader) if reader.is_authenticated else tasks.none()
    return paginate(
        tasks.order_by("status", "due_date", "pk"), page, lambda rows: selectors.name_assignees(rows, fetched_by=reader)
    )


def _task_for(reader, pk) -> Task:
    return get_visible_or_404(Task.objects.select_related("assignee", "committee"), reader, pk=pk)


@router.get("/tasks/{id}", response={200: TaskOut, **errors(401, 404, 422)}, **READ)
def get_task(request, id: Id):
    """Eine Aufgabe."""
    reader = reader_of(request)
    return selectors.name_assignees([_task_for(reader, id)], fetched_by=reader)[0]


@router.post("/meetings/{id}/tasks", response={201: TaskOut, **errors(400, 401, 403, 404, 413, 422)}, **WRITE)
def create_task(request, id: Id, data: TaskIn):
    """Eine Aufgabe aus einer Sitzung notieren (AKS-Team): was, wer, bis wann."""
    reader = reader_of(request)
    meeting = _meeting_for(reader, id)
    _require(reader, "committees.add_task", meeting)
    agenda_item = assignee = None
    if data.agenda_item is not None:
        agenda_item = AgendaItem.objects.visible_to(reader).filter(meeting=meeting, pk=data.agenda_item).first()
        if agenda_item is None:
            raise ValidationError({"agenda_item": _("Diesen Tagesordnungspunkt gibt es in dieser Sitzung nicht.")})
    if data.assignee is not None:
        assignee = selectors.assignable_people(meeting=meeting, fetched_by=reader).filter(pk=data.assignee).first()
        if assignee is None:
            raise ValidationError({"assignee": _("Diese Person ist kein aktuelles Mitglied des Gremiums.")})
    actions.check_due_date(data.due_date)
    floor = agenda_item.visibility if agenda_item else meeting.visibility
    task = actions.task_create(
        committee=meeting.committee,
        by=reader,
        data=actions.TaskInput(
            title=data.title,
            visibility=level_of(data.visibility) if data.visibility else floor,
            assignee=assignee,
            due_date=data.due_date,
            agenda_item=agenda_item,
            meeting=meeting,
        ),
    )
    return Status(201, selectors.name_assignees([_task_for(reader, task.pk)], fetched_by=reader)[0])


@router.patch("/tasks/{id}", response={200: TaskOut, **errors(400, 401, 403, 404, 413, 422)}, **WRITE)
def set_task_status(request, id: Id, data: TaskStatusIn):
    """Eine Aufgabe weiterschieben: offen, in_arbeit, erledigt (AKS-Team oder die zuständige Person)."""
    reader = reader_of(request)
    task = _task_for(reader, id)
    _require(reader, "committees.change_task", task)
    actions.task_set_status(task=task, status=data.status, by=reader)
    return selectors.name_assignees([_task_for(reader, id)], fetched_by=reader)[0]
