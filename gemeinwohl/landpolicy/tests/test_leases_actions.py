import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory
from gemeinwohl.landpolicy.actions.leases import LeaseInput, lease_create, lease_update
from gemeinwohl.landpolicy.models import GroundLease
from gemeinwohl.landpolicy.tests.factories import LeaseFactory, PropertyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return UserFactory(role=Role.TEAM_INTERNAL)


@pytest.fixture
def data(team):
    return LeaseInput(
        plot=PropertyFactory(by=team),
        holder_organisation=OrganisationFactory(name="Mietshäuser Syndikat Testhaus GmbH", by=team),
        starts_on=datetime.date(2025, 1, 1),
        term_years=10,
        rate_percent=Decimal("1.5"),
        land_value=Decimal("1000000.00"),
    )


def errors_of(data, by) -> dict:
    with pytest.raises(ValidationError) as error:
        lease_create(data=data, by=by)
    assert not GroundLease.objects.exists()
    return error.value.message_dict


def test_the_end_follows_from_start_and_term_and_the_rent_from_value_and_rate(data, team):
    lease = lease_create(data=data, by=team)
    assert lease.ends_on == datetime.date(2034, 12, 31)
    assert lease.yearly_rent == Decimal("15000.00")
    assert lease.holder.name == "Mietshäuser Syndikat Testhaus GmbH"
    assert lease.created_by == team


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"term_years": -5}, "term_years", "Die Laufzeit muss mindestens ein Jahr betragen."),
        ({"term_years": 0}, "term_years", "Die Laufzeit muss mindestens ein Jahr betragen."),
        ({"term_years": 200}, "term_years", "Die Laufzeit kann höchstens 199 Jahre betragen."),
        ({"rate_percent": Decimal("-1")}, "rate_percent", "Der Erbbauzins kann nicht negativ sein."),
        (
            {"rate_percent": Decimal("100.5")},
            "rate_percent",
            "Der Erbbauzins kann höchstens 100 Prozent des Bodenwerts betragen.",
        ),
        ({"land_value": Decimal("-0.01")}, "land_value", "Der Bodenwert kann nicht negativ sein."),
        (
            {"adjustment_interval_years": 0},
            "adjustment_interval_years",
            "Zwischen zwei Anpassungen muss mindestens ein Jahr liegen.",
        ),
        (
            {"next_adjustment_on": datetime.date(2024, 12, 31)},
            "next_adjustment_on",
            "Die nächste Anpassung kann nicht vor dem Beginn des Erbbaurechts liegen.",
        ),
        (
            {"next_adjustment_on": datetime.date(2035, 1, 1)},
            "next_adjustment_on",
            "Die nächste Anpassung kann nicht nach dem Ende des Erbbaurechts liegen.",
        ),
        (
            {"holder_organisation": None},
            "holder",
            "Bitte wählen Sie genau eine Erbbauberechtigte oder einen Erbbauberechtigten.",
        ),
    ],
)
def test_bad_input_gives_a_german_message_by_field_and_saves_nothing(data, team, change, field, message):
    assert errors_of(replace(data, **change), team)[field] == [message]


def test_a_contract_has_exactly_one_holder(data, team):
    person = PersonFactory(by=team)
    assert "holder" in errors_of(replace(data, holder_person=person), team)
    lease = lease_create(data=replace(data, holder_organisation=None, holder_person=person), by=team)
    assert lease.holder == person


def test_the_next_adjustment_may_fall_on_the_first_and_the_last_day(data, team):
    lease_create(data=replace(data, next_adjustment_on=datetime.date(2025, 1, 1)), by=team)
    other = replace(data, plot=PropertyFactory(by=team), next_adjustment_on=datetime.date(2034, 12, 31))
    assert lease_create(data=other, by=team).next_adjustment_on == datetime.date(2034, 12, 31)


def test_holder_and_property_must_be_visible_to_who_records_the_contract(data, team):
    external = UserFactory(role=Role.TEAM_EXTERNAL)
    hidden_holder = OrganisationFactory(
        name="Projektgesellschaft Verborgen GmbH", visibility=Visibility.INTERNAL, by=team
    )
    assert "holder" in errors_of(replace(data, holder_organisation=hidden_holder), external)
    hidden_plot = PropertyFactory(by=team, visibility=Visibility.INTERNAL)
    errors = errors_of(replace(data, plot=hidden_plot, visibility=Visibility.INTERNAL), external)
    assert "plot" in errors
    assert "visibility" in errors  # nor may the external team file anything administration-internal


def test_a_contract_is_never_looser_than_its_property(data, team):
    internal_plot = PropertyFactory(by=team, visibility=Visibility.INTERNAL)
    errors = errors_of(replace(data, plot=internal_plot, visibility=Visibility.TEAM), team)
    assert errors["visibility"] == [
        "Der Vertrag darf nicht offener sichtbar sein als sein Grundstück (verwaltungsintern)."
    ]


@pytest.mark.parametrize("role", [Role.REGISTERED])
def test_only_those_who_work_land_policy_record_contracts(data, role):
    with pytest.raises(PermissionDenied):
        lease_create(data=data, by=UserFactory(role=role))


def test_bezirksamt_staff_record_contracts(data):
    lease = lease_create(data=data, by=UserFactory(role=Role.BEZIRKSAMT))
    assert lease.pk


def test_an_update_recomputes_the_end_and_a_refused_one_changes_nothing(team):
    lease = LeaseFactory(by=team, starts_on=datetime.date(2020, 1, 1), term_years=99)
    data = LeaseInput(
        plot=lease.plot,
        holder_organisation=lease.holder_organisation,
        starts_on=datetime.date(2021, 7, 1),
        term_years=60,
        rate_percent=Decimal("2"),
        land_value=Decimal("500000"),
        next_adjustment_on=datetime.date(2026, 7, 1),
    )
    lease_update(lease=lease, data=data, by=team)
    lease.refresh_from_db()
    assert lease.ends_on == datetime.date(2081, 6, 30)
    assert lease.yearly_rent == Decimal("10000.00")

    with pytest.raises(ValidationError):
        lease_update(
            lease=GroundLease.objects.get(pk=lease.pk), data=replace(data, rate_percent=Decimal("-2")), by=team
        )
    lease.refresh_from_db()
    assert lease.rate_percent == Decimal("2")


def test_nobody_changes_a_contract_they_may_not_see(team):
    lease = LeaseFactory(
        by=team, plot=PropertyFactory(by=team, visibility=Visibility.INTERNAL), visibility=Visibility.INTERNAL
    )
    bezirksamt = UserFactory(role=Role.BEZIRKSAMT)
    data = LeaseInput(
        plot=lease.plot,
        holder_organisation=lease.holder_organisation,
        starts_on=lease.starts_on,
        term_years=1,
        rate_percent=Decimal("0"),
        land_value=Decimal("0"),
    )
    with pytest.raises(PermissionDenied):
        lease_update(lease=lease, data=data, by=bezirksamt)
