import pytest
from django.core.exceptions import ValidationError

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.actions.properties import property_update
from gemeinwohl.landpolicy.tests.factories import ALEXANDERPLATZ, PropertyFactory, PropertyInputFactory
from gemeinwohl.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_a_property_knows_its_berlin_areas_from_its_position():
    plot = PropertyFactory()
    assert plot.district.name == "Friedrichshain-Kreuzberg"
    assert plot.ortsteil.name == "Friedrichshain"
    assert plot.milieuschutz is not None and plot.milieuschutz.key == "EM0206"
    assert "Flurstück" in plot.parcel


def test_moving_a_property_recomputes_its_areas():
    plot = PropertyFactory()
    by = UserFactory(role=Role.TEAM_INTERNAL)
    data = PropertyInputFactory(
        latitude=ALEXANDERPLATZ[0], longitude=ALEXANDERPLATZ[1], flurstueck=plot.flurstueck, address=plot.address
    )
    property_update(plot=plot, data=data, by=by)
    plot.refresh_from_db()
    assert plot.district.name == "Mitte"
    assert plot.milieuschutz is None


def test_without_a_position_the_property_lies_where_its_place_lies():
    place = PlaceFactory()
    plot = PropertyFactory(latitude=None, longitude=None, place=place)
    assert (plot.latitude, plot.longitude) == (place.latitude, place.longitude)
    assert plot.milieuschutz is not None


def test_one_parcel_is_one_property_and_nothing_is_saved_twice():
    PropertyFactory(gemarkung="Friedrichshain", flur="3", flurstueck="7/2")
    with pytest.raises(ValidationError) as error:
        PropertyFactory(gemarkung="Friedrichshain", flur="3", flurstueck="7/2")
    assert "flurstueck" in error.value.message_dict


def test_the_external_team_cannot_file_an_internal_property_and_the_public_cannot_file_any():
    with pytest.raises(ValidationError) as error:
        PropertyFactory(by=UserFactory(role=Role.TEAM_EXTERNAL), visibility=Visibility.INTERNAL)
    assert "visibility" in error.value.message_dict
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        PropertyFactory(by=UserFactory(role=Role.REGISTERED))


def test_editing_keeps_a_linked_place_the_editor_cannot_see():
    # Given a property linked by an internal team member to a place only the internal team sees
    from gemeinwohl.landpolicy.forms.properties import PropertyForm

    intern = UserFactory(role=Role.TEAM_INTERNAL)
    hidden = PlaceFactory(
        by=intern,
        visibility=Visibility.INTERNAL,
        owner_visibility=Visibility.INTERNAL,
        negotiations_visibility=Visibility.INTERNAL,
        name="Geheimer Ort Spreeufer",
    )
    plot = PropertyFactory(by=intern, place=hidden)
    external = UserFactory(role=Role.TEAM_EXTERNAL)

    # When the external team member opens the form and saves it unchanged
    form = PropertyForm(user=external, plot=plot)
    assert "Geheimer Ort Spreeufer" not in form.as_div()
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["place"] = ""
    bound = PropertyForm(data=data, user=external, plot=plot)
    assert bound.is_valid(), bound.errors
    property_update(plot=plot, data=bound.to_input(), by=external)

    # Then the link stays
    plot.refresh_from_db()
    assert plot.place == hidden
