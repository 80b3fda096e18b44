"""The team's place pages: who may open them, the place form with its position, status, actors, criteria."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.places import actions
from gemeinwohl.places.models import Assessment, Criterion, Place, PlaceActor, Rating, Status, StatusChange
from gemeinwohl.places.tests.factories import ALEXANDERPLATZ, BOXHAGENER_PLATZ, PlaceFactory, ProposalInputFactory

pytestmark = pytest.mark.django_db

TEAM = ["team_external", "team_internal", "admin"]
NOT_TEAM = ["registered", "bezirksamt"]
PLACE_PAGES = ["places:place_update", "places:status_change", "places:actors", "places:assessment"]


def place_data(**overrides) -> dict:
    """What the team types into the place form: a Kiezladen at Boxhagener Platz, with German decimal commas."""
    data = {
        "kind": "raum",
        "name": "Kiezladen Boxi",
        "address": "Boxhagener Straße 1, 10245 Berlin",
        "latitude": "52,5104",
        "longitude": "13,4594",
        "description": "Treffpunkt für die Nachbarschaft.",
        "uses": ["kultur", "gemeinschaft"],
        "visibility": str(Visibility.PUBLIC),
        "owner_type": "privat",
        "owner_note": "Erbengemeinschaft",
        "owner_visibility": str(Visibility.TEAM),
        "negotiations": "",
        "negotiations_visibility": str(Visibility.TEAM),
        "status": "bedroht",
        "status_since": "2025-03-01",
    }
    data.update(overrides)
    return data


def update_data(place: Place, **overrides) -> dict:
    data = place_data(name=place.name, latitude="52,5104", longitude="13,4594")
    del data["status"], data["status_since"]
    data.update(overrides)
    return data


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- who may open the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("url_name", PLACE_PAGES)
@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("registered", 403), ("bezirksamt", 403)] + [(role, 200) for role in TEAM],
)
def test_place_pages_are_the_teams(client_as, role, expected, url_name):
    # given a public place
    place = PlaceFactory(visibility=Visibility.PUBLIC)

    # when someone opens one of its team pages
    response = client_as(role).get(reverse(url_name, args=[place.pk]))

    # then the team gets it, others are refused, the anonymous are sent to log in
    assert response.status_code == expected
    if expected == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url_name", ["places:place_create", "places:proposals"])
@pytest.mark.parametrize(
    "role, expected",
    [("anonymous", 302), ("registered", 403), ("bezirksamt", 403)] + [(role, 200) for role in TEAM],
)
def test_new_place_and_proposals_are_the_teams(client_as, role, expected, url_name):
    response = client_as(role).get(reverse(url_name))

    assert response.status_code == expected


@pytest.mark.parametrize("url_name", PLACE_PAGES)
@pytest.mark.parametrize("role, level", [("registered", Visibility.TEAM), ("team_external", Visibility.INTERNAL)])
def test_a_hidden_place_answers_404(client_as, role, level, url_name):
    # given a place above the reader's clearance
    place = PlaceFactory(visibility=level, owner_visibility=level, negotiations_visibility=level)

    response = client_as(role).get(reverse(url_name, args=[place.pk]))

    # then it does not exist for them
    assert response.status_code == 404


def test_a_proposal_answers_404_outside_the_team(client_as):
    proposal = actions.place_propose(data=ProposalInputFactory())

    assert client_as("bezirksamt").get(reverse("places:place_update", args=[proposal.pk])).status_code == 404
    assert client_as("bezirksamt").post(reverse("places:proposal_review", args=[proposal.pk])).status_code == 404


# --- the place form ------------------------------------------------------------------------------


def test_the_team_records_a_place_with_german_decimal_commas(client_as):
    # when the team saves the form with "52,5104" / "13,4594"
    response = client_as("team_external").post(reverse("places:place_create"), place_data())

    # then the place is saved where it is, with its areas, uses, first status and sensitive fields
    place = Place.objects.get(name="Kiezladen Boxi")
    assert response.status_code == 302
    assert response["Location"] == reverse("places:place_detail", args=[place.pk])
    assert (place.latitude, place.longitude) == BOXHAGENER_PLATZ
    assert (place.district.name, place.ortsteil.name) == ("Friedrichshain-Kreuzberg", "Friedrichshain")
    assert place.milieuschutz.key == "EM0206"
    assert sorted(place.uses.values_list("use", flat=True)) == ["gemeinschaft", "kultur"]
    assert (place.status, place.status_since) == (Status.THREATENED, datetime.date(2025, 3, 1))
    assert list(place.status_changes.values_list("status", flat=True)) == [Status.THREATENED]
    assert (place.owner_type, place.owner_visibility) == ("privat", Visibility.TEAM)
    # and the message names the areas
    assert message_texts(response) == [
        "„Kiezladen Boxi“ wurde gespeichert. Der Ort liegt in Friedrichshain-Kreuzberg, Ortsteil Friedrichshain, "
        f"Milieuschutzgebiet {place.milieuschutz.name}."
    ]


def test_a_place_without_position_is_saved_and_said_so(client_as):
    response = client_as("team_internal").post(
        reverse("places:place_create"), place_data(latitude="", longitude="", status_since="")
    )

    place = Place.objects.get()
    assert response.status_code == 302
    assert (place.latitude, place.longitude, place.district, place.outside_berlin) == (None, None, None, False)
    assert place.status_since == timezone.localdate()
    assert "keine Lage" in message_texts(response)[0]


def test_a_place_outside_berlin_is_saved_and_said_so(client_as):
    response = client_as("team_internal").post(
        reverse("places:place_create"), place_data(latitude="52.3906", longitude="13.0645")
    )

    assert response.status_code == 302
    assert Place.objects.get().outside_berlin
    assert "außerhalb Berlins" in message_texts(response)[0]


@pytest.mark.parametrize(
    "latitude, longitude, field, message",
    [
        ("abc", "13,4594", "latitude", "Bitte geben Sie eine Zahl an"),
        ("95", "13,4594", "latitude", "zwischen -90 und 90"),
        ("52,51", "200", "longitude", "zwischen -180 und 180"),
        ("52,51", "", "longitude", "Breiten- und Längengrad"),
        ("", "13,45", "latitude", "Breiten- und Längengrad"),
        ("nan", "13,45", "latitude", "Bitte geben Sie eine Zahl an"),
    ],
)
def test_bad_coordinates_are_refused_with_a_german_message(client_as, latitude, longitude, field, message):
    response = client_as("team_internal").post(
        reverse("places:place_create"), place_data(latitude=latitude, longitude=longitude)
    )

    # then the form comes back with the message at the field, and nothing is saved
    assert response.status_code == 422
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not Place.objects.exists()
    assert not StatusChange.objects.exists()


def test_moving_a_place_recomputes_its_areas(client_as):
    # given a place at Boxhagener Platz
    place = PlaceFactory(name="Wanderladen")

    # when the team moves it to Alexanderplatz
    response = client_as("team_external").post(
        reverse("places:place_update", args=[place.pk]),
        update_data(place, latitude=str(ALEXANDERPLATZ[0]), longitude=str(ALEXANDERPLATZ[1]).replace(".", ",")),
    )

    # then it lies in Mitte, in no Milieuschutz area, and the message says so
    place.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("places:place_detail", args=[place.pk])
    assert place.district.name == "Mitte"
    assert place.milieuschutz is None
    assert "Der Ort liegt in Mitte" in message_texts(response)[0]


def test_the_edit_form_shows_the_coordinates_with_a_comma(client_as):
    place = PlaceFactory(name="Kommaladen")

    response = client_as("team_internal").get(reverse("places:place_update", args=[place.pk]))

    assert 'value="52,5104"' in response.content.decode()
    assert 'value="13,4594"' in response.content.decode()


def test_owner_visibility_looser_than_the_place_is_refused(client_as):
    # given a team-only place
    place = PlaceFactory(name="Verschwiegenes Haus", visibility=Visibility.TEAM)

    # when someone makes its owner public
    response = client_as("team_internal").post(
        reverse("places:place_update", args=[place.pk]),
        update_data(place, visibility=str(Visibility.TEAM), owner_visibility=str(Visibility.PUBLIC)),
    )

    # then it is refused at the field and the place is unchanged
    assert response.status_code == 422
    assert "nicht offener sein als der Ort" in response.context["form"].errors["owner_visibility"][0]
    place.refresh_from_db()
    assert place.owner_visibility == Visibility.TEAM
    assert place.owner_type == "unbekannt"


def test_a_level_above_ones_clearance_cannot_be_chosen(client_as):
    response = client_as("team_external").post(
        reverse("places:place_create"),
        place_data(owner_visibility=str(Visibility.INTERNAL)),
    )

    assert response.status_code == 422
    assert "owner_visibility" in response.context["form"].errors
    assert not Place.objects.exists()


# --- status ---------------------------------------------------------------------------------------


def test_the_team_adds_a_status_change(client_as, users):
    place = PlaceFactory(name="Hofladen", status=Status.IDEA)
    today = timezone.localdate()

    response = client_as("team_internal").post(
        reverse("places:status_change", args=[place.pk]),
        {"status": Status.NEGOTIATING, "on_date": today.isoformat(), "note": "Gespräch mit dem Eigentümer"},
    )

    place.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("places:place_detail", args=[place.pk])
    assert (place.status, place.status_since) == (Status.NEGOTIATING, today)
    latest = place.status_changes.first()
    assert (latest.note, latest.by) == ("Gespräch mit dem Eigentümer", users["team_internal"])


def test_a_status_change_without_date_is_refused(client_as):
    place = PlaceFactory(status=Status.IDEA)

    response = client_as("team_internal").post(
        reverse("places:status_change", args=[place.pk]), {"status": Status.SECURED, "on_date": "", "note": "x"}
    )

    assert response.status_code == 422
    assert "Bitte geben Sie an, seit wann der Stand gilt." in response.content.decode()
    assert place.status_changes.count() == 1
    place.refresh_from_db()
    assert place.status == Status.IDEA


def test_a_status_change_in_the_future_is_refused(client_as):
    place = PlaceFactory(status=Status.IDEA)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client_as("team_internal").post(
        reverse("places:status_change", args=[place.pk]), {"status": Status.SECURED, "on_date": tomorrow.isoformat()}
    )

    assert response.status_code == 422
    assert "Zukunft" in response.context["form"].errors["on_date"][0]
    assert place.status_changes.count() == 1


# --- actors and criteria --------------------------------------------------------------------------


def test_the_team_sets_the_actors(client_as):
    place = PlaceFactory()
    initiative = OrganisationFactory(name="Kiezladen Boxhagener Eck e.V.", visibility=Visibility.PUBLIC)

    response = client_as("team_external").post(
        reverse("places:actors", args=[place.pk]),
        {
            "actors-TOTAL_FORMS": "2",
            "actors-INITIAL_FORMS": "0",
            "actors-0-entry": f"o{initiative.pk}",
            "actors-0-role": "nutzende",
            "actors-1-entry": "",
            "actors-1-role": "",
        },
    )

    assert response.status_code == 302
    assert list(place.actors.values_list("organisation__name", "role")) == [
        ("Kiezladen Boxhagener Eck e.V.", "nutzende")
    ]


def test_an_actor_row_without_role_is_refused(client_as):
    place = PlaceFactory()
    initiative = OrganisationFactory(visibility=Visibility.PUBLIC)

    response = client_as("team_external").post(
        reverse("places:actors", args=[place.pk]),
        {"actors-TOTAL_FORMS": "1", "actors-INITIAL_FORMS": "0", "actors-0-entry": f"o{initiative.pk}"},
    )

    assert response.status_code == 422
    assert "Zeile 1" in response.content.decode()
    assert not PlaceActor.objects.exists()


def test_an_entry_hidden_from_the_reader_is_not_offered_and_refused(client_as):
    place = PlaceFactory()
    hidden = OrganisationFactory(name="Projektgesellschaft Geheim", visibility=Visibility.INTERNAL)
    client = client_as("team_external")

    page = client.get(reverse("places:actors", args=[place.pk]))
    response = client.post(
        reverse("places:actors", args=[place.pk]),
        {
            "actors-TOTAL_FORMS": "1",
            "actors-INITIAL_FORMS": "0",
            "actors-0-entry": f"o{hidden.pk}",
            "actors-0-role": "eigentuemer",
        },
    )

    assert "Projektgesellschaft Geheim" not in page.content.decode()
    assert response.status_code == 422
    assert not PlaceActor.objects.exists()


def test_the_team_rates_the_criteria(client_as):
    place = PlaceFactory()
    first, second, *rest = Criterion.objects.filter(is_active=True).order_by("position", "pk")
    data = {f"rating_{first.pk}": Rating.MET, f"note_{first.pk}": "Erbbaurecht auf 99 Jahre"}
    data[f"rating_{second.pk}"] = Rating.PARTLY
    for criterion in rest:
        data[f"rating_{criterion.pk}"] = ""

    response = client_as("team_internal").post(reverse("places:assessment", args=[place.pk]), data)

    assert response.status_code == 302
    assert {(a.criterion_id, a.rating, a.note) for a in Assessment.objects.filter(place=place)} == {
        (first.pk, Rating.MET, "Erbbaurecht auf 99 Jahre"),
        (second.pk, Rating.PARTLY, ""),
    }


def test_an_unknown_rating_is_refused(client_as):
    place = PlaceFactory()
    criterion = Criterion.objects.filter(is_active=True).first()

    response = client_as("team_internal").post(
        reverse("places:assessment", args=[place.pk]), {f"rating_{criterion.pk}": "super"}
    )

    assert response.status_code == 422
    assert not Assessment.objects.exists()


def test_the_assessment_form_shows_one_row_per_active_criterion(client_as):
    place = PlaceFactory()
    retired = Criterion.objects.create(name="Ausgemustertes Kriterium", is_active=False)

    response = client_as("team_internal").get(reverse("places:assessment", args=[place.pk]))

    content = response.content.decode()
    assert content.count("data-criterion=") == Criterion.objects.filter(is_active=True).count()
    assert retired.name not in content
