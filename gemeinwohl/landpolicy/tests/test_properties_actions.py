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
