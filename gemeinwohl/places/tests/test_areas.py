"""Loading Berlin's areas from the geodata files: an upsert that keeps ids, removes what is gone, refuses bad files."""

import json
import shutil

import pytest

from gemeinwohl.places import actions, areas
from gemeinwohl.places.models import Area, AreaKind, Place
from gemeinwohl.places.tests.factories import BOXHAGENER_PLATZ, PlaceFactory

pytestmark = pytest.mark.django_db

MILIEUSCHUTZ_FILE = "soziale_erhaltungsgebiete.geojson"
ORTSTEILE_FILE = "ortsteile.geojson"


def geodata_copy(tmp_path):
    """A copy of the shipped geodata to change."""
    directory = tmp_path / "geodata"
    shutil.copytree(areas.GEODATA, directory)
    return directory


def edit(directory, file_name, change):
    """Apply ``change`` to the file's FeatureCollection and write it back."""
    path = directory / file_name
    collection = json.loads(path.read_text(encoding="utf-8"))
    change(collection)
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")


def feature(collection, key_name, key):
    return next(item for item in collection["features"] if item["properties"][key_name] == key)


def snapshot():
    return list(Area.objects.order_by("pk").values_list("pk", "kind", "key", "name", "updated_at"))


def test_the_shipped_files_hold_berlins_areas():
    rows = areas.read_areas()

    counts = {kind: sum(row["kind"] == kind for row in rows) for kind in AreaKind.values}
    assert counts == {"bezirk": 12, "ortsteil": 96, "prognoseraum": 58, "milieuschutz": 81}
    boxhagener = next(row for row in rows if row["key"] == "EM0206")
    assert boxhagener["name"] == "Boxhagener Platz"
    assert boxhagener["district_name"] == "Friedrichshain-Kreuzberg"
    assert boxhagener["in_force_since"] is not None
    assert boxhagener["regulation_url"].startswith("https://")


def test_loading_the_same_files_again_changes_nothing():
    # Given the areas the migration loaded
    before = snapshot()

    # When the same files are loaded again
    counts = areas.load_areas(Area)

    # Then every area is kept as it was, with its id
    assert counts == {"created": 0, "updated": 0, "unchanged": 247, "removed": 0}
    assert snapshot() == before


def test_a_changed_area_keeps_its_id_and_its_places(tmp_path):
    # Given a place in Friedrichshain, and a new file in which the Ortsteil has another name
    place = PlaceFactory()
    friedrichshain = Area.objects.get(kind=AreaKind.ORTSTEIL, key="0201")
    directory = geodata_copy(tmp_path)
    edit(
        directory, ORTSTEILE_FILE, lambda c: feature(c, "id", "0201")["properties"].update(name="Friedrichshain (neu)")
    )

    # When the files are loaded
    counts = areas.load_areas(Area, directory)

    # Then the Ortsteil has its new name under its old id, and the place still points at it
    assert counts["updated"] == 1
    assert counts["created"] == counts["removed"] == 0
    assert Area.objects.get(pk=friedrichshain.pk).name == "Friedrichshain (neu)"
    place.refresh_from_db()
    assert place.ortsteil_id == friedrichshain.pk


def test_an_area_gone_from_the_file_disappears_and_its_places_get_the_new_one(tmp_path):
    # Given a place at Boxhagener Platz, and a new file in which EM0206 is replaced by EM0299 with the same outline
    place = PlaceFactory(latitude=BOXHAGENER_PLATZ[0], longitude=BOXHAGENER_PLATZ[1])
    assert place.milieuschutz.key == "EM0206"
    directory = geodata_copy(tmp_path)

    def replace(collection):
        feature(collection, "schluessel", "EM0206")["properties"].update(
            schluessel="EM0299", gebietsname="Boxhagener Platz (erweitert)"
        )

    edit(directory, MILIEUSCHUTZ_FILE, replace)

    # When the files are loaded
    counts = areas.load_areas(Area, directory)

    # Then EM0206 is gone, EM0299 exists, and the place no longer points at the removed area
    assert (counts["created"], counts["removed"]) == (1, 1)
    assert not Area.objects.filter(key="EM0206").exists()
    place.refresh_from_db()
    assert place.milieuschutz is None

    # And once its areas are recomputed, it lies in the new area
    actions.areas_recompute()
    place.refresh_from_db()
    assert (place.milieuschutz.key, place.milieuschutz.name) == ("EM0299", "Boxhagener Platz (erweitert)")
    assert Place.objects.get(pk=place.pk).district.key == "02"


def _drop_key(collection):
    del feature(collection, "schluessel", "EM0206")["properties"]["schluessel"]


def _blank_name(collection):
    feature(collection, "schluessel", "EM0206")["properties"]["gebietsname"] = " "


def _point(collection):
    feature(collection, "schluessel", "EM0206")["geometry"] = {"type": "Point", "coordinates": [13.4594, 52.5104]}


def _utm(collection):
    # The coordinates in ETRS89 / UTM 33N (EPSG:25833), metres, as the source file's header once claimed
    geometry = feature(collection, "schluessel", "EM0206")["geometry"]
    geometry["coordinates"] = [
        [[[x * 10_000, y * 100_000] for x, y in ring] for ring in polygon] for polygon in geometry["coordinates"]
    ]


def _open_ring(collection):
    ring = feature(collection, "schluessel", "EM0206")["geometry"]["coordinates"][0][0]
    ring.pop()


def _no_area(collection):
    feature(collection, "schluessel", "EM0206")["geometry"]["coordinates"] = [[[[13.4, 52.5]] * 4]]


def _duplicate(collection):
    collection["features"].append(feature(collection, "schluessel", "EM0206"))


def _empty(collection):
    collection["features"] = []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_drop_key, "Schlüssel „schluessel“ fehlt"),
        (_blank_name, "Name „gebietsname“ fehlt"),
        (_point, "keine Fläche (Polygon oder MultiPolygon)"),
        (_utm, "außerhalb von WGS84"),
        (_open_ring, "nicht geschlossen"),
        (_no_area, "keine Fläche"),
        (_duplicate, "Schlüssel kommt doppelt vor"),
        (_empty, "enthält keine Gebiete"),
    ],
)
def test_a_bad_file_is_refused_with_a_german_message_and_nothing_changes(tmp_path, change, message):
    # Given a changed (good) Ortsteile file and a bad Milieuschutz file
    directory = geodata_copy(tmp_path)
    edit(directory, ORTSTEILE_FILE, lambda c: feature(c, "id", "0201")["properties"].update(name="Neu"))
    edit(directory, MILIEUSCHUTZ_FILE, change)
    before = snapshot()

    # When the files are loaded
    with pytest.raises(areas.AreaFileError) as refused:
        areas.load_areas(Area, directory)

    # Then the message names the file and what is wrong, and no area changed, not even in the good file
    assert MILIEUSCHUTZ_FILE in str(refused.value)
    assert message in str(refused.value)
    assert snapshot() == before


def test_a_file_that_is_not_json_or_missing_is_refused(tmp_path):
    directory = geodata_copy(tmp_path)
    (directory / MILIEUSCHUTZ_FILE).write_text("<html>Fehler 404</html>", encoding="utf-8")
    (directory / ORTSTEILE_FILE).unlink()
    before = snapshot()

    with pytest.raises(areas.AreaFileError) as refused:
        areas.load_areas(Area, directory)

    assert len(refused.value.problems) == 2
    assert refused.value.problems[0] == f"{ORTSTEILE_FILE}: Die Datei fehlt."
    assert refused.value.problems[1].startswith(f"{MILIEUSCHUTZ_FILE}: Kein lesbares GeoJSON")
    assert snapshot() == before
