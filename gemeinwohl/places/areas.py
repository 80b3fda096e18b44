"""Loading Berlin's areas from the GeoJSON files in ``places/geodata/`` (see its README for sources and licences).

Used by the data migration (with the historical model) and by
``manage.py places_load_areas`` after a file was replaced. Loading is an
upsert by (kind, key): areas keep their ids, so places keep pointing at them;
areas no longer in a file are removed.
"""

import datetime
import json
import math
from pathlib import Path

import shapely
from django.utils.translation import gettext as _
from shapely.geometry import shape

GEODATA = Path(__file__).resolve().parent / "geodata"

# kind: (file, key property, name property)
FILES = {
    "bezirk": ("bezirke.geojson", "id", "name"),
    "ortsteil": ("ortsteile.geojson", "id", "name"),
    "prognoseraum": ("lor_prognoseraeume_2021.geojson", "id", "name"),
    "milieuschutz": ("soziale_erhaltungsgebiete.geojson", "schluessel", "gebietsname"),
}


class AreaFileError(ValueError):
    """The geodata files cannot be loaded; ``problems`` says what is wrong where, in German."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _date(text) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        return None


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _geometry_problem(geometry) -> str | None:
    """What keeps ``geometry`` from being a GeoJSON (Multi)Polygon in WGS84, or None.

    Closed rings of at least four positions, longitude and latitude within
    WGS84's bounds, an area. Not required: OGC validity; the official outlines
    have self-intersections and collapsed rings (EM0201, Lichtenberg), and the
    point look-ups work on them as they are.
    """
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return _("keine Fläche (Polygon oder MultiPolygon)")
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        return _("Umriss ohne Koordinaten")
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return _("Umriss ohne Koordinaten")
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                return _("ein Ring des Umrisses hat weniger als vier Punkte")
            for position in ring:
                if not isinstance(position, list) or len(position) < 2 or not all(map(_is_number, position[:2])):
                    return _("eine Koordinate ist keine Zahl")
                longitude, latitude = position[:2]
                if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
                    return _(
                        "Koordinaten außerhalb von WGS84 (Längengrad −180 bis 180, Breitengrad −90 bis 90), etwa "
                        "%(position)s – ist die Datei in einem anderen Koordinatensystem (etwa EPSG:25833)?"
                    ) % {"position": f"{longitude}, {latitude}"}
            if ring[0][:2] != ring[-1][:2]:
                return _("ein Ring des Umrisses ist nicht geschlossen")
    try:
        outline = shape(geometry)
    except (ValueError, TypeError, shapely.errors.ShapelyError):
        return _("der Umriss lässt sich nicht lesen")
    if outline.is_empty or outline.area <= 0:
        return _("der Umriss hat keine Fläche")
    return None


def _read_file(path: Path, kind: str, key_name: str, name_name: str, problems: list[str]) -> list[dict]:
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(_("%(file)s: Die Datei fehlt.") % {"file": path.name})
        return []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.append(_("%(file)s: Kein lesbares GeoJSON (%(error)s).") % {"file": path.name, "error": error})
        return []
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or not features:
        problems.append(
            _("%(file)s: Die Datei enthält keine Gebiete (FeatureCollection ohne Features).") % {"file": path.name}
        )
        return []
    rows, keys = [], set()
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        properties = properties if isinstance(properties, dict) else {}
        key = str(properties.get(key_name) or "").strip()
        name = str(properties.get(name_name) or "").strip()
        where = {"file": path.name, "number": number, "key": key or "?"}
        found = []
        if not key:
            found.append(_("Schlüssel „%(field)s“ fehlt") % {"field": key_name})
        elif key in keys:
            found.append(_("Schlüssel kommt doppelt vor"))
        if not name:
            found.append(_("Name „%(field)s“ fehlt") % {"field": name_name})
        geometry_problem = _geometry_problem(feature.get("geometry") if isinstance(feature, dict) else None)
        if geometry_problem:
            found.append(geometry_problem)
        if found:
            problems.append(_("%(file)s, Gebiet %(number)s (Schlüssel %(key)s): ") % where + "; ".join(found) + ".")
            continue
        keys.add(key)
        geometry = feature["geometry"]
        min_lon, min_lat, max_lon, max_lat = shape(geometry).bounds
        rows.append(
            {
                "kind": kind,
                "key": key,
                "name": name,
                "district_name": properties.get("bezirk") or "",
                "in_force_since": _date(properties.get("in_kraft_seit")),
                "regulation_url": properties.get("pdf_link") or "",
                "geometry": geometry,
                "min_lon": min_lon,
                "min_lat": min_lat,
                "max_lon": max_lon,
                "max_lat": max_lat,
            }
        )
    return rows


def read_areas(directory: Path = GEODATA) -> list[dict]:
    """Every area of the four files as a dict of ``Area`` fields; ``AreaFileError`` listing every problem if any file is bad."""
    rows, problems = [], []
    for kind, (file_name, key_name, name_name) in FILES.items():
        rows.extend(_read_file(Path(directory) / file_name, kind, key_name, name_name, problems))
    if problems:
        raise AreaFileError(problems)
    return rows


def load_areas(area_model, directory: Path = GEODATA) -> dict[str, int]:
    """Upsert the areas of ``directory`` into ``area_model``; counts of created, updated, unchanged, removed.

    Every file is read and checked before anything is written: bad files raise
    ``AreaFileError`` and change nothing. An area whose fields are all as in
    the file is left alone (its ``updated_at`` too).
    """
    rows = read_areas(directory)
    existing = {(area.kind, area.key): area for area in area_model.objects.all()}
    counts = {"created": 0, "updated": 0, "unchanged": 0, "removed": 0}
    seen = set()
    for row in rows:
        identity = (row["kind"], row["key"])
        seen.add(identity)
        area = existing.get(identity)
        if area is None:
            area_model.objects.create(**row)
            counts["created"] += 1
        elif any(getattr(area, name) != value for name, value in row.items()):
            for name, value in row.items():
                setattr(area, name, value)
            area.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    stale = [area.pk for identity, area in existing.items() if identity not in seen]
    area_model.objects.filter(pk__in=stale).delete()
    counts["removed"] = len(stale)
    return counts
