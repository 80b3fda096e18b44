"""The places' GeoJSON (RFC 7946): its shape, its filters, what each reader may see, and its cost."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinwohl.api.tests.conftest import api_client_for
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.places import actions, geojson
from gemeinwohl.places.models import Area, Place, PlaceKind, PlaceUse, Review, Status
from gemeinwohl.places.selectors import PlaceFilter
from gemeinwohl.places.tests.factories import ALEXANDERPLATZ, BOXHAGENER_PLATZ, PlaceFactory, ProposalInputFactory

pytestmark = pytest.mark.django_db

URL = reverse("places:places_geojson")


@pytest.fixture
def api_as(users):
    """The JSON API as that role (by personal key; anonymous: none)."""
    return lambda role: api_client_for(users[role])


def fetch(client, **params) -> dict:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def names(collection) -> set[str]:
    return {feature["properties"]["name"] for feature in collection["features"]}


def test_a_feature_collection_of_points_in_longitude_latitude_order(client_as):
    # Given a place at Boxhagener Platz used for culture and housing
    place = PlaceFactory(name="Zukunftshaus", uses=["kultur", "wohnen"])

    # When the public fetches the GeoJSON
    collection = fetch(client_as("anonymous"))

    # Then it is an RFC 7946 FeatureCollection with one Point feature at [lon, lat]
    assert collection["type"] == "FeatureCollection"
    [feature] = collection["features"]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [BOXHAGENER_PLATZ[1], BOXHAGENER_PLATZ[0]]}
    properties = feature["properties"]
    assert properties["id"] == place.pk
    assert properties["name"] == "Zukunftshaus"
    assert properties["kind"] == PlaceKind.PROJECT
    assert properties["status"] == Status.IDEA
    assert properties["uses"] == ["kultur", "wohnen"]
    assert properties["url"] == place.get_absolute_url()
    assert properties["criteria_met"] == 0
    assert properties["district"] == "Friedrichshain-Kreuzberg"
    assert properties["ortsteil"] == "Friedrichshain"
    assert properties["milieuschutz"] == "Boxhagener Platz"


def test_places_without_a_position_are_left_out_but_stay_in_the_list(client_as):
    # Given a place with and one without a position
    PlaceFactory(name="Mit Lage")
    PlaceFactory(name="Ohne Lage", latitude=None, longitude=None)

    # When the public fetches the GeoJSON and the list
    collection = fetch(client_as("anonymous"))
    page = client_as("anonymous").get(reverse("places:place_list"))

    # Then only the placed one is on the map; the list has both
    assert names(collection) == {"Mit Lage"}
    assert "Ohne Lage" in page.content.decode()


def test_filters_narrow_the_collection(client_as):
    # Given places of different kinds, status, uses and areas
    PlaceFactory(name="Garten", kind=PlaceKind.OPEN_SPACE, uses=["gruen"])
    PlaceFactory(name="Haus", kind=PlaceKind.BUILDING, uses=["wohnen"], status=Status.SECURED)
    PlaceFactory(name="Am Alex", latitude=ALEXANDERPLATZ[0], longitude=ALEXANDERPLATZ[1])
    client = client_as("anonymous")
    milieuschutz = Area.objects.get(kind="milieuschutz", key="EM0206")
    mitte = Area.objects.get(kind="bezirk", name="Mitte")
    friedrichshain = Area.objects.get(kind="ortsteil", name="Friedrichshain")

    # When the public filters by kind, status, use, district, Ortsteil and Milieuschutz area
    # Then each filter keeps only the places that match
    assert names(fetch(client, art=PlaceKind.OPEN_SPACE)) == {"Garten"}
    assert names(fetch(client, stand=Status.SECURED)) == {"Haus"}
    assert names(fetch(client, nutzung="wohnen")) == {"Haus"}
    assert names(fetch(client, bezirk=mitte.pk)) == {"Am Alex"}
    assert names(fetch(client, ortsteil=friedrichshain.pk)) == {"Garten", "Haus"}
    assert names(fetch(client, milieuschutz=milieuschutz.pk)) == {"Garten", "Haus"}
    assert names(fetch(client, q="alex")) == {"Am Alex"}


def test_the_criterion_filter_keeps_places_that_meet_it(client_as, users):
    # Given two places, one meeting the first criterion and one only partly
    meets, partly = PlaceFactory(name="Erfüllt"), PlaceFactory(name="Teilweise")
    criterion = actions.Criterion.objects.filter(is_active=True).first()
    actions.place_assess(place=meets, ratings={criterion.pk: ("erfuellt", "")}, by=users["team_internal"])
    actions.place_assess(place=partly, ratings={criterion.pk: ("teilweise", "")}, by=users["team_internal"])

    # When the public filters by that criterion
    collection = fetch(client_as("anonymous"), kriterium=criterion.pk)

    # Then only the place that meets it is left, with one criterion met
    assert names(collection) == {"Erfüllt"}
    assert collection["features"][0]["properties"]["criteria_met"] == 1


def test_an_unknown_filter_value_is_refused_with_a_german_message(client_as):
    # When someone asks for a kind that does not exist
    response = client_as("anonymous").get(URL, {"art": "schloss"})

    # Then the answer is 400 with the reason in German
    assert response.status_code == 400
    assert "Ungültiger Filter" in response.content.decode()


@pytest.mark.parametrize("path", [URL, "/api/v1/places.geojson"])
def test_team_only_places_and_owners_never_reach_the_public(client_as, api_as, path):
    # Given a public place with a public owner, a public place with a team-only owner, and a team-only place
    PlaceFactory(name="Offen", owner_type="genossenschaft", owner_visibility=Visibility.PUBLIC)
    PlaceFactory(name="Eigentum intern", owner_type="privat", owner_visibility=Visibility.TEAM)
    PlaceFactory(name="Nur Team", visibility=Visibility.TEAM, owner_visibility=Visibility.TEAM)

    # When the public and the team fetch the GeoJSON
    def get(role):
        response = client_as(role).get(path) if path == URL else api_as(role).get(path)
        assert response.status_code == 200
        return {f["properties"]["name"]: f["properties"] for f in json.loads(response.content)["features"]}

    public, team = get("anonymous"), get("team_internal")

    # Then the public sees neither the team-only place nor the team-only owner; the team sees both
    assert set(public) == {"Offen", "Eigentum intern"}
    assert public["Offen"]["owner_type"] == "genossenschaft"
    assert "owner_type" not in public["Eigentum intern"]
    assert "privat" not in json.dumps(public)
    assert set(team) == {"Offen", "Eigentum intern", "Nur Team"}
    assert team["Eigentum intern"]["owner_type"] == "privat"


def test_proposals_stay_off_the_public_map_until_accepted(client_as, users):
    # Given a proposal from the public
    proposal = actions.place_propose(data=ProposalInputFactory(name="Vorgeschlagener Garten"))

    # When the public fetches the GeoJSON before and after the team accepts it
    before = names(fetch(client_as("anonymous")))
    team_sees = names(fetch(client_as("team_internal")))
    actions.proposal_review(place=proposal, accept=True, by=users["team_internal"])
    after = names(fetch(client_as("anonymous")))

    # Then it appears only once accepted (the team sees it while it waits)
    assert "Vorgeschlagener Garten" not in before
    assert "Vorgeschlagener Garten" in team_sees
    assert "Vorgeschlagener Garten" in after


def test_the_area_outlines_are_public_cacheable_geojson(client):
    # When anyone fetches the Milieuschutz outlines
    response = client.get(reverse("places:areas_geojson", kwargs={"kind": "milieuschutz"}))

    # Then they are a FeatureCollection of polygons with key and name, cacheable and revalidated by ETag
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "public" in response["Cache-Control"]
    collection = json.loads(response.content)
    boxhagener = next(f for f in collection["features"] if f["properties"]["key"] == "EM0206")
    assert boxhagener["properties"]["name"] == "Boxhagener Platz"
    assert boxhagener["geometry"]["type"] in ("Polygon", "MultiPolygon")
    again = client.get(response.wsgi_request.path, headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_an_unknown_area_kind_answers_404(client):
    assert client.get(reverse("places:areas_geojson", kwargs={"kind": "planeten"})).status_code == 404


# --- cost -------------------------------------------------------------------------------------------------


def grow(n: int, *, prefix: str) -> None:
    """``n`` more public places at Boxhagener Platz with two uses each (bulk, for speed: reading is under test)."""
    district = Area.objects.get(kind="bezirk", name="Friedrichshain-Kreuzberg")
    milieuschutz = Area.objects.get(kind="milieuschutz", key="EM0206")
    places = Place.objects.bulk_create(
        Place(
            name=f"{prefix} {i}",
            latitude=BOXHAGENER_PLATZ[0] + i * 1e-5,
            longitude=BOXHAGENER_PLATZ[1],
            district=district,
            milieuschutz=milieuschutz,
            review=Review.ACCEPTED,
        )
        for i in range(n)
    )
    PlaceUse.objects.bulk_create(PlaceUse(place=p, use=use) for p in places for use in ("kultur", "wohnen"))


def count_queries(client, path) -> int:
    """The queries of building the answer (not of taking it from the cache)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["anonymous", "team_internal"])
@pytest.mark.parametrize("path", [URL, "/api/v1/places.geojson"])
def test_the_geojson_costs_the_same_queries_for_few_and_many_places(client_as, api_as, role, path):
    # Given 3 places, then 40 more
    client = client_as(role) if path == URL else api_as(role)
    grow(3, prefix="Wenige")
    client.get(path)  # a key's "last used" is written at most once a minute: not part of the cost
    few = count_queries(client, path)
    grow(40, prefix="Viele")

    # When the collection is fetched again
    many = count_queries(client, path)

    # Then it costs no more queries
    assert many == few


def test_ten_thousand_places_are_built_in_a_few_queries():
    # Given 10,000 places
    grow(10_000, prefix="Ort")

    # When the public's collection is built and serialised (its time is measured in bench/, not here)
    with CaptureQueriesContext(connection) as queries:
        text = geojson.dumps(geojson.places_feature_collection(reader=AnonymousUser(), filters=PlaceFilter()))

    # Then all are in it, in a few queries
    assert len(json.loads(text)["features"]) == 10_000
    assert len(queries) <= 4


def test_the_kept_geojson_follows_every_change_at_once(client_as, users, django_assert_max_num_queries):
    # Given the public map's data, fetched once and so kept
    team = users["team_internal"]
    kiezladen = PlaceFactory(name="Kiezladen", by=team)
    garden = PlaceFactory(name="Garten", by=team)
    client = client_as("anonymous")
    client.get(URL)

    # When it is fetched again unchanged, it is not built again: the filter's choices and the stamp are all it asks
    with django_assert_max_num_queries(5):
        names = {f["properties"]["name"] for f in client.get(URL).json()["features"]}
    assert names == {"Kiezladen", "Garten"}

    # When one place is renamed, one made team-only, one rated, and one proposed and accepted
    data = {"name": "Kiezladen am Eck", "latitude": kiezladen.latitude, "longitude": kiezladen.longitude}
    actions.place_update(place=kiezladen, data=actions.PlaceInput(**data), by=team)
    actions.place_update(
        place=garden,
        data=actions.PlaceInput(
            name="Garten",
            latitude=garden.latitude,
            longitude=garden.longitude,
            visibility=Visibility.TEAM,
            owner_visibility=Visibility.TEAM,
            negotiations_visibility=Visibility.TEAM,
        ),
        by=team,
    )
    proposal = actions.place_propose(data=ProposalInputFactory(name="Hofgarten"))
    actions.proposal_review(place=proposal, accept=True, by=team)

    # Then the next fetch shows all of it
    features = client.get(URL).json()["features"]
    assert {f["properties"]["name"] for f in features} == {"Kiezladen am Eck", "Hofgarten"}
