"""The places actions' rules: positions, sensitive fields, status history, actors, assessments, proposals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory
from gemeinwohl.places import actions
from gemeinwohl.places.actions import ActorInput
from gemeinwohl.places.models import Assessment, Criterion, Place, Rating, Review, Status
from gemeinwohl.places.tests.factories import (
    ALEXANDERPLATZ,
    POTSDAM,
    PlaceFactory,
    PlaceInputFactory,
    ProposalInputFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return UserFactory(role=Role.TEAM_EXTERNAL)


# --- positions -----------------------------------------------------------------------------------


def test_a_place_gets_the_areas_of_its_position(team):
    place = actions.place_create(
        data=PlaceInputFactory(latitude=ALEXANDERPLATZ[0], longitude=ALEXANDERPLATZ[1]), by=team
    )

    assert place.district.name == "Mitte"
    assert place.milieuschutz is None
    assert not place.outside_berlin


def test_a_place_outside_berlin_has_no_areas(team):
    place = actions.place_create(data=PlaceInputFactory(latitude=POTSDAM[0], longitude=POTSDAM[1]), by=team)

    assert (place.district, place.ortsteil, place.outside_berlin) == (None, None, True)


def test_a_place_without_position_is_allowed(team):
    place = actions.place_create(data=PlaceInputFactory(latitude=None, longitude=None), by=team)

    assert not place.has_position
    assert (place.district, place.outside_berlin) == (None, False)


@pytest.mark.parametrize(
    "latitude, longitude, field",
    [(95.0, 13.4, "latitude"), (52.5, -181.0, "longitude"), (52.5, None, "longitude"), (None, 13.4, "latitude")],
)
def test_a_position_off_earth_or_half_given_is_refused(team, latitude, longitude, field):
    with pytest.raises(ValidationError) as error:
        actions.place_create(data=PlaceInputFactory(latitude=latitude, longitude=longitude), by=team)

    assert field in error.value.message_dict
    assert not Place.objects.exists()


def test_only_the_team_records_places():
    with pytest.raises(PermissionDenied):
        actions.place_create(data=PlaceInputFactory(), by=UserFactory(role=Role.BEZIRKSAMT))

    assert not Place.objects.exists()


# --- sensitive fields ----------------------------------------------------------------------------


def test_sensitive_fields_may_be_stricter_never_looser(team):
    # stricter: fine, and readers see the owner only with the clearance for it
    place = actions.place_create(
        data=PlaceInputFactory(visibility=Visibility.PUBLIC, owner_type="privat", owner_visibility=Visibility.TEAM),
        by=team,
    )
    assert place.reader_sees_owner(team)
    assert not place.reader_sees_owner(UserFactory(role=Role.REGISTERED))

    # looser: refused, for the owner and the negotiations alike
    with pytest.raises(ValidationError) as error:
        actions.place_update(
            place=place,
            data=PlaceInputFactory(
                visibility=Visibility.TEAM,
                owner_visibility=Visibility.PUBLIC,
                negotiations_visibility=Visibility.MEMBERS,
            ),
            by=team,
        )
    assert {"owner_visibility", "negotiations_visibility"} <= set(error.value.message_dict)
    place.refresh_from_db()
    assert place.visibility == Visibility.PUBLIC


def test_nobody_files_above_their_own_clearance(team):
    with pytest.raises(ValidationError) as error:
        actions.place_create(data=PlaceInputFactory(negotiations_visibility=Visibility.INTERNAL), by=team)

    assert "negotiations_visibility" in error.value.message_dict


# --- status history ------------------------------------------------------------------------------


def test_the_latest_change_by_date_is_the_status(team):
    place = PlaceFactory(status=Status.IDEA, by=team)
    today = timezone.localdate()

    actions.place_change_status(place=place, status=Status.NEGOTIATING, on_date=today, note="", by=team)
    # a change that happened earlier, recorded later, joins the history but is not the current status
    actions.place_change_status(
        place=place, status=Status.THREATENED, on_date=today - datetime.timedelta(days=30), note="Kündigung", by=team
    )

    place.refresh_from_db()
    assert (place.status, place.status_since) == (Status.NEGOTIATING, today)
    # the history runs newest first by date: the back-dated change sits below today's
    history = list(place.status_changes.values_list("status", "on_date"))
    assert history[0] == (Status.NEGOTIATING, today)
    assert (Status.THREATENED, today - datetime.timedelta(days=30)) in history
    assert [on_date for _status, on_date in history] == sorted((on_date for _status, on_date in history), reverse=True)


def test_a_status_change_needs_a_date_and_a_known_status(team):
    place = PlaceFactory(by=team)

    with pytest.raises(ValidationError) as error:
        actions.place_change_status(place=place, status="unbekannt", on_date=None, by=team)

    assert set(error.value.message_dict) == {"status", "on_date"}
    assert place.status_changes.count() == 1


# --- actors --------------------------------------------------------------------------------------


def test_actors_only_from_entries_the_editor_may_see(team):
    place = PlaceFactory(by=team)
    visible = OrganisationFactory(visibility=Visibility.TEAM)
    hidden = PersonFactory(visibility=Visibility.INTERNAL)

    with pytest.raises(ValidationError):
        actions.place_set_actors(
            place=place,
            actors=[ActorInput(role="traeger", organisation=visible), ActorInput(role="eigentuemer", person=hidden)],
            by=team,
        )
    assert not place.actors.exists()

    actions.place_set_actors(place=place, actors=[ActorInput(role="traeger", organisation=visible)], by=team)
    assert list(place.actors.values_list("organisation", "role")) == [(visible.pk, "traeger")]


def test_setting_actors_keeps_those_the_editor_cannot_see(team):
    # given a place with an owner only administration-internal staff may see
    internal = UserFactory(role=Role.TEAM_INTERNAL)
    place = PlaceFactory(by=internal)
    owner = OrganisationFactory(visibility=Visibility.INTERNAL)
    users = OrganisationFactory(visibility=Visibility.PUBLIC)
    actions.place_set_actors(place=place, actors=[ActorInput(role="eigentuemer", organisation=owner)], by=internal)

    # when an external team member sets the actors they see
    actions.place_set_actors(place=place, actors=[ActorInput(role="nutzende", organisation=users)], by=team)

    # then the hidden owner is still there
    assert set(place.actors.values_list("organisation", "role")) == {(owner.pk, "eigentuemer"), (users.pk, "nutzende")}


def test_an_actor_needs_exactly_one_entry_and_a_role(team):
    place = PlaceFactory(by=team)
    organisation = OrganisationFactory(visibility=Visibility.PUBLIC)
    person = PersonFactory(visibility=Visibility.PUBLIC)

    for actor in (
        ActorInput(role="traeger"),
        ActorInput(role="traeger", organisation=organisation, person=person),
        ActorInput(role="chef", organisation=organisation),
    ):
        with pytest.raises(ValidationError):
            actions.place_set_actors(place=place, actors=[actor], by=team)
    assert not place.actors.exists()


# --- assessments ---------------------------------------------------------------------------------


def test_assessments_are_set_changed_and_removed(team):
    place = PlaceFactory(by=team)
    criterion = Criterion.objects.filter(is_active=True).first()

    actions.place_assess(place=place, ratings={criterion.pk: (Rating.PARTLY, " im Gespräch ")}, by=team)
    assert Assessment.objects.get(place=place).note == "im Gespräch"
    actions.place_assess(place=place, ratings={criterion.pk: (Rating.MET, "")}, by=team)
    assert Assessment.objects.get(place=place).rating == Rating.MET
    actions.place_assess(place=place, ratings={criterion.pk: ("", "")}, by=team)
    assert not Assessment.objects.exists()


def test_an_unknown_rating_or_criterion_changes_nothing(team):
    place = PlaceFactory(by=team)
    criterion = Criterion.objects.filter(is_active=True).first()

    with pytest.raises(ValidationError):
        actions.place_assess(place=place, ratings={criterion.pk: (Rating.MET, ""), 999_999: (Rating.MET, "")}, by=team)
    with pytest.raises(ValidationError):
        actions.place_assess(place=place, ratings={criterion.pk: ("toll", "")}, by=team)
    assert not Assessment.objects.exists()


# --- proposals -----------------------------------------------------------------------------------


def test_a_proposal_needs_consent():
    with pytest.raises(ValidationError) as error:
        actions.place_propose(data=ProposalInputFactory(consent=False))

    assert "consent" in error.value.message_dict
    assert not Place.objects.exists()


def test_a_proposal_waits_hidden_until_accepted(team):
    proposal = actions.place_propose(data=ProposalInputFactory(name="Garten am Ufer"))

    assert proposal.review == Review.PROPOSED
    assert proposal.district.name == "Friedrichshain-Kreuzberg"
    assert not Place.objects.visible_to(UserFactory(role=Role.BEZIRKSAMT)).exists()
    assert Place.objects.visible_to(team).get() == proposal

    actions.proposal_review(place=proposal, accept=True, by=team)

    assert Place.objects.visible_to(None).get() == proposal


def test_a_proposal_is_reviewed_once(team):
    proposal = actions.place_propose(data=ProposalInputFactory())
    actions.proposal_review(place=proposal, accept=False, by=team)

    with pytest.raises(ValidationError):
        actions.proposal_review(place=proposal, accept=True, by=team)

    proposal.refresh_from_db()
    assert proposal.review == Review.REJECTED
    assert not Place.objects.visible_to(None).exists()


def test_only_the_team_reviews():
    proposal = actions.place_propose(data=ProposalInputFactory())

    with pytest.raises(PermissionDenied):
        actions.proposal_review(place=proposal, accept=True, by=UserFactory(role=Role.BEZIRKSAMT))

    proposal.refresh_from_db()
    assert proposal.review == Review.PROPOSED
