"""Reading pre-emption cases: every page, board, register and panel scoped by its reader, in a fixed number of queries.

A case exists only for those ``PreEmptionCase.objects.visible_to`` lets see
it; seller, buyer, price, contract date and documents only for those
``PreEmptionCase.reader_sees_parties`` allows. The public reads nothing but the
yearly counts the team has published.
"""

import datetime
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.core.deadlines import PRE_EMPTION_RULES_FROM
from gemeinwohl.landpolicy.models import (
    ADMINISTRATION_ROLES,
    AversionAgreement,
    CaseDocument,
    CaseStep,
    FiguresPublication,
    Obligation,
    Outcome,
    PreEmptionCase,
    StepKind,
)

CASE_RELATED = ("plot", "plot__milieuschutz")
# An area's outline is large (a JSON polygon parsed per row): pages name the area, never draw it.
CASE_DEFERRED = ("plot__milieuschutz__geometry",)


def _responsible_prefetch() -> Prefetch:
    return Prefetch("responsible", queryset=get_user_model().objects.order_by("name", "pk"))


def _cases(fetched_by) -> QuerySet:
    return (
        PreEmptionCase.objects.visible_to(fetched_by)
        .select_related(*CASE_RELATED)
        .defer(*CASE_DEFERRED)
        .prefetch_related(_responsible_prefetch())
    )


# --- days left and their band ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """How urgent a deadline is: a key for the colour and a label that says it in words (colour is never the only cue)."""

    key: str
    label: str


BAND_OVERDUE = Band("abgelaufen", _("abgelaufen"))
BAND_7 = Band("7", _("≤ 7 Tage"))
BAND_14 = Band("14", _("≤ 14 Tage"))
BAND_30 = Band("30", _("≤ 30 Tage"))
BAND_LATER = Band("spaeter", _("mehr als 30 Tage"))
BANDS = (BAND_OVERDUE, BAND_7, BAND_14, BAND_30, BAND_LATER)


def band_for(days_left: int) -> Band:
    """The band of a deadline ``days_left`` calendar days ahead (negative: passed)."""
    if days_left < 0:
        return BAND_OVERDUE
    if days_left <= 7:
        return BAND_7
    if days_left <= 14:
        return BAND_14
    if days_left <= 30:
        return BAND_30
    return BAND_LATER


# --- one case -------------------------------------------------------------------------------------------------------


def case_get(*, pk, fetched_by) -> PreEmptionCase:
    """The case ``fetched_by`` may open, with its property, area and responsible people, else 404 (missing or hidden)."""
    return get_visible_or_404(
        PreEmptionCase.objects.select_related(*CASE_RELATED, "agreement")
        .defer(*CASE_DEFERRED)
        .prefetch_related(_responsible_prefetch()),
        fetched_by,
        pk=pk,
    )


def case_steps(*, case: PreEmptionCase, fetched_by) -> list[CaseStep]:
    """The steps in date order with who recorded them; ``shown_documents`` only for readers who may see documents."""
    steps = case.steps.select_related("by").order_by("on_date", "pk")
    if case.reader_sees_parties(fetched_by):
        documents = CaseDocument.objects.order_by("created_at", "pk")
        return list(steps.prefetch_related(Prefetch("documents", queryset=documents, to_attr="shown_documents")))
    steps = list(steps)
    for step in steps:
        step.shown_documents = []
    return steps


def case_documents(*, case: PreEmptionCase, fetched_by) -> list[CaseDocument]:
    """The case's files for administration staff (``reader_sees_parties``); an empty list for everyone else."""
    if not case.reader_sees_parties(fetched_by):
        return []
    return list(case.documents.select_related("step", "uploaded_by").order_by("created_at", "pk"))


def document_get(*, case_pk, pk, fetched_by) -> tuple[PreEmptionCase, CaseDocument]:
    """A case's file for a reader who may see documents, else 404 (hidden case, no right, missing file alike)."""
    case = case_get(pk=case_pk, fetched_by=fetched_by)
    if not case.reader_sees_parties(fetched_by):
        raise Http404
    document = CaseDocument.objects.filter(case=case, pk=pk).first()
    if document is None:
        raise Http404
    return case, document


def case_agreement(*, case: PreEmptionCase) -> AversionAgreement | None:
    """The case's Abwendungsvereinbarung with its obligations, or None."""
    return (
        AversionAgreement.objects.filter(case=case)
        .prefetch_related(Prefetch("obligations", queryset=Obligation.objects.order_by("position", "pk")))
        .first()
    )


# --- the case list --------------------------------------------------------------------------------------------------

STATUS_OPEN = "offen"
STATUS_DECIDED = "entschieden"
STATUS_ALL = "alle"
STATUSES = (STATUS_OPEN, STATUS_DECIDED, STATUS_ALL)


@dataclass(frozen=True)
class CaseFilter:
    status: str = STATUS_OPEN  # "offen", "entschieden" or "alle"
    outcome: str = ""  # one of Outcome.values
    year: int | None = None  # the year of notification
    query: str = ""  # part of the address or the file number


def case_list(*, fetched_by, filters: CaseFilter | None = None) -> QuerySet:
    """Cases ``fetched_by`` may see, filtered; open ones by deadline, others the latest notification first.

    The rows carry the property, its Milieuschutz area and the responsible
    people (two queries however many rows); never used to show parties.
    """
    filters = filters or CaseFilter()
    cases = _cases(fetched_by)
    if filters.status == STATUS_OPEN:
        cases = cases.filter(outcome=Outcome.OPEN)
    elif filters.status == STATUS_DECIDED:
        cases = cases.exclude(outcome=Outcome.OPEN)
    if filters.outcome in Outcome.values:
        cases = cases.filter(outcome=filters.outcome)
    if filters.year:
        cases = cases.filter(notified_on__year=filters.year)
    text = filters.query.strip()
    if text:
        cases = cases.filter(Q(plot__address__icontains=text) | Q(file_number__icontains=text))
    if filters.status == STATUS_OPEN:
        return cases.order_by("deadline", "pk")
    return cases.order_by("-notified_on", "-pk")


def case_years(*, fetched_by) -> list[int]:
    """The years of notification among the cases ``fetched_by`` may see, latest first (for the year filter)."""
    years = (
        PreEmptionCase.objects.visible_to(fetched_by)
        .annotate(year=ExtractYear("notified_on"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return list(years)


# --- the deadline board ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    case: PreEmptionCase
    days_left: int
    band: Band
    safe_end: datetime.date
    last_step_kind: str
    last_step_on: datetime.date | None

    @property
    def overdue_days(self) -> int:
        return -self.days_left

    @property
    def safe_end_differs(self) -> bool:
        return self.safe_end != self.case.deadline

    @property
    def last_step_label(self) -> str:
        return StepKind(self.last_step_kind).label if self.last_step_kind in StepKind.values else ""


def _board_row(case: PreEmptionCase, today: datetime.date) -> BoardRow:
    days_left = case.days_left(today)
    return BoardRow(
        case=case,
        days_left=days_left,
        band=band_for(days_left),
        safe_end=case.deadline_info.safe_end,
        # Annotated by ``_with_last_step`` on the board; the dashboard does without.
        last_step_kind=getattr(case, "last_step_kind", None) or "",
        last_step_on=getattr(case, "last_step_on", None),
    )


def _with_last_step(cases: QuerySet) -> QuerySet:
    last = CaseStep.objects.filter(case=OuterRef("pk")).order_by("-on_date", "-pk")
    return cases.annotate(
        last_step_kind=Subquery(last.values("kind")[:1]), last_step_on=Subquery(last.values("on_date")[:1])
    )


def deadline_board(*, fetched_by, today: datetime.date | None = None) -> list[BoardRow]:
    """The open cases ``fetched_by`` may see, the fewest days left first (passed deadlines on top).

    Two queries for any number of cases: the cases with property, area and
    last step, and their responsible people.
    """
    today = today or timezone.localdate()
    cases = _with_last_step(_cases(fetched_by).filter(outcome=Outcome.OPEN)).order_by("deadline", "pk")
    return [_board_row(case, today) for case in cases]


def nearest_deadlines(*, fetched_by, limit: int = 5, today: datetime.date | None = None) -> list[BoardRow]:
    """The ``limit`` nearest open deadlines ``fetched_by`` may see (for the dashboard): one query."""
    today = today or timezone.localdate()
    cases = (
        PreEmptionCase.objects.visible_to(fetched_by)
        .filter(outcome=Outcome.OPEN)
        .select_related(*CASE_RELATED)
        .defer(*CASE_DEFERRED)
        .order_by("deadline", "pk")[:limit]
    )
    return [_board_row(case, today) for case in cases]


# --- the register of Abwendungsvereinbarungen -----------------------------------------------------------------------

HORIZONS = (12, 24, 60)
DEFAULT_HORIZON = 24


@dataclass(frozen=True)
class RegisterRow:
    agreement: AversionAgreement
    months_left: int  # whole months until the end; negative once it has ended
    expired: bool


def _months_between(start: datetime.date, end: datetime.date) -> int:
    delta = relativedelta(end, start)
    return delta.years * 12 + delta.months


def agreement_register(
    *, fetched_by, horizon_months: int | None = DEFAULT_HORIZON, today: datetime.date | None = None
) -> tuple[list[RegisterRow], list[RegisterRow]]:
    """The agreements of the cases ``fetched_by`` may see, each by its end: (ending within the horizon, the others).

    Within the horizon: still in force and ending no later than
    ``horizon_months`` from today, the soonest first. Without a horizon every
    agreement is in the first list. Two queries however many agreements.
    """
    today = today or timezone.localdate()
    agreements = (
        AversionAgreement.objects.visible_to(fetched_by)
        .select_related("case", *(f"case__{name}" for name in CASE_RELATED))
        .defer(*(f"case__{name}" for name in CASE_DEFERRED))
        .prefetch_related(Prefetch("obligations", queryset=Obligation.objects.order_by("position", "pk")))
        .order_by("ends_on", "pk")
    )
    limit = today + relativedelta(months=horizon_months) if horizon_months else None
    ahead, others = [], []
    for agreement in agreements:
        row = RegisterRow(
            agreement=agreement,
            months_left=_months_between(today, agreement.ends_on),
            expired=agreement.ends_on < today,
        )
        if limit is None or (not row.expired and agreement.ends_on <= limit):
            ahead.append(row)
        else:
            others.append(row)
    return ahead, others


# --- the yearly counts ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class YearFigures:
    year: int
    rows: list[tuple[str, int]]  # (outcome label, count), in the order of ``Outcome``
    total: int


def _figures(year: int, counts: dict) -> YearFigures:
    rows = [(label, int(counts.get(value, 0))) for value, label in Outcome.choices]
    return YearFigures(year=year, rows=rows, total=sum(count for _label, count in rows))


def published_figures() -> list[YearFigures]:
    """The years the team published, latest first, each with its counts by outcome; nothing else (one query)."""
    return [
        _figures(publication.year, publication.counts) for publication in FiguresPublication.objects.order_by("-year")
    ]


@dataclass(frozen=True)
class PublishYear:
    year: int
    live: YearFigures
    published: YearFigures | None
    published_at: datetime.datetime | None

    @property
    def comparison(self) -> list[tuple[str, int, int | None]]:
        """(outcome label, count today, count published or None), in the order of ``Outcome``."""
        published = [count for _label, count in self.published.rows] if self.published else [None] * len(self.live.rows)
        return [(label, count, then) for (label, count), then in zip(self.live.rows, published, strict=True)]

    @property
    def up_to_date(self) -> bool:
        return self.published is not None and self.published.rows == self.live.rows


def publish_overview() -> list[PublishYear]:
    """For the team: every year with cases or a publication, its counts now next to the published ones (two queries).

    Counts all cases (not only the reader's), as ``actions.preemption.year_counts`` does.
    """
    live: dict[int, dict[str, int]] = {}
    rows = (
        PreEmptionCase.objects.annotate(year=ExtractYear("notified_on"))
        .values("year", "outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        live.setdefault(row["year"], {})[row["outcome"]] = row["n"]
    publications = {publication.year: publication for publication in FiguresPublication.objects.all()}
    years = sorted(set(live) | set(publications), reverse=True)
    return [
        PublishYear(
            year=year,
            live=_figures(year, live.get(year, {})),
            published=_figures(year, publications[year].counts) if year in publications else None,
            published_at=publications[year].updated_at if year in publications else None,
        )
        for year in years
    ]


def publishable_years() -> list[int]:
    """The years a publication may name, latest first."""
    return list(range(timezone.localdate().year, PRE_EMPTION_RULES_FROM.year - 1, -1))


# --- choices for the forms ------------------------------------------------------------------------------------------


def responsible_candidates() -> QuerySet:
    """Who can be responsible for a case: active administration accounts (``actions.preemption._check_case``)."""
    return get_user_model().objects.filter(is_active=True, role__in=ADMINISTRATION_ROLES).order_by("name", "pk")
