"""Figures for reporting on advice: how many requests, about what, from whom, how fast answered, handed on where.

Counts only, never a requester's name or address: the figures may go into a
report to the district. A handful of queries whatever the number of cases.
"""

import datetime
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, F
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.advice.models import Case, CaseTopic, Referral, ReferralOutcome, State, Topic
from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.reports import local_bounds
from gemeinwohl.directory.models import Organisation, Sector

HIDDEN_ORGANISATION = _("Organisationen, die für Sie nicht sichtbar sind")
SECONDS_PER_DAY = 24 * 60 * 60


@dataclass(frozen=True)
class Tally:
    """How many requests have one value (a topic, a sector, a state)."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class MonthTally:
    month: datetime.date  # the first day of the month
    count: int


@dataclass(frozen=True)
class ResponseTimes:
    """Days from a request's arrival to the first response to the requester."""

    answered: int
    unanswered: int
    median_days: float | None
    p90_days: float | None


@dataclass(frozen=True)
class ReferralTally:
    """Referrals to one organisation (or, summed, to all the reader cannot see), by outcome."""

    organisation: str
    visible: bool
    total: int
    by_outcome: list[int]  # in the order of ReferralOutcome


@dataclass(frozen=True)
class Figures:
    start: datetime.date
    end: datetime.date
    total: int
    by_topic: list[Tally]
    by_month: list[MonthTally]
    by_sector: list[Tally]
    by_state: list[Tally]
    response: ResponseTimes
    referrals: list[ReferralTally]
    referral_total: int


def percentile(values: Sequence[float], share: float) -> float | None:
    """The ``share`` (0 to 1) percentile of ``values`` by linear interpolation between the closest ranks.

    The method of Excel's QUANTIL.INKL / PERCENTILE.INC and numpy's default:
    sorted values x[0..n-1], rank r = share * (n - 1), result
    x[floor(r)] + (r - floor(r)) * (x[floor(r) + 1] - x[floor(r)]). The median of 1, 2, 3, 4 is 2.5,
    their 90th percentile 3.7. None for no values.
    """
    if not values:
        return None
    ordered = sorted(values)
    rank = share * (len(ordered) - 1)
    lower = math.floor(rank)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (rank - lower) * (ordered[upper] - ordered[lower])


def _months(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    month, months = start.replace(day=1), []
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=31)).replace(day=1)
    return months


def _tallies(choices, counts: Counter) -> list[Tally]:
    return [Tally(key=key, label=label, count=counts.get(key, 0)) for key, label in choices]


def _by_month(cases, start: datetime.date, end: datetime.date) -> list[MonthTally]:
    zone = timezone.get_default_timezone()
    rows = cases.annotate(month=TruncMonth("received_at", tzinfo=zone)).values("month").annotate(n=Count("pk"))
    counts = {timezone.localtime(row["month"], zone).date(): row["n"] for row in rows}
    return [MonthTally(month=month, count=counts.get(month, 0)) for month in _months(start, end)]


def _response_times(cases) -> ResponseTimes:
    durations = list(cases.annotate(waited=F("first_response_at") - F("received_at")).values_list("waited", flat=True))
    # A contact recorded for a day before the form came in counts as an answer on the spot.
    days = [max(waited.total_seconds(), 0) / SECONDS_PER_DAY for waited in durations if waited is not None]
    unanswered = len(durations) - len(days)
    median, p90 = percentile(days, 0.5), percentile(days, 0.9)
    return ResponseTimes(
        answered=len(days),
        unanswered=unanswered,
        median_days=None if median is None else round(median, 1),
        p90_days=None if p90 is None else round(p90, 1),
    )


def _referrals(*, fetched_by, start: datetime.date, end: datetime.date) -> list[ReferralTally]:
    """Referrals made in the period, by organisation; those the reader may not see summed under one neutral label."""
    referrals = Referral.objects.filter(referred_on__gte=start, referred_on__lte=end)
    counts: dict[int, Counter] = defaultdict(Counter)
    for row in referrals.values("organisation_id", "outcome").annotate(n=Count("pk")).order_by():
        counts[row["organisation_id"]][row["outcome"]] = row["n"]
    names = dict(
        Organisation.objects.visible_to(fetched_by)
        .filter(pk__in=referrals.values("organisation_id"))
        .values_list("pk", "name")
    )
    hidden = Counter()
    for organisation_id in counts.keys() - names.keys():
        hidden.update(counts.pop(organisation_id))
    tallies = sorted(
        (_referral_tally(names[pk], counts[pk], visible=True) for pk in counts),
        key=lambda tally: (-tally.total, tally.organisation.casefold()),
    )
    if hidden:
        tallies.append(_referral_tally(HIDDEN_ORGANISATION, hidden, visible=False))
    return tallies


def _referral_tally(organisation: str, outcomes: Counter, *, visible: bool) -> ReferralTally:
    return ReferralTally(
        organisation=organisation,
        visible=visible,
        total=outcomes.total(),
        by_outcome=[outcomes[outcome] for outcome in ReferralOutcome.values],
    )


def advice_figures(*, fetched_by, start: datetime.date, end: datetime.date) -> Figures:
    """The reporting figures for the requests received from ``start`` to ``end`` (both included, Berlin dates).

    A request with several topics counts once under each; states are as they
    are today. Referrals count by the day they were made. Organisations the
    reader may not see in the address book appear only summed under a neutral
    label, never by name. Raises ``PermissionDenied`` without
    ``advice.view_figures``. Six queries, however many cases.
    """
    require_perm(fetched_by, "advice.view_figures")
    since, until = local_bounds(start, end)
    cases = Case.objects.filter(received_at__gte=since, received_at__lt=until).order_by()
    by_sector, by_state = Counter(), Counter()
    for row in cases.values("sector", "state").annotate(n=Count("pk")):
        by_sector[row["sector"]] += row["n"]
        by_state[row["state"]] += row["n"]
    topics = CaseTopic.objects.filter(case__in=cases).values("topic").annotate(n=Count("pk")).order_by()
    referrals = _referrals(fetched_by=fetched_by, start=start, end=end)
    return Figures(
        start=start,
        end=end,
        total=by_sector.total(),
        by_topic=_tallies(Topic.choices, Counter({row["topic"]: row["n"] for row in topics})),
        by_month=_by_month(cases, start, end),
        by_sector=_tallies(Sector.choices, by_sector),
        by_state=_tallies(State.choices, by_state),
        response=_response_times(cases),
        referrals=referrals,
        referral_total=sum(tally.total for tally in referrals),
    )
