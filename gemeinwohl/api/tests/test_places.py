"""GET /api/v1/places.geojson: the map's GeoJSON through the API, for anyone as far as they may see."""

import json

import pytest

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.places import actions
from gemeinwohl.places.models import Area, PlaceKind
from gemeinwohl.places.tests.factories import ALEXANDERPLATZ, BOXHAGENER_PLATZ, PlaceFactory, ProposalInputFactory

pytestmark = pytest.mark.django_db

PATH = "/places.geojson"


def features(response) -> dict[str, dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    return {feature["properties"]["name"]: feature for feature in collection["features"]}


def test_the_public_reads_the_places_as_geojson_with_full_links(api_as):
    # Given a public place
    place = PlaceFactory(name="Kiezladen", uses=["soziales"])

    # When the public asks the API without a key
    found = features(api_as("anonymous").get(PATH))

    # Then the place is a Point at [lon, lat] with its areas and a full link to its page
    feature = found["Kiezladen"]
    assert feature["geometry"]["coordinates"] == [BOXHAGENER_PLATZ[1], BOXHAGENER_PLATZ[0]]
    assert feature["properties"]["url"] == f"http://testserver{place.get_absolute_url()}"
    assert feature["properties"]["milieuschutz"] == "Boxhagener Platz"
    assert feature["properties"]["uses"] == ["soziales"]


def test_the_api_filters_like_the_map(api_as):
    # Given a garden at Boxhagener Platz and a house at Alexanderplatz
    PlaceFactory(name="Garten", kind=PlaceKind.OPEN_SPACE)
    PlaceFactory(name="Haus", kind=PlaceKind.BUILDING, latitude=ALEXANDERPLATZ[0], longitude=ALEXANDERPLATZ[1])
    api = api_as("anonymous")
    milieuschutz = Area.objects.get(kind="milieuschutz", key="EM0206")

    # When the public filters by kind and by Milieuschutz area
    # Then only the matching place is returned
    assert set(features(api.get(PATH, {"kind": "raum"}))) == {"Haus"}
    assert set(features(api.get(PATH, {"milieuschutz": milieuschutz.pk}))) == {"Garten"}
    assert set(features(api.get(PATH, {"q": "gar"}))) == {"Garten"}


def test_an_unknown_kind_is_refused_in_the_apis_error_shape(api_as):
    response = api_as("anonymous").get(PATH, {"kind": "schloss"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "kind"


@pytest.mark.parametrize(
    ("role", "sees_hidden"), [("anonymous", False), ("registered", False), ("team_internal", True)]
)
def test_team_only_places_owners_and_proposals_only_for_the_team(api_as, role, sees_hidden):
    # Given a public place with a team-only owner, a team-only place and a proposal
    PlaceFactory(name="Offen", owner_type="privat", owner_visibility=Visibility.TEAM)
    PlaceFactory(name="Intern", visibility=Visibility.TEAM)
    actions.place_propose(data=ProposalInputFactory(name="Vorschlag"))

    # When the reader asks the API
    found = features(api_as(role).get(PATH))

    # Then only the team sees the hidden place, the owner and the proposal
    assert ("Intern" in found) is sees_hidden
    assert ("Vorschlag" in found) is sees_hidden
    assert ("owner_type" in found["Offen"]["properties"]) is sees_hidden


def test_a_wrong_key_is_refused(api_as):
    from gemeinwohl.api.tests.conftest import ApiClient

    response = ApiClient("gw_falsch").get(PATH)

    assert response.status_code == 401
