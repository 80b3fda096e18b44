"""manage.py places_load_areas: load the geodata, recompute every place's areas, all or nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gemeinwohl.places import actions
from gemeinwohl.places.models import Area, AreaKind, Place
from gemeinwohl.places.tests.factories import ALEXANDERPLATZ, BOXHAGENER_PLATZ, PlaceFactory
from gemeinwohl.places.tests.test_areas import MILIEUSCHUTZ_FILE, edit, feature, geodata_copy, snapshot

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("places_load_areas", *args, stdout=out)
    return out.getvalue()


def areas_of(place) -> tuple:
    place.refresh_from_db()
    return tuple(
        area.key if area else None for area in (place.district, place.ortsteil, place.prognoseraum, place.milieuschutz)
    )


def test_loading_the_shipped_files_recomputes_every_place():
    # Given a place whose stored areas are stale (as after an older geodata version)
    place = PlaceFactory(latitude=BOXHAGENER_PLATZ[0], longitude=BOXHAGENER_PLATZ[1])
    PlaceFactory(latitude=ALEXANDERPLATZ[0], longitude=ALEXANDERPLATZ[1])
    Place.objects.filter(pk=place.pk).update(district=None, ortsteil=None, prognoseraum=None, milieuschutz=None)

    # When the command runs
    output = run()

    # Then the areas are unchanged, the place has its areas again, and the command says so
    assert "0 neu, 0 geändert, 247 unverändert, 0 entfernt" in output
    assert "Gebiete von 2 Orten und Grundstücken neu bestimmt, bei 1 haben sie sich geändert" in output
    assert areas_of(place) == ("02", "0201", "0250", "EM0206")


def test_a_replaced_area_in_a_new_directory_reaches_the_places(tmp_path):
    # Given a place at Boxhagener Platz, and files in which EM0206 became EM0299
    place = PlaceFactory(latitude=BOXHAGENER_PLATZ[0], longitude=BOXHAGENER_PLATZ[1])
    directory = geodata_copy(tmp_path)
    edit(
        directory,
        MILIEUSCHUTZ_FILE,
        lambda c: feature(c, "schluessel", "EM0206")["properties"].update(schluessel="EM0299"),
    )

    # When the command loads that directory
    output = run("--directory", str(directory))

    # Then the old area is gone and the place lies in the new one
    assert "1 neu, 0 geändert, 246 unverändert, 1 entfernt" in output
    assert not Area.objects.filter(key="EM0206").exists()
    assert areas_of(place)[3] == "EM0299"


def test_land_policy_properties_move_to_the_new_areas_with_the_places(tmp_path):
    # Given a property at Boxhagener Platz, and files in which EM0206 became EM0299
    from gemeinwohl.landpolicy.tests.factories import PropertyFactory

    plot = PropertyFactory(latitude=BOXHAGENER_PLATZ[0], longitude=BOXHAGENER_PLATZ[1])
    directory = geodata_copy(tmp_path)
    edit(
        directory,
        MILIEUSCHUTZ_FILE,
        lambda c: feature(c, "schluessel", "EM0206")["properties"].update(schluessel="EM0299"),
    )

    # When the command loads that directory
    run("--directory", str(directory))

    # Then the property lies in the new Milieuschutz area too
    assert areas_of(plot)[3] == "EM0299"


def test_check_reports_good_files_and_changes_nothing(tmp_path):
    # Given files with a renamed area
    directory = geodata_copy(tmp_path)
    edit(
        directory, MILIEUSCHUTZ_FILE, lambda c: feature(c, "schluessel", "EM0206")["properties"].update(gebietsname="X")
    )
    before = snapshot()

    # When only checking them
    output = run("--check", "--directory", str(directory))

    # Then they are reported fine with their counts, and nothing was loaded
    assert "Die Gebietsdateien sind in Ordnung: 12 Bezirke, 96 Ortsteile, 58 LOR-Prognoseräume, 81 soziale" in output
    assert snapshot() == before


def test_check_refuses_bad_files_with_exit_code_1(tmp_path):
    directory = geodata_copy(tmp_path)
    edit(directory, MILIEUSCHUTZ_FILE, lambda c: feature(c, "schluessel", "EM0206").update(geometry=None))

    with pytest.raises(CommandError) as refused:
        run("--check", "--directory", str(directory))

    assert refused.value.returncode == 1
    assert "fehlerhaft; nichts wurde geändert" in str(refused.value)
    assert "soziale_erhaltungsgebiete.geojson, Gebiet 20 (Schlüssel EM0206): keine Fläche" in str(refused.value)


def test_bad_files_change_neither_areas_nor_places(tmp_path):
    # Given a place with stale areas and files of which one is bad
    place = PlaceFactory(latitude=BOXHAGENER_PLATZ[0], longitude=BOXHAGENER_PLATZ[1])
    Place.objects.filter(pk=place.pk).update(milieuschutz=None)
    directory = geodata_copy(tmp_path)
    edit(directory, "bezirke.geojson", lambda c: feature(c, "id", "02")["properties"].update(name=""))
    before = snapshot()

    # When loading them
    with pytest.raises(CommandError) as refused:
        run("--directory", str(directory))

    # Then the command fails with the reason, and nothing changed
    assert refused.value.returncode == 1
    assert "bezirke.geojson, Gebiet" in str(refused.value)
    assert snapshot() == before
    assert areas_of(place)[3] is None


def test_a_failing_recompute_undoes_the_load(tmp_path, monkeypatch):
    # Given files with a renamed area, and a recompute that fails halfway
    directory = geodata_copy(tmp_path)
    edit(
        directory, MILIEUSCHUTZ_FILE, lambda c: feature(c, "schluessel", "EM0206")["properties"].update(gebietsname="X")
    )
    before = snapshot()

    def broken(**kwargs):
        raise RuntimeError("Abbruch")

    monkeypatch.setattr(actions, "areas_recompute", broken)

    # When the command runs
    with pytest.raises(RuntimeError):
        run("--directory", str(directory))

    # Then the load was rolled back with it
    assert snapshot() == before
    assert Area.objects.get(kind=AreaKind.MILIEUSCHUTZ, key="EM0206").name == "Boxhagener Platz"


def test_a_missing_directory_is_refused():
    with pytest.raises(CommandError, match="Den Ordner /nirgendwo gibt es nicht"):
        run("--directory", "/nirgendwo")
