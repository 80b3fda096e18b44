import datetime

from gemeinwohl.core.deadlines import add_days, add_working_days, is_working_day, pre_emption_period_end


def test_weekends_and_berlin_holidays_are_not_working_days():
    assert not is_working_day(datetime.date(2026, 11, 28))  # Saturday
    assert is_working_day(datetime.date(2026, 3, 9))  # the Monday after a Frauentag on Sunday
    assert not is_working_day(datetime.date(2026, 3, 8))  # Internationaler Frauentag (Sunday anyway)
    assert not is_working_day(datetime.date(2027, 3, 8))  # Frauentag on a Monday: a Berlin holiday
    assert not is_working_day(datetime.date(2026, 12, 25))
    assert is_working_day(datetime.date(2026, 11, 25))


def test_ten_working_days_skip_weekends_and_christmas():
    # Wednesday 16 December 2026: two weekends and the two Christmas holidays later
    # (24 and 31 December are working days in Berlin).
    assert add_working_days(datetime.date(2026, 12, 16), 10) == datetime.date(2026, 12, 31)
    assert add_working_days(datetime.date(2026, 12, 23), 3) == datetime.date(2026, 12, 29)
    assert add_working_days(datetime.date(2026, 11, 25), 10) == datetime.date(2026, 12, 9)


def test_calendar_days_count_every_day():
    assert add_days(datetime.date(2026, 11, 25), 10, working_days=False) == datetime.date(2026, 12, 5)


def test_the_pre_emption_period_is_three_months():
    assert pre_emption_period_end(datetime.date(2026, 11, 25)) == datetime.date(2027, 2, 25)
    assert pre_emption_period_end(datetime.date(2026, 11, 30)) == datetime.date(2027, 2, 28)


# --- §§ 187, 188, 190 BGB and the versions of § 28 Abs. 2 BauGB -------------------------------------------------

import calendar  # noqa: E402

import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gemeinwohl.core.deadlines import (  # noqa: E402
    NoRuleForDate,
    extend_by_months,
    last_working_day_on_or_before,
    months_after,
    pre_emption_deadline,
    pre_emption_rule,
    term_end,
)

D = datetime.date


@pytest.mark.parametrize(
    ("notified", "end"),
    [
        (D(2026, 11, 25), D(2027, 2, 25)),  # the corresponding day of the third month
        (D(2026, 11, 30), D(2027, 2, 28)),  # no 30 February: the month's last day
        (D(2027, 11, 30), D(2028, 2, 29)),  # ... which is the 29th in a leap year
        (D(2027, 11, 29), D(2028, 2, 29)),
        (D(2026, 11, 29), D(2027, 2, 28)),
        (D(2026, 12, 31), D(2027, 3, 31)),  # over the turn of the year
        (D(2027, 3, 31), D(2027, 6, 30)),  # no 31 June
        (D(2028, 2, 29), D(2028, 5, 29)),  # from a 29 February
        (D(2026, 1, 31), D(2026, 4, 30)),
        (D(2026, 10, 31), D(2027, 1, 31)),
    ],
)
def test_the_three_months_end_on_the_corresponding_day_or_the_months_last(notified, end):
    deadline = pre_emption_deadline(notified)
    assert deadline.end == end
    assert deadline.rule.months == 3


@pytest.mark.parametrize(
    ("notified", "months", "end"),
    [
        (D(2021, 6, 22), 2, D(2021, 8, 22)),  # the last day of the old rule: two months
        (D(2021, 6, 23), 3, D(2021, 9, 23)),  # the Baulandmobilisierungsgesetz in force: three
        (D(2020, 12, 31), 2, D(2021, 2, 28)),
        (D(2019, 12, 30), 2, D(2020, 2, 29)),  # two months into a leap February
        (D(2021, 4, 30), 2, D(2021, 6, 30)),  # notified under the old rule, ending after the change
        (D(1987, 7, 1), 2, D(1987, 9, 1)),
    ],
)
def test_the_rule_in_force_on_the_day_of_notification_decides(notified, months, end):
    deadline = pre_emption_deadline(notified)
    assert deadline.rule.months == months
    assert deadline.end == end
    assert "§ 28 Abs. 2 Satz 1 BauGB" in str(deadline.rule.source)


def test_the_2021_version_names_its_law_and_the_old_one_its_end():
    assert "Baulandmobilisierungsgesetz" in str(pre_emption_rule(D(2021, 6, 23)).source)
    assert "22. Juni 2021" in str(pre_emption_rule(D(2021, 6, 22)).source)
    assert pre_emption_rule(D(2021, 6, 22)).key != pre_emption_rule(D(2021, 6, 23)).key


def test_before_the_baugb_there_is_no_rule():
    with pytest.raises(NoRuleForDate):
        pre_emption_deadline(D(1987, 6, 30))


@pytest.mark.parametrize(
    ("notified", "end"),
    [
        (D(2026, 11, 25), D(2027, 4, 25)),  # 25 February + 2 months
        # The period ends on 28 February, the extension runs from 1 March: to 30 April, not 28 April.
        (D(2026, 11, 30), D(2027, 4, 30)),
        (D(2026, 10, 31), D(2027, 3, 31)),  # 31 January + 2 months
        (D(2026, 9, 30), D(2027, 2, 28)),  # 30 December + 2 months: no 30 February
        (D(2021, 6, 22), D(2021, 10, 22)),  # old rule: 2 + 2 months
    ],
)
def test_the_buyers_extension_runs_on_from_the_end_of_the_period(notified, end):
    deadline = pre_emption_deadline(notified, extended=True)
    assert deadline.extended
    assert deadline.end == end
    assert deadline.period_end < deadline.end


def test_days_left_count_to_the_last_day():
    deadline = pre_emption_deadline(D(2026, 11, 25))
    assert deadline.days_left(D(2027, 2, 25)) == 0
    assert deadline.days_left(D(2027, 2, 15)) == 10
    assert deadline.days_left(D(2027, 2, 26)) == -1


def test_an_end_on_a_weekend_or_holiday_is_planned_with_the_working_day_before():
    # Notified Wednesday 27 November 2024: the period ends Thursday 27 February 2025, a working day.
    assert pre_emption_deadline(D(2024, 11, 27)).safe_end == D(2025, 2, 27)
    # Notified 28 December 2026: ends Easter Sunday 28 March 2027; Good Friday before it is a holiday
    # too, so the working day to plan with is Thursday 25 March.
    deadline = pre_emption_deadline(D(2026, 12, 28))
    assert deadline.end == D(2027, 3, 28)
    assert deadline.safe_end == D(2027, 3, 25)
    # Notified 1 February 2027: ends 1 May 2027, Labour Day (a Saturday too): Friday 30 April.
    assert pre_emption_deadline(D(2027, 2, 1)).safe_end == D(2027, 4, 30)
    assert last_working_day_on_or_before(D(2026, 12, 27)) == D(2026, 12, 24)  # over Christmas (24th: a working day)


@pytest.mark.parametrize(
    ("first_day", "years", "end"),
    [
        (D(2025, 1, 1), 10, D(2034, 12, 31)),
        (D(2024, 2, 29), 1, D(2025, 2, 28)),  # no 29 February in the final year: its last day
        (D(2024, 3, 1), 99, D(2123, 2, 28)),
        (D(2026, 7, 15), 20, D(2046, 7, 14)),
    ],
)
def test_a_term_in_years_ends_the_day_before_its_anniversary(first_day, years, end):
    assert term_end(first_day, years) == end


def test_periods_of_no_length_are_refused():
    with pytest.raises(ValueError):
        months_after(D(2026, 1, 1), 0)
    with pytest.raises(ValueError):
        extend_by_months(D(2026, 1, 1), 0)
    with pytest.raises(ValueError):
        term_end(D(2026, 1, 1), -1)


# Property-based: invariants over every date the rules cover.

notification_days = st.dates(min_value=D(1987, 7, 1), max_value=D(2100, 12, 31))


@given(notification_days)
def test_the_period_ends_on_the_same_day_number_or_the_last_day_of_a_shorter_month(notified):
    deadline = pre_emption_deadline(notified)
    end = deadline.end
    months = (end.year - notified.year) * 12 + end.month - notified.month
    assert months == deadline.rule.months
    last_of_month = calendar.monthrange(end.year, end.month)[1]
    assert end.day == notified.day or (end.day == last_of_month and notified.day > last_of_month)


@given(notification_days)
def test_the_period_is_as_long_as_its_months_and_never_shorter(notified):
    deadline = pre_emption_deadline(notified)
    length = (deadline.end - notified).days
    months = deadline.rule.months
    assert 28 * months <= length <= 31 * months + 1
    assert notified < deadline.safe_end <= deadline.end
    assert (deadline.end - deadline.safe_end).days < 7


@given(notification_days, notification_days)
def test_a_later_notification_never_ends_earlier_under_the_same_rule(first, second):
    early, late = sorted((first, second))
    early_deadline, late_deadline = pre_emption_deadline(early), pre_emption_deadline(late)
    if early_deadline.rule == late_deadline.rule:
        assert early_deadline.end <= late_deadline.end


@given(notification_days)
def test_the_extension_adds_two_months_from_the_day_after_the_end(notified):
    deadline = pre_emption_deadline(notified, extended=True)
    first_day = deadline.period_end + datetime.timedelta(days=1)
    assert deadline.end > deadline.period_end
    assert 59 <= (deadline.end - deadline.period_end).days <= 62
    # The extended period is the one that starts on first_day: its end + 1 day is first_day two months on,
    # or the first of the following month where that month is too short.
    after = deadline.end + datetime.timedelta(days=1)
    assert after.day == first_day.day or after.day == 1


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)), st.integers(min_value=1, max_value=199))
def test_consecutive_terms_meet_without_gap_or_overlap(first_day, years):
    end = term_end(first_day, years)
    assert end > first_day
    following = end + datetime.timedelta(days=1)
    assert (following.month, following.day) == (first_day.month, first_day.day) or (
        (first_day.month, first_day.day) == (2, 29) and (following.month, following.day) == (3, 1)
    )
