"""The public pages of places: list and table, map page, place page; what each reader sees there, and its cost."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.places import actions
from gemeinwohl.places.actions import ActorInput
from gemeinwohl.places.models import Area, Criterion, PlaceKind, Status
from gemeinwohl.places.tests.factories import POTSDAM, PlaceFactory, ProposalInputFactory

pytestmark = pytest.mark.django_db

LIST = reverse("places:place_list")
MAP = reverse("places:map")


def map_config_of(page: str) -> dict:
    return json.loads(page.split('id="places-map-config" type="application/json">')[1].split("</script>")[0])


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- list and map -----------------------------------------------------------------------------------------


def test_the_list_shows_the_places_with_their_areas_as_a_table(client_as):
    # Given a place at Boxhagener Platz
    place = PlaceFactory(name="Kiezhaus Boxi", uses=["kultur"])

    # When the public opens the list
    page = text_of(client_as("anonymous").get(LIST))

    # Then the table links the place and names its district, Ortsteil and Milieuschutz area
    assert f'href="{place.get_absolute_url()}"' in page
    assert "Friedrichshain-Kreuzberg / Friedrichshain" in page
    assert "Boxhagener Platz (EM0206)" in page
    assert "Kultur" in page
    assert 'data-place-count="1"' in page


def test_the_map_page_has_the_same_table_and_points_its_script_at_the_filtered_geojson(client_as):
    # Given two places of different kinds
    PlaceFactory(name="Ein Garten", kind=PlaceKind.OPEN_SPACE)
    PlaceFactory(name="Ein Haus", kind=PlaceKind.BUILDING)

    # When the public opens the map filtered to open spaces
    response = client_as("anonymous").get(MAP, {"art": PlaceKind.OPEN_SPACE})
    page = text_of(response)

    # Then the table below the map lists only the garden, and the map loads the same filter
    assert "Ein Garten" in page
    assert "Ein Haus" not in page
    config = map_config_of(page)
    assert config["places"] == reverse("places:places_geojson") + "?art=freiflaeche"
    assert config["tiles"] == ""  # no tile server configured: outlines on a plain background
    assert [area["kind"] for area in config["areas"]] == ["bezirk", "ortsteil", "milieuschutz"]


def test_the_tile_server_comes_from_the_settings(client_as, settings):
    # Given a tile server in the settings
    settings.PLACES_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.PLACES_TILE_ATTRIBUTION = "© Beispiel"

    # When the map page is opened
    config = map_config_of(text_of(client_as("anonymous").get(MAP)))

    # Then the map script is told to use it
    assert config["tiles"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["attribution"] == "© Beispiel"


def test_the_list_filters_by_district_ortsteil_and_milieuschutz_area(client_as):
    # Given a place at Boxhagener Platz and one at Alexanderplatz
    PlaceFactory(name="Am Boxi")
    PlaceFactory(name="Am Alex", latitude=52.5219, longitude=13.4132)
    client = client_as("anonymous")
    mitte = Area.objects.get(kind="bezirk", name="Mitte")
    milieuschutz = Area.objects.get(kind="milieuschutz", key="EM0206")
    friedrichshain = Area.objects.get(kind="ortsteil", name="Friedrichshain")

    # When the list is filtered by each area
    by_district = text_of(client.get(LIST, {"bezirk": mitte.pk}))
    by_ortsteil = text_of(client.get(LIST, {"ortsteil": friedrichshain.pk}))
    by_milieuschutz = text_of(client.get(LIST, {"milieuschutz": milieuschutz.pk}))

    # Then each keeps only the place in that area
    assert "Am Alex" in by_district and "Am Boxi" not in by_district
    assert "Am Boxi" in by_ortsteil and "Am Alex" not in by_ortsteil
    assert "Am Boxi" in by_milieuschutz and "Am Alex" not in by_milieuschutz


def test_a_filter_value_not_on_offer_is_named_and_ignored(client_as):
    # Given a place
    PlaceFactory(name="Da")

    # When someone asks for a status that does not exist
    page = text_of(client_as("anonymous").get(LIST, {"stand": "erfunden"}))

    # Then the form says so in German and the list shows all places
    assert "Bitte wählen Sie einen der angebotenen Einträge." in page
    assert "Da" in page


@pytest.mark.parametrize("path", [LIST, MAP])
def test_team_only_places_and_proposals_are_not_in_the_public_list(client_as, path):
    # Given a public place, a team-only place and a proposal not yet accepted
    PlaceFactory(name="Öffentlicher Ort")
    PlaceFactory(name="Interner Ort", visibility=Visibility.TEAM)
    actions.place_propose(data=ProposalInputFactory(name="Vorgeschlagener Ort"))

    # When the public and the team open the page
    public = text_of(client_as("anonymous").get(path))
    team = text_of(client_as("team_internal").get(path))

    # Then the public sees only the public place; the team sees all, the proposal marked as such
    assert "Öffentlicher Ort" in public
    assert "Interner Ort" not in public
    assert "Vorgeschlagener Ort" not in public
    assert "Interner Ort" in team
    assert "Vorgeschlagener Ort" in team
    assert "Vorschlag" in team


def grow(n: int, *, by) -> None:
    organisation = OrganisationFactory(by=by)
    criterion = Criterion.objects.filter(is_active=True).first()
    for i in range(n):
        place = PlaceFactory(name=f"Ort {n}-{i}", uses=["kultur", "wohnen"], by=by)
        actions.place_set_actors(place=place, actors=[ActorInput(role="traeger", organisation=organisation)], by=by)
        actions.place_assess(place=place, ratings={criterion.pk: ("erfuellt", "")}, by=by)


@pytest.mark.parametrize("role", ["anonymous", "team_internal"])
@pytest.mark.parametrize("path", [LIST, MAP])
def test_list_and_map_cost_the_same_queries_for_few_and_many_places(client_as, users, role, path):
    # Given 2 places, then 12 more
    client = client_as(role)
    grow(2, by=users["team_internal"])
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    grow(12, by=users["team_internal"])

    # When the page is opened again
    with CaptureQueriesContext(connection) as many:
        assert client.get(path).status_code == 200

    # Then it costs no more queries
    assert len(many) == len(few)


# --- a place's page ---------------------------------------------------------------------------------------


@pytest.fixture
def full_place(users):
    """A public place with a history, an actor, an assessment, a team-only owner and negotiations."""
    team = users["team_internal"]
    place = PlaceFactory(
        name="Hausprojekt Rigaer",
        description="Ein Haus für alle.",
        uses=["wohnen", "kultur"],
        owner_type="privat",
        owner_note="Eigentümerin will verkaufen",
        owner_visibility=Visibility.TEAM,
        negotiations="Angebot der Genossenschaft liegt vor.",
        negotiations_visibility=Visibility.TEAM,
        by=team,
    )
    actions.place_change_status(
        place=place, status=Status.NEGOTIATING, on_date=place.status_since, note="Gespräch mit dem Bezirk", by=team
    )
    organisation = OrganisationFactory(name="Genossenschaft Beispiel eG", visibility=Visibility.PUBLIC, by=team)
    actions.place_set_actors(place=place, actors=[ActorInput(role="traeger", organisation=organisation)], by=team)
    criteria = list(Criterion.objects.filter(is_active=True)[:2])
    actions.place_assess(place=place, ratings={criteria[0].pk: ("erfuellt", "dauerhaft günstige Mieten")}, by=team)
    return place


def test_the_place_page_tells_the_public_what_where_and_how_it_stands(client_as, full_place):
    # When the public opens the place's page
    page = text_of(client_as("anonymous").get(full_place.get_absolute_url()))

    # Then it names kind, status and its history, uses, address, areas with the Milieuschutz regulation
    assert "Hausprojekt Rigaer" in page
    assert "in Verhandlung" in page
    assert "Gespräch mit dem Bezirk" in page
    assert "Wohnen" in page and "Kultur" in page
    assert "Boxhagener Straße 1" in page
    assert "Friedrichshain-Kreuzberg" in page
    assert "Friedrichshain Ost" in page  # LOR Prognoseraum
    assert "Boxhagener Platz (EM0206)" in page
    assert "in Kraft seit" in page
    assert "em0206.pdf" in page
    assert "Breitengrad 52,51040" in page
    # the actor with their role and the criteria summary with the note
    assert "Genossenschaft Beispiel eG" in page and "Träger" in page
    assert "dauerhaft günstige Mieten" in page
    assert "1 erfüllt, 0 teilweise erfüllt, 0 nicht erfüllt" in page
    assert "nicht bewertet" in page
    # but neither the team-only owner, nor the negotiations, nor who recorded the change, nor team links
    assert "Eigentümerin will verkaufen" not in page
    assert "Angebot der Genossenschaft" not in page
    assert "eingetragen von" not in page
    assert reverse("places:place_update", kwargs={"pk": full_place.pk}) not in page


def test_the_team_sees_owner_negotiations_who_and_its_own_pages(client_as, users, full_place):
    # When a team member opens the place's page
    page = text_of(client_as("team_internal").get(full_place.get_absolute_url()))

    # Then owner, negotiations, who recorded the status and the links to the team's pages are there
    assert "Eigentümerin will verkaufen" in page
    assert "Angebot der Genossenschaft" in page
    assert f"eingetragen von {users['team_internal'].get_short_name()}" in page
    for name in ("place_update", "status_change", "actors", "assessment"):
        assert reverse(f"places:{name}", kwargs={"pk": full_place.pk}) in page


def test_a_public_owner_is_shown_to_the_public(client_as):
    # Given a place whose owner is public
    place = PlaceFactory(owner_type="genossenschaft", owner_visibility=Visibility.PUBLIC)

    # When the public opens it
    page = text_of(client_as("anonymous").get(place.get_absolute_url()))

    # Then the owner type is named
    assert "Genossenschaft" in page


def test_a_place_without_a_position_has_unknown_areas(client_as):
    place = PlaceFactory(latitude=None, longitude=None)

    page = text_of(client_as("anonymous").get(place.get_absolute_url()))

    assert "Gebiete unbekannt" in page
    assert "data-place-point" not in page


def test_a_place_outside_berlin_says_so(client_as):
    place = PlaceFactory(latitude=POTSDAM[0], longitude=POTSDAM[1])

    page = text_of(client_as("anonymous").get(place.get_absolute_url()))

    assert "außerhalb Berlins" in page


@pytest.mark.parametrize("role", ["anonymous", "registered", "bezirksamt"])
def test_hidden_places_and_proposals_answer_404(client_as, role):
    # Given a team-only place and a proposal
    hidden = PlaceFactory(visibility=Visibility.TEAM)
    proposal = actions.place_propose(data=ProposalInputFactory())

    # When a reader outside the team opens them
    client = client_as(role)

    # Then neither exists for them (the Bezirksamt, with team clearance, sees the team-only place)
    assert client.get(proposal.get_absolute_url()).status_code == 404
    expected = 200 if role == "bezirksamt" else 404
    assert client.get(hidden.get_absolute_url()).status_code == expected


def test_the_team_opens_a_proposal_with_a_pointer_to_the_review(client_as):
    proposal = actions.place_propose(data=ProposalInputFactory(name="Neuer Garten"))

    page = text_of(client_as("team_internal").get(proposal.get_absolute_url()))

    assert "noch nicht geprüft" in page
    assert reverse("places:proposal_review", kwargs={"pk": proposal.pk}) in page
