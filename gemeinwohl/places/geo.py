"""Which Berlin areas a position lies in: district, Ortsteil, LOR Prognoseraum, Milieuschutz area.

The area outlines (``Area.geometry``, GeoJSON) are loaded once per process
into shapely geometries with a spatial index (STRtree) per kind; a look-up is
a few index probes and point-in-polygon tests, so recomputing 10,000 places
takes seconds. The index is rebuilt when the areas change (their latest
``updated_at`` and count are its version), so every process picks up newly
loaded geodata without a restart.
"""

import threading
from dataclasses import dataclass

import shapely
from django.db.models import Count, Max
from shapely.geometry import shape

from gemeinwohl.places.models import Area, AreaKind

# A position must lie in one of Berlin's districts to count as in Berlin.
_lock = threading.Lock()
_cache: dict = {"version": None, "index": None}


@dataclass(frozen=True)
class AreaMatch:
    district: Area | None = None
    ortsteil: Area | None = None
    prognoseraum: Area | None = None
    milieuschutz: Area | None = None

    @property
    def in_berlin(self) -> bool:
        return self.district is not None


class _KindIndex:
    def __init__(self, areas: list[Area]):
        self.areas = areas
        self.geometries = [shape(area.geometry) for area in areas]
        for geometry in self.geometries:
            shapely.prepare(geometry)
        self.tree = shapely.STRtree(self.geometries) if self.geometries else None

    def find(self, point) -> Area | None:
        if self.tree is None:
            return None
        for index in self.tree.query(point, predicate="intersects"):
            return self.areas[int(index)]
        return None


def _version():
    return tuple(Area.objects.aggregate(count=Count("pk"), latest=Max("updated_at")).values())


def _index() -> dict[str, _KindIndex]:
    version = _version()
    with _lock:
        if _cache["version"] != version:
            areas = list(Area.objects.all())
            _cache["index"] = {
                kind: _KindIndex([area for area in areas if area.kind == kind]) for kind in AreaKind.values
            }
            _cache["version"] = version
        return _cache["index"]


def check_position(latitude: float, longitude: float) -> None:
    """Raise ValueError unless the numbers are a position on earth."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError("position out of range")


def areas_at(*, latitude: float, longitude: float, index: dict | None = None) -> AreaMatch:
    """The areas at a position (WGS84); all None outside Berlin."""
    index = index or _index()
    point = shapely.Point(longitude, latitude)
    district = index[AreaKind.DISTRICT].find(point)
    if district is None:
        return AreaMatch()
    return AreaMatch(
        district=district,
        ortsteil=index[AreaKind.ORTSTEIL].find(point),
        prognoseraum=index[AreaKind.PROGNOSERAUM].find(point),
        milieuschutz=index[AreaKind.MILIEUSCHUTZ].find(point),
    )


def apply_areas(place, *, index: dict | None = None) -> None:
    """Set the place's area fields from its position (not saved); without a position, none."""
    if place.has_position:
        match = areas_at(latitude=place.latitude, longitude=place.longitude, index=index)
    else:
        match = AreaMatch()
    place.district = match.district
    place.ortsteil = match.ortsteil
    place.prognoseraum = match.prognoseraum
    place.milieuschutz = match.milieuschutz
    place.outside_berlin = place.has_position and not match.in_berlin


AREA_FIELDS = ["district", "ortsteil", "prognoseraum", "milieuschutz", "outside_berlin", "areas_computed_at"]


def current_index() -> dict:
    """The spatial index for a batch of look-ups (built at most once)."""
    return _index()
