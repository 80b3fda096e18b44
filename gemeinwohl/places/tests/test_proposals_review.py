"""The team's review of proposals: the waiting list with who proposed, accepting and rejecting once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinwohl.places import actions
from gemeinwohl.places.models import Place, Review
from gemeinwohl.places.tests.factories import PlaceFactory, ProposalInputFactory

pytestmark = pytest.mark.django_db


def propose(**kwargs) -> Place:
    return actions.place_propose(data=ProposalInputFactory(**kwargs))


def test_the_list_shows_waiting_proposals_with_proposer_and_areas(client_as):
    # given two proposals, one already rejected, and a place the team recorded itself
    propose(name="Garten am Ufer", proposer_name="Robin Beispiel", proposer_email="robin@example.org", uses=["gruen"])
    propose(name="Ohne Lage", latitude=None, longitude=None)
    rejected = propose(name="Abgelehnter Vorschlag")
    actions.proposal_review(place=rejected, accept=False, by=PlaceFactory().created_by)

    response = client_as("team_external").get(reverse("places:proposals"))

    # then only the waiting ones are listed, with who proposed them and where they lie
    content = response.content.decode()
    assert [place.name for place in response.context["proposals"]] == ["Garten am Ufer", "Ohne Lage"]
    assert "Robin Beispiel" in content and "robin@example.org" in content
    assert "Friedrichshain-Kreuzberg, Ortsteil Friedrichshain, Milieuschutzgebiet Boxhagener Platz" in content
    assert "ohne Lage" in content
    assert "Abgelehnter Vorschlag" not in content


def test_an_empty_list_says_so(client_as):
    response = client_as("team_internal").get(reverse("places:proposals"))

    assert "Zurzeit wartet kein Vorschlag auf die Prüfung." in response.content.decode()


def test_accepting_makes_the_place_public(client_as):
    proposal = propose(name="Nachbarschaftsgarten")

    response = client_as("team_external").post(
        reverse("places:proposal_review", args=[proposal.pk]), {"decision": "aufnehmen"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("places:proposals")
    proposal.refresh_from_db()
    assert proposal.review == Review.ACCEPTED
    assert list(Place.objects.visible_to(None)) == [proposal]


def test_rejecting_keeps_it_hidden(client_as):
    proposal = propose()

    response = client_as("team_internal").post(
        reverse("places:proposal_review", args=[proposal.pk]), {"decision": "ablehnen"}
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.review == Review.REJECTED
    assert not Place.objects.visible_to(None).exists()


def test_a_proposal_is_reviewed_once(client_as):
    proposal = propose()
    client = client_as("team_internal")
    client.post(reverse("places:proposal_review", args=[proposal.pk]), {"decision": "ablehnen"})

    response = client.post(reverse("places:proposal_review", args=[proposal.pk]), {"decision": "aufnehmen"})

    assert response.status_code == 409
    assert "schon geprüft" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.review == Review.REJECTED


def test_a_decision_must_be_given(client_as):
    proposal = propose()

    response = client_as("team_internal").post(reverse("places:proposal_review", args=[proposal.pk]), {})

    assert response.status_code == 422
    proposal.refresh_from_db()
    assert proposal.review == Review.PROPOSED


@pytest.mark.parametrize("role, expected", [("anonymous", 302), ("registered", 404), ("bezirksamt", 404)])
def test_outside_the_team_nobody_reviews(client_as, role, expected):
    proposal = propose()

    response = client_as(role).post(reverse("places:proposal_review", args=[proposal.pk]), {"decision": "aufnehmen"})

    assert response.status_code == expected
    proposal.refresh_from_db()
    assert proposal.review == Review.PROPOSED


def test_review_is_post_only(client_as):
    proposal = propose()

    assert client_as("team_internal").get(reverse("places:proposal_review", args=[proposal.pk])).status_code == 405


def test_the_list_needs_the_same_queries_for_two_or_twelve_proposals(client_as):
    client = client_as("team_internal")

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("places:proposals")).status_code == 200
        return len(context)

    for _ in range(2):
        propose(uses=["gruen", "kultur"])
    few = queries()
    for _ in range(10):
        propose(uses=["wohnen"])
    many = queries()

    assert many == few
