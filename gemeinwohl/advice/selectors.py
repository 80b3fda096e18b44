"""Reading cases: every list and page scoped by its reader, in a fixed number of queries.

The team reads every case; Bezirksamt staff the ones shared with them; the
requester only their own case, through the secret of the status link, and
only what was shared with them.
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone

from gemeinwohl.accounts.models import Role, User
from gemeinwohl.accounts.selectors import team_members
from gemeinwohl.advice.models import (
    FINISHED_STATES,
    Activity,
    Case,
    CaseTopic,
    Document,
    Note,
    Referral,
    State,
    StateChange,
)
from gemeinwohl.core.access import get_visible_or_404

CASE_LIST_RELATED = ("case_type", "assignee")


def _with_topics(queryset):
    return queryset.prefetch_related(Prefetch("topic_rows", queryset=CaseTopic.objects.order_by("topic")))


def case_get(*, pk, fetched_by) -> Case:
    """The case ``fetched_by`` may open, else 404 (the same for "missing" and "not yours")."""
    return get_visible_or_404(
        _with_topics(Case.objects.select_related(*CASE_LIST_RELATED, "consent")), fetched_by, pk=pk
    )


def case_for_status_token(token: str) -> Case:
    """The case whose current status link carries ``token``, else 404 (renewed and anonymised links too)."""
    if not token or len(token) > 100:
        raise Http404
    digest = hashlib.sha256(token.encode()).hexdigest()
    case = (
        _with_topics(Case.objects.select_related("case_type"))
        .filter(status_token_hash=digest, anonymised_at__isnull=True)
        .first()
    )
    if case is None:
        raise Http404
    return case


@dataclass(frozen=True)
class CaseFilter:
    state: str = ""
    assignee: str = ""  # a user's pk, "ich" for the reader, "offen" for nobody
    topic: str = ""
    query: str = ""
    finished: bool = False


def case_list(*, fetched_by, filters: CaseFilter | None = None):
    """Cases ``fetched_by`` may open, filtered, the most urgent first (open ones unless asked for finished)."""
    filters = filters or CaseFilter()
    cases = _with_topics(Case.objects.visible_to(fetched_by).select_related(*CASE_LIST_RELATED))
    if filters.state:
        cases = cases.filter(state=filters.state)
    elif not filters.finished:
        cases = cases.exclude(state__in=FINISHED_STATES)
    if filters.assignee == "ich":
        cases = cases.filter(assignee=fetched_by)
    elif filters.assignee == "offen":
        cases = cases.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        cases = cases.filter(assignee_id=int(filters.assignee))
    if filters.topic:
        cases = cases.filter(topic_rows__topic=filters.topic)
    if filters.query:
        text = filters.query.strip()
        cases = cases.filter(
            Q(reference__icontains=text)
            | Q(group_name__icontains=text)
            | Q(contact_name__icontains=text)
            | Q(address__icontains=text)
            | Q(email__iexact=text)
        )
    return cases.by_urgency()


def inbox(*, fetched_by, limit: int = 8) -> tuple[list[Case], int]:
    """New requests, the most urgent first (a deadline ahead, a running pre-emption period), and how many in all."""
    cases = _with_topics(
        Case.objects.visible_to(fetched_by).filter(state=State.NEW).select_related(*CASE_LIST_RELATED)
    ).by_urgency()
    return list(cases[:limit]), cases.count()


def my_follow_ups(*, fetched_by, days_ahead: int = 7) -> list[Activity]:
    """Follow-ups assigned to ``fetched_by`` that are due within ``days_ahead`` days or overdue, oldest due first."""
    if not fetched_by.is_authenticated:
        return []
    horizon = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return list(
        Activity.objects.due_by(horizon)
        .filter(assignee=fetched_by, case__in=Case.objects.visible_to(fetched_by))
        .exclude(case__state__in=FINISHED_STATES)
        .select_related("case")
        .order_by("due_date", "pk")
    )


def assignable_users():
    """Who can be responsible for a case: active members of the AKS team (``actions.check_assignee``)."""
    return team_members().order_by("name")


def shareable_users():
    """Who a case can be shared with: active Bezirksamt accounts."""
    return User.objects.filter(is_active=True, role=Role.BEZIRKSAMT).order_by("name")


@dataclass(frozen=True)
class CaseRecords:
    notes: list
    documents: list
    activities: list
    referrals: list
    state_changes: list
    shares: list


def case_records(*, case: Case, fetched_by) -> CaseRecords:
    """Everything on the case that ``fetched_by`` may read: notes and documents at their level, the rest whole."""
    from gemeinwohl.directory.models import Organisation

    level = case.clearance_for(fetched_by)
    visible_orgs = set(
        Organisation.objects.visible_to(fetched_by).filter(advice_referrals__case=case).values_list("pk", flat=True)
    )
    referrals = list(
        Referral.objects.filter(case=case)
        .select_related("organisation", "contact_person")
        .order_by("referred_on", "pk")
    )
    for referral in referrals:
        referral.organisation_visible = referral.organisation_id in visible_orgs
    return CaseRecords(
        notes=list(
            Note.objects.filter(case=case).readable_at(level).select_related("author").order_by("created_at", "pk")
        ),
        documents=list(
            Document.objects.filter(case=case)
            .readable_at(level)
            .select_related("uploaded_by")
            .order_by("created_at", "pk")
        ),
        activities=list(
            Activity.objects.filter(case=case).select_related("assignee").order_by("done_on", "due_date", "pk")
        ),
        referrals=referrals,
        state_changes=list(StateChange.objects.filter(case=case).select_related("by").order_by("at", "pk")),
        shares=list(case.shares.select_related("user").order_by("user__name")),
    )


@dataclass(frozen=True)
class StatusEntry:
    at: datetime.datetime
    kind: str  # "state", "note", "document"
    item: object


def status_entries(*, case: Case) -> list[StatusEntry]:
    """What the requester sees of their case, oldest first: state changes, shared notes and documents."""
    entries = [StatusEntry(change.at, "state", change) for change in StateChange.objects.filter(case=case)]
    entries += [StatusEntry(note.created_at, "note", note) for note in Note.objects.filter(case=case).shared()]
    entries += [
        StatusEntry(document.created_at, "document", document)
        for document in Document.objects.filter(case=case).shared()
    ]
    return sorted(entries, key=lambda entry: (entry.at, entry.kind))
