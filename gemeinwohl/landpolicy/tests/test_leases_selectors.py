import datetime
from decimal import Decimal

import pytest

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.actions.properties import PropertyInput, property_update
from gemeinwohl.landpolicy.selectors.leases import horizon_end, lease_counts, lease_list, lease_register
from gemeinwohl.landpolicy.tests.factories import LeaseFactory, PropertyFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 15)


@pytest.fixture
def leases(users):
    by = users["team_internal"]
    # Ends in five months: within a horizon of six months.
    ending = LeaseFactory(by=by, starts_on=datetime.date(2016, 8, 16), term_years=10, file_number="ending")
    # Next adjustment in eight months: within twelve, not within six.
    due = LeaseFactory(by=by, next_adjustment_on=datetime.date(2026, 11, 1), file_number="due")
    # Adjustment overdue since last year.
    overdue = LeaseFactory(by=by, next_adjustment_on=datetime.date(2025, 6, 1), file_number="overdue")
    # Nothing soon.
    quiet = LeaseFactory(by=by, next_adjustment_on=datetime.date(2030, 1, 1), file_number="quiet")
    # Ended already: neither ending nor due, but in the full list.
    ended = LeaseFactory(
        by=by,
        starts_on=datetime.date(2000, 1, 1),
        term_years=20,
        next_adjustment_on=datetime.date(2019, 1, 1),
        file_number="ended",
    )
    return {"ending": ending, "due": due, "overdue": overdue, "quiet": quiet, "ended": ended}


def numbers(rows):
    return [lease.file_number for lease in rows]


def test_the_horizon_picks_contracts_ending_or_due_for_adjustment(users, leases):
    register = lease_register(fetched_by=users["team_external"], months=6, today=TODAY)
    assert register.until == datetime.date(2026, 9, 15)
    assert numbers(register.ending) == ["ending"]
    assert numbers(register.adjustments_due) == ["overdue"]
    assert register.adjustments_due[0].adjustment_overdue

    register = lease_register(fetched_by=users["team_external"], months=12, today=TODAY)
    assert numbers(register.adjustments_due) == ["overdue", "due"]
    assert sorted(numbers(register.leases)) == sorted(leases)


def test_the_counts_agree_with_the_register(users, leases):
    counts = lease_counts(fetched_by=users["bezirksamt"], months=12, today=TODAY)
    register = lease_register(fetched_by=users["bezirksamt"], months=12, today=TODAY)
    attention = {lease.pk for lease in register.ending} | {lease.pk for lease in register.adjustments_due}
    assert counts.total == 5
    assert counts.attention == len(attention) == 3


def test_readers_see_only_contracts_at_their_level(users):
    by = users["team_internal"]
    internal_plot = PropertyFactory(by=by, visibility=Visibility.INTERNAL)
    LeaseFactory(by=by, plot=internal_plot, visibility=Visibility.INTERNAL, file_number="internal")
    LeaseFactory(by=by, file_number="team")
    assert sorted(numbers(lease_list(fetched_by=users["team_internal"]))) == ["internal", "team"]
    assert numbers(lease_list(fetched_by=users["team_external"])) == ["team"]
    assert numbers(lease_list(fetched_by=users["bezirksamt"])) == ["team"]
    assert numbers(lease_list(fetched_by=users["registered"])) == []
    assert numbers(lease_list(fetched_by=users["anonymous"])) == []


def test_a_contract_on_a_property_made_stricter_later_is_hidden_with_it(users):
    by = users["team_internal"]
    lease = LeaseFactory(by=by, file_number="team")
    plot = lease.plot
    fields = PropertyInput.__dataclass_fields__
    data = PropertyInput(**{name: getattr(plot, name) for name in fields} | {"visibility": Visibility.INTERNAL})
    property_update(plot=plot, data=data, by=by)
    assert numbers(lease_list(fetched_by=users["team_external"])) == []
    assert lease_counts(fetched_by=users["team_external"]).total == 0


def test_the_horizon_counts_calendar_months():
    assert horizon_end(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)


def test_the_yearly_rent_is_rounded_to_the_cent(users):
    lease = LeaseFactory(by=users["team_internal"], land_value=Decimal("333333.33"), rate_percent=Decimal("1.125"))
    assert lease.yearly_rent == Decimal("3750.00")
