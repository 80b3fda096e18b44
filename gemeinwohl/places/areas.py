"""Loading Berlin's areas from the GeoJSON files in ``places/geodata/`` (see its README for sources and licences).

Used by the data migration (with the historical model) and by
``manage.py places_load_areas`` after a file was replaced. Loading is an
upsert by (kind, key): areas keep their ids, so places keep pointing at them;
areas no longer in a file are removed.
"""

import datetime
import json
from pathlib import Path

from shapely.geometry import shape

GEODATA = Path(__file__).resolve().parent / "geodata"

# kind: (file, key property, name property)
FILES = {
    "bezirk": ("bezirke.geojson", "id", "name"),
    "ortsteil": ("ortsteile.geojson", "id", "name"),
    "prognoseraum": ("lor_prognoseraeume_2021.geojson", "id", "name"),
    "milieuschutz": ("soziale_erhaltungsgebiete.geojson", "schluessel", "gebietsname"),
}


def _date(text) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.datetime.strptime(text, "%d.%m.%Y").date()
    except ValueError:
        return None


def read_areas(directory: Path = GEODATA) -> list[dict]:
    """Every area of the four files as a dict of ``Area`` fields."""
    rows = []
    for kind, (file_name, key_name, name_name) in FILES.items():
        collection = json.loads((directory / file_name).read_text(encoding="utf-8"))
        for feature in collection["features"]:
            properties = feature["properties"]
            geometry = feature["geometry"]
            min_lon, min_lat, max_lon, max_lat = shape(geometry).bounds
            rows.append(
                {
                    "kind": kind,
                    "key": str(properties[key_name]),
                    "name": properties[name_name],
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


def load_areas(area_model, directory: Path = GEODATA) -> dict[str, int]:
    """Upsert the areas of ``directory`` into ``area_model``; returns counts of created, updated, removed."""
    rows = read_areas(directory)
    existing = {(area.kind, area.key): area for area in area_model.objects.all()}
    created = updated = 0
    seen = set()
    for row in rows:
        identity = (row["kind"], row["key"])
        seen.add(identity)
        area = existing.get(identity)
        if area is None:
            area_model.objects.create(**row)
            created += 1
        else:
            for name, value in row.items():
                setattr(area, name, value)
            area.save()
            updated += 1
    stale = [area.pk for identity, area in existing.items() if identity not in seen]
    area_model.objects.filter(pk__in=stale).delete()
    return {"created": created, "updated": updated, "removed": len(stale)}
