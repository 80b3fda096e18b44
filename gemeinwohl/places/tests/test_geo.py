"""Which district, Ortsteil, Prognoseraum and Milieuschutz area a position lies in: one by one and in bulk alike."""

import datetime
import random

import pytest
import shapely
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from shapely.geometry import shape

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.places import actions, geo
from gemeinwohl.places.models import Area, AreaKind, Place
from gemeinwohl.places.tests.factories import ALEXANDERPLATZ, BOXHAGENER_PLATZ, POTSDAM, PlaceFactory, PlaceInputFactory

pytestmark = pytest.mark.django_db

# A corner of the border Mitte ("01") and Friedrichshain-Kreuzberg ("02") share, at the Spree: exactly on both
# districts' outlines, and on those of Ortsteile 0101/0202 and Prognoseräume 0110/0230.
SHARED_CORNER = (52.505007, 13.418299)


def keys(match: geo.AreaMatch) -> tuple:
    return tuple(
        area.key if area else None for area in (match.district, match.ortsteil, match.prognoseraum, match.milieuschutz)
    )


def one_by_one(positions) -> list[tuple]:
    return [keys(geo.areas_at(latitude=latitude, longitude=longitude)) for latitude, longitude in positions]


def all_at_once(positions) -> list[tuple]:
    matches = geo.areas_at_many(
        latitudes=[latitude for latitude, _ in positions], longitudes=[longitude for _, longitude in positions]
    )
    return [keys(match) for match in matches]


def border_points(count: int, rng: random.Random) -> list[tuple[float, float]]:
    """Corners of the areas' outlines: the positions where a tie between neighbours can happen."""
    corners = []
    for area in Area.objects.all():
        coordinates = shapely.get_coordinates(shape(area.geometry))
        for longitude, latitude in rng.sample(list(coordinates), 3):
            corners.append((float(latitude), float(longitude)))
    return rng.sample(corners, count)


def test_boxhagener_platz_lies_in_friedrichshain_and_its_milieuschutz_area():
    # When looking up the position of Boxhagener Platz
    match = geo.areas_at(latitude=BOXHAGENER_PLATZ[0], longitude=BOXHAGENER_PLATZ[1])

    # Then it is in Friedrichshain-Kreuzberg, Ortsteil Friedrichshain, Prognoseraum Friedrichshain Ost,
    # and in the social preservation area "Boxhagener Platz" with its date and regulation
    assert (match.district.key, match.district.name) == ("02", "Friedrichshain-Kreuzberg")
    assert (match.ortsteil.key, match.ortsteil.name) == ("0201", "Friedrichshain")
    assert (match.prognoseraum.key, match.prognoseraum.name) == ("0250", "Friedrichshain Ost")
    assert (match.milieuschutz.key, match.milieuschutz.name) == ("EM0206", "Boxhagener Platz")
    assert isinstance(match.milieuschutz.in_force_since, datetime.date)
    assert match.milieuschutz.regulation_url.endswith("em0206.pdf")
    assert match.in_berlin


def test_alexanderplatz_lies_in_mitte_without_milieuschutz_area():
    match = geo.areas_at(latitude=ALEXANDERPLATZ[0], longitude=ALEXANDERPLATZ[1])

    assert (match.district.name, match.ortsteil.name, match.prognoseraum.key) == ("Mitte", "Mitte", "0110")
    assert match.milieuschutz is None


def test_potsdam_lies_outside_berlin():
    match = geo.areas_at(latitude=POTSDAM[0], longitude=POTSDAM[1])

    assert not match.in_berlin
    assert keys(match) == (None, None, None, None)


def test_a_point_on_a_shared_border_goes_to_the_first_area_by_key_in_both_look_ups():
    # Given a point exactly on the border of Mitte ("01") and Friedrichshain-Kreuzberg ("02")
    # When looking it up alone and among other points
    alone = one_by_one([SHARED_CORNER])[0]
    in_bulk = all_at_once([BOXHAGENER_PLATZ, SHARED_CORNER, POTSDAM])[1]

    # Then both answer the first of the neighbours by key, at every level
    assert alone == in_bulk == ("01", "0101", "0110", None)


def test_bulk_and_single_look_ups_agree_in_and_around_berlin():
    # Given a few hundred random positions in and around Berlin, corners of area outlines and the known places
    rng = random.Random(20261125)
    positions = [(rng.uniform(52.30, 52.72), rng.uniform(12.95, 13.85)) for _ in range(300)]
    positions += border_points(100, rng)
    positions += [BOXHAGENER_PLATZ, ALEXANDERPLATZ, POTSDAM, SHARED_CORNER]

    # When looking them up one by one and all at once
    single, bulk = one_by_one(positions), all_at_once(positions)

    # Then the answers are the same, and the sample covers Berlin, the outside and Milieuschutz areas
    assert bulk == single
    assert sum(match[0] is None for match in single) > 20
    assert sum(match[3] is not None for match in single) > 10
    assert bulk[-4:] == [
        ("02", "0201", "0250", "EM0206"),
        ("01", "0101", "0110", None),
        (None, None, None, None),
        ("01", "0101", "0110", None),
    ]


def test_bulk_look_up_of_no_positions_is_empty():
    assert geo.areas_at_many(latitudes=[], longitudes=[]) == []


# --- the actions: a place's position ------------------------------------------------------------


def test_a_place_outside_berlin_is_accepted_and_marked_as_such():
    # When the team records a place in Potsdam
    place = PlaceFactory(latitude=POTSDAM[0], longitude=POTSDAM[1])

    # Then it is saved, marked outside Berlin, without areas
    place.refresh_from_db()
    assert place.outside_berlin
    assert (place.district, place.ortsteil, place.prognoseraum, place.milieuschutz) == (None, None, None, None)
    assert place.areas_computed_at is not None


def test_a_place_without_position_has_no_areas_and_is_not_outside_berlin():
    place = PlaceFactory(latitude=None, longitude=None)

    place.refresh_from_db()
    assert not place.outside_berlin
    assert place.district is None


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        (91.0, 13.4, "latitude", "zwischen -90 und 90"),
        (52.5, 181.0, "longitude", "zwischen -180 und 180"),
        (float("nan"), 13.4, "latitude", "zwischen -90 und 90"),
        (52.5, float("inf"), "longitude", "zwischen -180 und 180"),
        (52.5, None, "longitude", "Breiten- und Längengrad"),
        ("52,5", 13.4, "latitude", "eine Zahl"),
    ],
)
def test_invalid_coordinates_are_refused_and_nothing_is_saved(latitude, longitude, field, message):
    team = UserFactory(role=Role.TEAM_INTERNAL)

    # When the team records a place at an impossible position
    with pytest.raises(ValidationError) as refused:
        actions.place_create(data=PlaceInputFactory(latitude=latitude, longitude=longitude), by=team)

    # Then it is refused with a German message at the field, and no place exists
    assert message in " ".join(refused.value.message_dict[field])
    assert not Place.objects.exists()


def test_moving_a_place_gives_it_the_areas_of_its_new_position():
    # Given a place at Alexanderplatz
    team = UserFactory(role=Role.TEAM_INTERNAL)
    place = PlaceFactory(latitude=ALEXANDERPLATZ[0], longitude=ALEXANDERPLATZ[1], by=team)

    # When it moves to Boxhagener Platz
    data = PlaceInputFactory(name=place.name, latitude=BOXHAGENER_PLATZ[0], longitude=BOXHAGENER_PLATZ[1])
    actions.place_update(place=place, data=data, by=team)

    # Then it lies in Friedrichshain and in the Milieuschutz area
    place.refresh_from_db()
    assert (place.district.key, place.ortsteil.name, place.milieuschutz.key) == ("02", "Friedrichshain", "EM0206")


# --- recomputing many places at once ------------------------------------------------------------


def test_recompute_corrects_stale_areas_and_agrees_with_the_single_look_up():
    # Given places at random positions in and around Berlin, one without position, whose stored areas are wrong
    rng = random.Random(7)
    team = UserFactory(role=Role.TEAM_INTERNAL)
    places = [
        PlaceFactory(latitude=rng.uniform(52.35, 52.68), longitude=rng.uniform(13.05, 13.8), by=team) for _ in range(30)
    ]
    places.append(PlaceFactory(latitude=None, longitude=None, by=team))
    wrong = Area.objects.get(kind=AreaKind.MILIEUSCHUTZ, key="EM0206")
    Place.objects.update(district=wrong, ortsteil=None, prognoseraum=None, milieuschutz=wrong, outside_berlin=True)

    # When the areas are recomputed
    changed = actions.areas_recompute()

    # Then every place has again the areas its position lies in, as looked up one by one
    assert changed == len(places)
    for place in Place.objects.all():
        if place.has_position:
            expected = geo.areas_at(latitude=place.latitude, longitude=place.longitude)
            assert (place.district, place.ortsteil, place.prognoseraum, place.milieuschutz) == (
                expected.district,
                expected.ortsteil,
                expected.prognoseraum,
                expected.milieuschutz,
            )
            assert place.outside_berlin is not expected.in_berlin
        else:
            assert (place.district, place.milieuschutz, place.outside_berlin) == (None, None, False)

    # And a second run finds nothing to change
    assert actions.areas_recompute() == 0


def test_recompute_only_touches_the_places_given():
    team = UserFactory(role=Role.TEAM_INTERNAL)
    first, second = (PlaceFactory(by=team) for _ in range(2))
    Place.objects.update(milieuschutz=None)

    actions.areas_recompute(places=Place.objects.filter(pk=first.pk))

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.milieuschutz.key == "EM0206"
    assert second.milieuschutz is None


def test_recompute_takes_as_many_queries_for_fifty_places_in_the_same_areas_as_for_five():
    team = UserFactory(role=Role.TEAM_INTERNAL)

    def queries_for_stale(count: int) -> int:
        for _ in range(count - Place.objects.count()):
            PlaceFactory(by=team)
        Place.objects.update(milieuschutz=None)
        geo.current_index()  # the index is built once per process and areas version, not per run
        with CaptureQueriesContext(connection) as captured:
            assert actions.areas_recompute() == count
        return len(captured.captured_queries)

    assert queries_for_stale(5) == queries_for_stale(50)
