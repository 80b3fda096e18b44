import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinwohl.core.deadlines import pre_emption_deadline
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.landpolicy.models import OwnerType, PreEmptionCase, Property, Tender
from gemeinwohl.landpolicy.tests.factories import ALEXANDERPLATZ, LeaseFactory, PropertyFactory
from gemeinwohl.places.models import Area
from gemeinwohl.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

LIST = "/boden/grundstuecke/"


def make_case(plot, *, visibility=Visibility.INTERNAL) -> PreEmptionCase:
    # Made directly: the pre-emption actions belong to another part of the app.
    notified = datetime.date(2026, 2, 2)
    deadline = pre_emption_deadline(notified)
    return PreEmptionCase.objects.create(
        plot=plot,
        notified_on=notified,
        seller="Verkäuferin Geheim GmbH",
        buyer="Käufer Geheim AG",
        price=Decimal("4321987.00"),
        visibility=visibility,
        rule_key=deadline.rule.key,
        period_end=deadline.period_end,
        deadline=deadline.end,
    )


def test_the_list_shows_parcel_and_areas_and_filters(client_as, users):
    by = users["team_internal"]
    PropertyFactory(by=by, address="Gärtnerstraße 20, 10245 Berlin", flurstueck="112/3", owner_type=OwnerType.PRIVATE)
    PropertyFactory(
        by=by,
        address="Alexanderplatz 1, 10178 Berlin",
        latitude=ALEXANDERPLATZ[0],
        longitude=ALEXANDERPLATZ[1],
        owner_type=OwnerType.STATE,
    )
    client = client_as("bezirksamt")
    text = client.get(LIST).content.decode()
    assert "Gemarkung Friedrichshain, Flur 3, Flurstück 112/3" in text
    assert "Boxhagener Platz (EM0206)" in text
    assert "Friedrichshain-Kreuzberg / Friedrichshain" in text

    milieuschutz = Area.objects.get(kind="milieuschutz", key="EM0206")
    filtered = client.get(LIST, {"milieuschutz": milieuschutz.pk}).content.decode()
    assert "Gärtnerstraße" in filtered and "Alexanderplatz 1" not in filtered
    by_owner = client.get(LIST, {"eigentum": OwnerType.STATE}).content.decode()
    assert "Alexanderplatz 1" in by_owner and "Gärtnerstraße" not in by_owner
    by_text = client.get(LIST, {"q": "gärtner"}).content.decode()
    assert "Gärtnerstraße" in by_text
    ortsteil = Area.objects.get(kind="ortsteil", name="Mitte")
    assert "Alexanderplatz 1" in client.get(LIST, {"ortsteil": ortsteil.pk}).content.decode()
    # A filter value that is not on offer counts as none.
    assert client.get(LIST, {"ortsteil": "x"}).status_code == 200


def test_the_list_costs_the_same_queries_for_3_and_30_properties(client_as, users):
    by = users["team_internal"]
    place = PlaceFactory(by=by)
    client = client_as("team_external")
    for _ in range(3):
        PropertyFactory(by=by, place=place)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(27):
        PropertyFactory(by=by, place=place)
    with CaptureQueriesContext(connection) as many:
        response = client.get(LIST)
    assert response.context["page"].paginator.count == 30
    assert len(many) == len(few)


def test_a_property_is_recorded_with_a_german_decimal_comma(client_as):
    response = client_as("team_external").post(
        "/boden/grundstuecke/neu/",
        {
            "address": "Wrangelstraße 50, 10997 Berlin",
            "gemarkung": "Kreuzberg",
            "flur": "12",
            "flurstueck": "45/2",
            "owner_type": OwnerType.PRIVATE,
            "size_m2": "1250",
            "use": "wohnen",
            "latitude": "52,5003",
            "longitude": "13,4380",
            "visibility": "20",
        },
    )
    plot = Property.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/boden/grundstuecke/{plot.pk}/"
    assert plot.latitude == 52.5003
    assert plot.milieuschutz.key == "EM0202"
    page = client_as("team_external").get(response["Location"]).content.decode()
    assert "1.250 m²" in page
    assert "Luisenstadt (EM0202)" in page


def test_without_a_position_the_property_takes_its_place_position(client_as, users):
    place = PlaceFactory(by=users["team_internal"], name="Kiezladen Testeck")
    response = client_as("team_internal").post(
        "/boden/grundstuecke/neu/",
        {
            "address": "Boxhagener Straße 1",
            "owner_type": "privat",
            "use": "wohnen",
            "place": place.pk,
            "visibility": "20",
        },
    )
    assert response.status_code == 302
    plot = Property.objects.get()
    assert (plot.latitude, plot.longitude) == (place.latitude, place.longitude)
    page = client_as("team_internal").get(response["Location"]).content.decode()
    assert f'href="{place.get_absolute_url()}"' in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("address", " ", "Bitte geben Sie die Adresse des Grundstücks an."),
        ("latitude", "zweiundfünfzig", "Bitte geben Sie eine Zahl an"),
        ("size_m2", "-5", "Die Größe kann nicht negativ sein."),
        (
            "visibility",
            "30",
            "Diese Sichtbarkeit können Sie nicht wählen.",
        ),  # the external team cannot file internal material
    ],
)
def test_bad_input_answers_422_and_saves_nothing(client_as, field, value, message):
    data = {"address": "Gärtnerstraße 20", "owner_type": "privat", "use": "wohnen", "visibility": "20"}
    response = client_as("team_external").post("/boden/grundstuecke/neu/", {**data, field: value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Property.objects.exists()


def test_a_property_is_changed(client_as, users):
    plot = PropertyFactory(by=users["team_internal"], address="Alte Adresse 1")
    client = client_as("bezirksamt")
    form = client.get(f"/boden/grundstuecke/{plot.pk}/bearbeiten/").content.decode()
    assert 'value="Alte Adresse 1"' in form
    assert 'value="52,5104"' in form
    response = client.post(
        f"/boden/grundstuecke/{plot.pk}/bearbeiten/",
        {
            "address": "Neue Adresse 2",
            "gemarkung": plot.gemarkung,
            "flur": plot.flur,
            "flurstueck": plot.flurstueck,
            "owner_type": "bezirk",
            "use": "unbebaut",
            "latitude": "52,5219",
            "longitude": "13,4132",
            "visibility": "20",
        },
    )
    assert response.status_code == 302
    plot.refresh_from_db()
    assert plot.address == "Neue Adresse 2"
    assert plot.district.name == "Mitte"


def test_the_detail_page_names_the_related_records_but_never_the_parties_of_a_case(client_as, users):
    by = users["team_internal"]
    plot = PropertyFactory(by=by, size_m2=1250)
    LeaseFactory(by=by, plot=plot, holder_organisation=OrganisationFactory(name="Bauverein Erbbau eG", by=by))
    Tender.objects.create(plot=plot, title="Konzeptverfahren Testgrundstück", visibility=Visibility.TEAM)
    case = make_case(plot, visibility=Visibility.INTERNAL)

    text = client_as("team_internal").get(plot.get_absolute_url()).content.decode()
    assert "1.250 m²" in text
    assert "Bauverein Erbbau eG" in text
    assert "Konzeptverfahren Testgrundstück" in text
    assert f"/boden/vorkauf/{case.pk}/" in text
    assert "Mitteilung vom 02.02.2026" in text
    for secret in ("Verkäuferin Geheim", "Käufer Geheim", "4.321.987", "4321987"):
        assert secret not in text

    # The external team reads the property, the contract and the tender, not the internal case.
    text = client_as("team_external").get(plot.get_absolute_url()).content.decode()
    assert "Bauverein Erbbau eG" in text
    assert f"/boden/vorkauf/{case.pk}/" not in text


def test_a_hidden_place_is_not_named(client_as, users):
    place = PlaceFactory(
        by=users["team_internal"],
        name="Verborgener Ort Intern",
        visibility=Visibility.INTERNAL,
        owner_visibility=Visibility.INTERNAL,
        negotiations_visibility=Visibility.INTERNAL,
    )
    plot = PropertyFactory(by=users["team_internal"], place=place)
    assert "Verborgener Ort Intern" in client_as("admin").get(plot.get_absolute_url()).content.decode()
    for path in (plot.get_absolute_url(), LIST):
        assert "Verborgener Ort Intern" not in client_as("team_external").get(path).content.decode()
