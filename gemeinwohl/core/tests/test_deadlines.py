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
