"""The month grid of the calendar: weeks from Monday to Sunday, each day with the events on it.

An event shows on every day it touches (Berlin dates), within the month
asked for; days of the neighbouring months fill the first and last week
empty. Works on the events handed in; reads nothing itself.
"""

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

# Months the calendar answers for; beyond them the address is not a page.
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    is_today: bool = False
    events: list = field(default_factory=list)


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the month and of the next, in the platform's time zone."""
    zone = timezone.get_default_timezone()
    first = datetime.date(year, month, 1)
    following = neighbour(year, month, 1)
    return (
        datetime.datetime.combine(first, datetime.time.min, tzinfo=zone),
        datetime.datetime.combine(datetime.date(*following, 1), datetime.time.min, tzinfo=zone),
    )


def neighbour(year: int, month: int, step: int) -> tuple[int, int]:
    """(year, month) ``step`` months away."""
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1


def _days_of(event, *, first_day: datetime.date, last_day: datetime.date) -> list[datetime.date]:
    """The dates the event touches between ``first_day`` and ``last_day``."""
    first = max(timezone.localdate(event.start), first_day)
    # An event that ends at midnight does not touch the day that begins then.
    last = min(timezone.localdate(event.end - datetime.timedelta(microseconds=1)), last_day)
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def month_weeks(year: int, month: int, events: Iterable, *, today: datetime.date) -> list[list[Day]]:
    """The weeks of the month, Monday first, every day of the month with its events in the order handed in."""
    weeks = [
        [Day(date=day, in_month=day.month == month, is_today=day == today) for day in week]
        for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    ]
    by_date = {day.date: day for week in weeks for day in week if day.in_month}
    first_day, last_day = min(by_date), max(by_date)
    for event in events:
        for date in _days_of(event, first_day=first_day, last_day=last_day):
            by_date[date].events.append(event)
    return weeks
