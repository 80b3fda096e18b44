"""Reading heritable building rights (Erbbaurechte), scoped by the reader.

A contract is read where ``GroundLease.objects.visible_to(reader)`` allows it
and its property is visible to the reader too: a contract never reveals a
plot the reader may not see, even if someone made the plot stricter later.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.core.visibility import clearance_for
from gemeinwohl.landpolicy.models import GroundLease

# The horizons the register offers, in months; the first page shows a year.
HORIZONS = (6, 12, 24, 60)
DEFAULT_HORIZON = 12


def _scoped(fetched_by) -> QuerySet:
    return GroundLease.objects.visible_to(fetched_by).filter(plot__visibility__lte=clearance_for(fetched_by))


def lease_list(*, fetched_by) -> QuerySet:
    """The contracts ``fetched_by`` may see, with property and holder in the same query, ending soonest first."""
    return _scoped(fetched_by).select_related("plot", "holder_organisation", "holder_person").order_by("ends_on", "pk")


def plain_rate(rate: Decimal) -> Decimal:
    """The rate without trailing zeros (1.500 → 1.5, 2.000 → 2), so that pages show "1,5 %", not "1,500 %"."""
    return rate.quantize(Decimal(1)) if rate == rate.to_integral_value() else rate.normalize()


def lease_get(*, pk, fetched_by) -> GroundLease:
    """One contract with its property and holder (``rate_shown``: the plain rate); 404 if hidden or missing."""
    leases = GroundLease.objects.filter(plot__visibility__lte=clearance_for(fetched_by)).select_related(
        "plot", "holder_organisation", "holder_person", "created_by"
    )
    lease = get_visible_or_404(leases, fetched_by, pk=pk)
    lease.rate_shown = plain_rate(lease.rate_percent)
    return lease


def horizon_end(today: datetime.date, months: int) -> datetime.date:
    """The last day of a horizon of ``months`` from ``today`` (both days included)."""
    return today + relativedelta(months=months)


def _is_ending(lease: GroundLease, today: datetime.date, until: datetime.date) -> bool:
    return today <= lease.ends_on <= until


def _is_adjustment_due(lease: GroundLease, today: datetime.date, until: datetime.date) -> bool:
    # Overdue adjustments count too, as long as the contract still runs.
    return lease.next_adjustment_on is not None and lease.next_adjustment_on <= until and lease.ends_on >= today


@dataclass(frozen=True)
class LeaseRegister:
    """The register as one reader sees it for one horizon."""

    today: datetime.date
    months: int
    until: datetime.date
    leases: list[GroundLease]
    ending: list[GroundLease]
    adjustments_due: list[GroundLease]  # by date of the adjustment, overdue ones first (``adjustment_overdue``)


def lease_register(*, fetched_by, months: int = DEFAULT_HORIZON, today: datetime.date | None = None) -> LeaseRegister:
    """All contracts ``fetched_by`` may see, and those ending or due for adjustment within ``months`` (one query).

    Each contract carries ``adjustment_overdue`` and ``rate_shown`` (the plain rate) for the page.

    "Ending" means the last day of the term lies between today and the end of
    the horizon; "due for adjustment" means the next adjustment lies before
    the end of the horizon (overdue ones included) in a contract still running.
    """
    today = today or timezone.localdate()
    until = horizon_end(today, months)
    leases = list(lease_list(fetched_by=fetched_by))
    for lease in leases:
        lease.adjustment_overdue = lease.next_adjustment_on is not None and lease.next_adjustment_on < today
        lease.rate_shown = plain_rate(lease.rate_percent)
    ending = [lease for lease in leases if _is_ending(lease, today, until)]
    due = sorted(
        (lease for lease in leases if _is_adjustment_due(lease, today, until)),
        key=lambda lease: (lease.next_adjustment_on, lease.pk),
    )
    return LeaseRegister(today=today, months=months, until=until, leases=leases, ending=ending, adjustments_due=due)


@dataclass(frozen=True)
class LeaseCounts:
    total: int
    attention: int  # ending or due for adjustment within the horizon (overdue included)


def lease_counts(*, fetched_by, months: int = DEFAULT_HORIZON, today: datetime.date | None = None) -> LeaseCounts:
    """How many contracts ``fetched_by`` may see, and how many of them need attention within ``months`` (one query)."""
    today = today or timezone.localdate()
    until = horizon_end(today, months)
    attention = Q(ends_on__gte=today) & (Q(ends_on__lte=until) | Q(next_adjustment_on__lte=until))
    counts = _scoped(fetched_by).aggregate(total=Count("pk"), attention=Count("pk", filter=attention))
    return LeaseCounts(total=counts["total"], attention=counts["attention"])
