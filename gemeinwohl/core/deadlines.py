"""Counting days the way Berlin's administration does: working days and statutory periods."""

import datetime
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta

# § 28 Abs. 2 BauGB: the district may exercise its right of pre-emption within
# three months of being notified of the purchase contract.
PRE_EMPTION_PERIOD = relativedelta(months=3)


@lru_cache(maxsize=64)
def _berlin_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.Germany(subdiv="BE", years=year))


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a public holiday in Berlin."""
    return day.weekday() < 5 and day not in _berlin_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The working day ``days`` working days after ``start`` (``start`` itself is not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def add_days(start: datetime.date, days: int, *, working_days: bool) -> datetime.date:
    """``days`` after ``start``, counted in working days or calendar days."""
    if working_days:
        return add_working_days(start, days)
    return start + datetime.timedelta(days=days)


def pre_emption_period_end(notified_on: datetime.date) -> datetime.date:
    """The last day the district may exercise its right of pre-emption after a notified sale."""
    return notified_on + PRE_EMPTION_PERIOD
