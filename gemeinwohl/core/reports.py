"""What every figures page shares: the period in the district's time, its quick choices, and bar rows.

Used by the advice and the events figures (pages, charts and their files).
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext_lazy

from gemeinwohl.core.forms import years_later


def local_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """From midnight starting ``start`` to midnight ending ``end``, in the district's time zone (end exclusive)."""
    zone = timezone.get_default_timezone()
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min)
    return (
        timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), zone),
        timezone.make_aware(after, zone),
    )


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    width: str  # share of the figure's longest bar in per cent, for the SVG (never localised)


def bars(items: list[tuple[str, int]]) -> list[Bar]:
    """Rows of a bar chart; the longest bar fills the width."""
    longest = max((count for _label, count in items), default=0) or 1
    return [Bar(label=label, count=count, width=f"{100 * count / longest:.1f}") for label, count in items]


def period_query(start: datetime.date, end: datetime.date) -> str:
    return urlencode({"von": start.isoformat(), "bis": end.isoformat()})


@dataclass(frozen=True)
class QuickPeriod:
    label: str
    start: datetime.date
    end: datetime.date

    @property
    def query(self) -> str:
        return period_query(self.start, self.end)


def quick_periods(today: datetime.date) -> list[QuickPeriod]:
    last_year = today.year - 1
    return [
        QuickPeriod(gettext_lazy("dieses Jahr"), today.replace(month=1, day=1), today),
        QuickPeriod(gettext_lazy("letztes Jahr"), datetime.date(last_year, 1, 1), datetime.date(last_year, 12, 31)),
        QuickPeriod(gettext_lazy("letzte 12 Monate"), years_later(today, -1) + datetime.timedelta(days=1), today),
    ]
