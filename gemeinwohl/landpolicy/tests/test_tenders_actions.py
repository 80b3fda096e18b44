"""Tender actions: every bad input answers in German and leaves nothing half saved; criteria freeze with the first score."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory
from gemeinwohl.landpolicy.actions.tenders import (
    BidInput,
    CriterionInput,
    TenderInput,
    bid_add,
    bid_score,
    tender_create,
    tender_set_criteria,
    tender_set_jurors,
    tender_update,
)
from gemeinwohl.landpolicy.models import Bid, CriteriaChange, Juror, Score, Tender, TenderCriterion, TenderStatus
from gemeinwohl.landpolicy.tests.factories import (
    PropertyFactory,
    TenderFactory,
    add_bid,
    seat_jury,
    set_criteria,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return UserFactory(role=Role.TEAM_INTERNAL, name="Jana Brandt")


@pytest.fixture
def ready(team):
    """A tender with two criteria (60/40), two bids and a jury of two, nothing scored."""
    tender = TenderFactory(by=team)
    criteria = set_criteria(tender, [60, 40], by=team, names=["Gemeinwohl", "Finanzierung"])
    bids = [add_bid(tender, title="Hausprojekt A", by=team), add_bid(tender, title="Genossenschaft B", by=team)]
    jurors = [UserFactory(role=Role.TEAM_EXTERNAL, name="Lea Hoffmann"), UserFactory(role=Role.BEZIRKSAMT)]
    seat_jury(tender, jurors, by=team)
    return tender, criteria, bids, jurors


def points_for(criteria, value):
    return {criterion.pk: value for criterion in criteria}


def messages(error: pytest.ExceptionInfo) -> str:
    return " ".join(" ".join(m) for m in error.value.message_dict.values())


# --- the tender ------------------------------------------------------------------------------------------------------


def test_a_tender_needs_a_title_a_visible_plot_and_a_sound_scale(team):
    hidden_plot = PropertyFactory(by=UserFactory(role=Role.TEAM_INTERNAL), visibility=Visibility.INTERNAL)
    external = UserFactory(role=Role.TEAM_EXTERNAL)

    with pytest.raises(ValidationError) as error:
        tender_create(data=TenderInput(plot=hidden_plot, title=" ", scale_min=5, scale_max=5), by=external)

    assert set(error.value.message_dict) == {"title", "plot", "scale_max"}
    assert "Bitte geben Sie einen Titel an." in error.value.message_dict["title"]
    assert Tender.objects.count() == 0


def test_the_scale_tops_out_at_100_and_visibility_at_the_readers_clearance(team):
    plot = PropertyFactory(by=team)
    external = UserFactory(role=Role.TEAM_EXTERNAL)
    with pytest.raises(ValidationError) as error:
        tender_create(
            data=TenderInput(plot=plot, title="Zu viel", scale_max=101, visibility=Visibility.INTERNAL), by=external
        )
    assert set(error.value.message_dict) == {"scale_max", "visibility"}
    assert Tender.objects.count() == 0


def test_the_public_cannot_open_a_tender(team):
    with pytest.raises(PermissionDenied):
        tender_create(data=TenderInput(plot=PropertyFactory(by=team), title="X"), by=UserFactory())


# --- criteria --------------------------------------------------------------------------------------------------------


def test_weights_must_add_up_to_exactly_100_and_nothing_is_saved_otherwise(team):
    tender = TenderFactory(by=team)

    with pytest.raises(ValidationError) as error:
        set_criteria(tender, [50, 45], by=team)

    assert error.value.message_dict["criteria"] == ["Die Gewichte ergeben zusammen 95 %, sie müssen 100 % ergeben."]
    assert not TenderCriterion.objects.exists()
    assert not CriteriaChange.objects.exists()


def test_names_must_be_given_and_unique_and_weights_positive(team):
    tender = TenderFactory(by=team)
    with pytest.raises(ValidationError) as error:
        tender_set_criteria(
            tender=tender,
            criteria=[
                CriterionInput(name="Wohnen", weight=Decimal(60)),
                CriterionInput(name="wohnen", weight=Decimal(40)),
                CriterionInput(name="", weight=Decimal(0)),
            ],
            by=team,
        )
    found = error.value.message_dict
    assert found["criteria-1-name"] == ["Dieses Kriterium steht schon im Katalog."]
    assert found["criteria-2-name"] == ["Bitte geben Sie den Namen des Kriteriums an."]
    assert "größer als 0" in found["criteria-2-weight"][0]
    with pytest.raises(ValidationError) as error:
        tender_set_criteria(tender=tender, criteria=[], by=team)
    assert "mindestens ein Kriterium" in messages(error)
    assert not TenderCriterion.objects.exists()


def test_thirds_add_up_when_written_to_two_decimals(team):
    tender = TenderFactory(by=team)
    created = set_criteria(tender, ["33.33", "33.33", "33.34"], by=team)
    assert sum(criterion.weight for criterion in created) == 100


def test_every_change_of_the_catalogue_is_recorded_with_before_and_after(team):
    tender = TenderFactory(by=team)
    set_criteria(tender, [100], by=team, names=["Konzept"])
    set_criteria(tender, [70, 30], by=team, names=["Konzept", "Miethöhe"])

    changes = list(CriteriaChange.objects.filter(tender=tender).order_by("at", "pk"))
    assert len(changes) == 2
    assert changes[0].before == [] and changes[0].after == [{"name": "Konzept", "weight": "100.00", "description": ""}]
    assert changes[1].before == changes[0].after
    assert changes[1].after == [
        {"name": "Konzept", "weight": "70.00", "description": ""},
        {"name": "Miethöhe", "weight": "30.00", "description": ""},
    ]
    assert changes[1].by == team
    assert [c.name for c in tender.criteria.all()] == ["Konzept", "Miethöhe"]


def test_the_first_score_freezes_criteria_scale_and_bids(ready, team):
    tender, criteria, bids, jurors = ready
    assert tender.status == TenderStatus.OPEN

    bid_score(bid=bids[0], by=jurors[0], points=points_for(criteria, 7))

    tender.refresh_from_db()
    assert tender.criteria_frozen_at is not None
    assert tender.status == TenderStatus.SCORING
    with pytest.raises(ValidationError) as error:
        set_criteria(tender, [50, 50], by=team)
    assert "festgeschrieben" in messages(error)
    assert [c.weight for c in tender.criteria.all()] == [Decimal(60), Decimal(40)]
    with pytest.raises(ValidationError) as error:
        add_bid(tender, title="Zu spät", by=team)
    assert "keine Gebote mehr" in messages(error)
    data = TenderInput(plot=tender.plot, title=tender.title, status=TenderStatus.SCORING, scale_max=20)
    with pytest.raises(ValidationError) as error:
        tender_update(tender=tender, data=data, by=team)
    assert "scale_max" in error.value.message_dict
    assert Tender.objects.get(pk=tender.pk).scale_max == 10


# --- bids ------------------------------------------------------------------------------------------------------------


def test_a_bid_has_exactly_one_applicant_the_reader_may_see(team):
    tender = TenderFactory(by=team)
    external = UserFactory(role=Role.TEAM_EXTERNAL)
    internal_org = OrganisationFactory(by=team, visibility=Visibility.INTERNAL)
    person = PersonFactory(by=team)
    today = timezone.localdate()

    with pytest.raises(ValidationError) as error:
        bid_add(
            tender=tender,
            data=BidInput(title="Beides", submitted_on=today, organisation=OrganisationFactory(by=team), person=person),
            by=team,
        )
    assert "genau eine" in error.value.message_dict["applicant"][0]
    with pytest.raises(ValidationError) as error:
        bid_add(tender=tender, data=BidInput(title="X", submitted_on=today, organisation=internal_org), by=external)
    assert "applicant" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        bid_add(
            tender=tender,
            data=BidInput(title="", submitted_on=today + datetime.timedelta(days=1), person=person),
            by=team,
        )
    assert set(error.value.message_dict) == {"title", "submitted_on"}
    assert not Bid.objects.exists()

    bid = bid_add(tender=tender, data=BidInput(title="Wohnen für alle", submitted_on=today, person=person), by=team)
    assert bid.applicant == person


# --- jury ------------------------------------------------------------------------------------------------------------


def test_the_jury_needs_someone_active_and_keeps_who_has_scored(ready, team):
    tender, criteria, bids, jurors = ready
    inactive = UserFactory(is_active=False)

    with pytest.raises(ValidationError) as error:
        tender_set_jurors(tender=tender, users=[], by=team)
    assert "mindestens ein" in messages(error)
    with pytest.raises(ValidationError) as error:
        tender_set_jurors(tender=tender, users=[*jurors, inactive], by=team)
    assert "aktive Konten" in messages(error)

    bid_score(bid=bids[0], by=jurors[0], points=points_for(criteria, 5))
    with pytest.raises(ValidationError) as error:
        tender_set_jurors(tender=tender, users=[jurors[1]], by=team)
    assert "Lea Hoffmann hat schon bewertet" in messages(error)
    assert Juror.objects.filter(tender=tender).count() == 2

    # Adding someone and removing a juror who has not scored yet is fine
    newcomer = UserFactory(role=Role.TEAM_INTERNAL)
    tender_set_jurors(tender=tender, users=[jurors[0], newcomer], by=team)
    assert {j.user for j in Juror.objects.filter(tender=tender)} == {jurors[0], newcomer}


# --- scores ----------------------------------------------------------------------------------------------------------


def test_only_a_juror_scores(ready, team):
    _tender, criteria, bids, _jurors = ready
    with pytest.raises(PermissionDenied):
        bid_score(bid=bids[0], by=team, points=points_for(criteria, 5))
    assert not Score.objects.exists()


def test_points_outside_the_scale_are_refused_and_nothing_is_saved(ready):
    tender, criteria, bids, jurors = ready

    with pytest.raises(ValidationError) as error:
        bid_score(bid=bids[0], by=jurors[0], points={criteria[0].pk: 7, criteria[1].pk: 11})

    assert error.value.message_dict[f"points_{criteria[1].pk}"] == ["Bitte vergeben Sie zwischen 0 und 10 Punkte."]
    assert not Score.objects.exists()
    tender.refresh_from_db()
    assert tender.criteria_frozen_at is None and tender.status == TenderStatus.OPEN


def test_every_criterion_needs_points(ready):
    _tender, criteria, bids, jurors = ready
    with pytest.raises(ValidationError) as error:
        bid_score(bid=bids[0], by=jurors[0], points={criteria[0].pk: 7})
    assert f"points_{criteria[1].pk}" in error.value.message_dict
    assert not Score.objects.exists()


def test_a_juror_scores_a_bid_once(ready):
    _tender, criteria, bids, jurors = ready
    bid_score(bid=bids[0], by=jurors[0], points=points_for(criteria, 4), notes={criteria[0].pk: "gut"})

    with pytest.raises(ValidationError) as error:
        bid_score(bid=bids[0], by=jurors[0], points=points_for(criteria, 9))

    assert messages(error) == "Sie haben dieses Gebot bereits bewertet."
    assert sorted(Score.objects.values_list("points", flat=True)) == [4, 4]


def test_scoring_needs_weights_that_add_up(team):
    tender = TenderFactory(by=team)
    bid = add_bid(tender, by=team)
    juror = UserFactory(role=Role.TEAM_EXTERNAL)
    seat_jury(tender, [juror], by=team)
    with pytest.raises(ValidationError) as error:
        bid_score(bid=bid, by=juror, points={})
    assert "100 %" in messages(error)
