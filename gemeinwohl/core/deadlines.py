"""Counting days the way Berlin's administration does: working days and statutory periods.

Periods measured in months or years follow §§ 187, 188 and 190 BGB:

- A period that starts with an event during a day (a notification received)
  does not count that day (§ 187 Abs. 1) and ends with the day of the final
  month that has the event's number; if the final month has no such day, with
  its last day (§ 188 Abs. 2 first case, Abs. 3). ``months_after``.
- A period that starts at the beginning of a day (a contract's term from its
  first day) counts that day (§ 187 Abs. 2) and ends with the day before the
  one with the starting day's number (§ 188 Abs. 2 second case, Abs. 3).
  ``term_end``.
- An extended period runs on from the end of the previous one (§ 190): it
  starts at the beginning of the next day. ``extend_by_months``.

Statutory periods that the law has changed are kept as dated versions with
their source, so a case is counted by the rule in force on the day that
started it, and a future change is one more version in ``PRE_EMPTION_RULES``.
"""

import calendar
import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _


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


def last_working_day_on_or_before(day: datetime.date) -> datetime.date:
    """``day`` itself if it is a working day in Berlin, else the working day before it."""
    while not is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def months_after(event_day: datetime.date, months: int) -> datetime.date:
    """The last day of a period of ``months`` that an event on ``event_day`` started (§§ 187 Abs. 1, 188 Abs. 2, 3 BGB).

    30 November + 3 months ends on 28 (or 29) February; 31 January + 1 month on
    the last day of February.
    """
    if months < 1:
        raise ValueError("A period lasts at least one month.")
    # relativedelta keeps the day's number and, where the month is shorter, takes its last day.
    return event_day + relativedelta(months=months)


def _period_from_start(first_day: datetime.date, months: int) -> datetime.date:
    """The last day of ``months`` that begin at the start of ``first_day`` (§§ 187 Abs. 2, 188 Abs. 2, 3 BGB)."""
    target = first_day.replace(day=1) + relativedelta(months=months)
    last_of_month = calendar.monthrange(target.year, target.month)[1]
    if first_day.day > last_of_month:
        # The final month has no day with that number: the period ends with its last day.
        return target.replace(day=last_of_month)
    return target.replace(day=first_day.day) - datetime.timedelta(days=1)


def extend_by_months(previous_end: datetime.date, months: int) -> datetime.date:
    """The last day of a period ending ``previous_end`` once extended by ``months`` (§ 190 BGB).

    The new period begins with the day after the old one ended, so a period
    that ended on the last day of a month ends on a month's last day again:
    28 February + 2 months is 30 April, not 28 April.
    """
    if months < 1:
        raise ValueError("An extension lasts at least one month.")
    return _period_from_start(previous_end + datetime.timedelta(days=1), months)


def term_end(first_day: datetime.date, years: int) -> datetime.date:
    """The last day of a term of ``years`` that begins with ``first_day`` (1 January 2025 + 10 years: 31 December 2034)."""
    if years < 1:
        raise ValueError("A term lasts at least one year.")
    return _period_from_start(first_day, 12 * years)


@dataclass(frozen=True)
class PreEmptionRule:
    """One version of § 28 Abs. 2 Satz 1 BauGB (with the extension of § 27 Abs. 1 Satz 3) and when it applied."""

    key: str
    valid_from: datetime.date
    valid_until: datetime.date | None  # the last day it applied; None while in force
    months: int
    extension_months: int
    source: str
    source_url: str
    extension_source: str

    def applies_to(self, notified_on: datetime.date) -> bool:
        return self.valid_from <= notified_on and (self.valid_until is None or notified_on <= self.valid_until)


PRE_EMPTION_RULES: tuple[PreEmptionRule, ...] = (
    PreEmptionRule(
        key="baugb-1987",
        valid_from=datetime.date(1987, 7, 1),
        valid_until=datetime.date(2021, 6, 22),
        months=2,
        extension_months=2,
        source=_(
            "§ 28 Abs. 2 Satz 1 BauGB in der bis zum 22. Juni 2021 geltenden Fassung: "
            "zwei Monate nach Mitteilung des Kaufvertrags"
        ),
        source_url="https://www.gesetze-im-internet.de/bbaug/__28.html",
        extension_source=_("§ 27 Abs. 1 Satz 3 BauGB: Verlängerung um zwei Monate auf Antrag des Käufers"),
    ),
    PreEmptionRule(
        key="baugb-2021",
        valid_from=datetime.date(2021, 6, 23),
        valid_until=None,
        months=3,
        extension_months=2,
        source=_(
            "§ 28 Abs. 2 Satz 1 BauGB in der Fassung des Baulandmobilisierungsgesetzes vom 14. Juni 2021 "
            "(BGBl. I S. 1802), in Kraft seit 23. Juni 2021: drei Monate nach Mitteilung des Kaufvertrags"
        ),
        source_url="https://www.gesetze-im-internet.de/bbaug/__28.html",
        extension_source=_("§ 27 Abs. 1 Satz 3 BauGB: Verlängerung um zwei Monate auf Antrag des Käufers"),
    ),
)

PRE_EMPTION_RULES_FROM = PRE_EMPTION_RULES[0].valid_from


class NoRuleForDate(ValueError):
    """No version of the rule covers the day (before the BauGB came into force)."""


def pre_emption_rule(notified_on: datetime.date) -> PreEmptionRule:
    """The version of § 28 Abs. 2 BauGB in force on the day the sale was notified."""
    for rule in PRE_EMPTION_RULES:
        if rule.applies_to(notified_on):
            return rule
    raise NoRuleForDate(notified_on)


@dataclass(frozen=True)
class PreEmptionDeadline:
    """The period to exercise a right of pre-emption, how it was counted, and on which legal basis."""

    rule: PreEmptionRule
    notified_on: datetime.date
    period_end: datetime.date  # the statutory period without an extension
    extended: bool
    end: datetime.date  # the day by which the right must be exercised

    @property
    def safe_end(self) -> datetime.date:
        """The last working day on or before ``end``.

        Whether § 193 BGB moves an end on a weekend or holiday to the next
        working day is disputed for this period; a district that must not lose
        the house plans with the working day before.
        """
        return last_working_day_on_or_before(self.end)

    def days_left(self, today: datetime.date) -> int:
        """Calendar days from ``today`` to the end (0 on the last day, negative once it has passed)."""
        return (self.end - today).days


def pre_emption_deadline(notified_on: datetime.date, *, extended: bool = False) -> PreEmptionDeadline:
    """When the right of pre-emption for a sale notified on ``notified_on`` must be exercised.

    The period starts the day after the notification and ends on the day of
    the final month with the same number (its last day if there is none); a
    buyer's request under § 27 Abs. 1 Satz 3 BauGB extends it from its end.
    Raises ``NoRuleForDate`` before 1 July 1987.
    """
    rule = pre_emption_rule(notified_on)
    period_end = months_after(notified_on, rule.months)
    end = extend_by_months(period_end, rule.extension_months) if extended else period_end
    return PreEmptionDeadline(rule=rule, notified_on=notified_on, period_end=period_end, extended=extended, end=end)


def pre_emption_period_end(notified_on: datetime.date) -> datetime.date:
    """The last day the district may exercise its right of pre-emption after a notified sale (without extension)."""
    return pre_emption_deadline(notified_on).period_end
