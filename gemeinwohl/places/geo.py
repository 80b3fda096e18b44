"""Which Berlin areas a position lies in: district, Ortsteil, LOR Prognoseraum, Milieuschutz area.

The area outlines (``Area.geometry``, GeoJSON) are loaded once per process
into prepared shapely geometries with a spatial index (STRtree) per kind. One
position (``areas_at``) costs a few index probes; many positions at once
(``areas_at_many``, used by ``actions.areas_recompute``) go through the index
and the point-in-polygon tests as whole arrays, one pass per kind, so 10,000
places take some 50 milliseconds. The index is rebuilt when the areas
change (their count and latest ``updated_at`` are its version), so every
process picks up newly loaded geodata without a restart.
"""

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from django.db.models import Count, Max
from shapely.geometry import shape

from gemeinwohl.places.models import Area, AreaKind

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
        # A position must lie in one of Berlin's districts to count as in Berlin.
        return self.district is not None


class _KindIndex:
    """The areas of one kind, sorted by key, their outlines prepared and in an STRtree.

    A position counts as in an area when it ``intersects`` the outline, so a
    point exactly on the border two areas share lies in both. It is given to
    the first of them by key (the lowest position in ``areas``), in single and
    in batch look-ups alike: the answer does not depend on the order the index
    returns its candidates in, nor on the database's collation.
    """

    def __init__(self, areas: list[Area]):
        self.areas = sorted(areas, key=lambda area: area.key)
        self.geometries = np.array([shape(area.geometry) for area in self.areas], dtype=object)
        shapely.prepare(self.geometries)
        self.tree = shapely.STRtree(self.geometries) if len(self.areas) else None

    def find(self, point) -> Area | None:
        """The area ``point`` lies in, or None."""
        if self.tree is None:
            return None
        candidates = self.tree.query(point)  # by bounding box
        hits = candidates[shapely.intersects(self.geometries[candidates], point)]
        return self.areas[int(hits.min())] if len(hits) else None

    def find_all(self, points: np.ndarray) -> np.ndarray:
        """For each of ``points``, the position in ``areas`` of the area it lies in, or -1."""
        none = len(self.areas)
        found = np.full(len(points), none, dtype=np.intp)
        if self.tree is not None and len(points):
            point_at, area_at = self.tree.query(points)  # candidate pairs by bounding box
            inside = shapely.intersects(self.geometries[area_at], points[point_at])
            # The first area by key wins where a point lies in several (on a shared border).
            np.minimum.at(found, point_at[inside], area_at[inside])
        found[found == none] = -1
        return found


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


def areas_at_many(
    *, latitudes: Sequence[float], longitudes: Sequence[float], index: dict | None = None
) -> list[AreaMatch]:
    """The areas at each of many positions, in their order; the same answers as ``areas_at`` one by one."""
    index = index or _index()
    points = shapely.points(np.asarray(longitudes, dtype=float), np.asarray(latitudes, dtype=float))
    districts = index[AreaKind.DISTRICT].find_all(points)
    in_berlin = districts >= 0
    found = {AreaKind.DISTRICT: districts}
    for kind in (AreaKind.ORTSTEIL, AreaKind.PROGNOSERAUM, AreaKind.MILIEUSCHUTZ):
        # Only positions in a district can lie in its smaller areas (as in ``areas_at``).
        found[kind] = np.full(len(points), -1, dtype=np.intp)
        found[kind][in_berlin] = index[kind].find_all(points[in_berlin])

    def area(kind, at):
        return index[kind].areas[at] if at >= 0 else None

    outside = AreaMatch()
    return [
        AreaMatch(
            district=area(AreaKind.DISTRICT, district),
            ortsteil=area(AreaKind.ORTSTEIL, ortsteil),
            prognoseraum=area(AreaKind.PROGNOSERAUM, prognoseraum),
            milieuschutz=area(AreaKind.MILIEUSCHUTZ, milieuschutz),
        )
        if district >= 0
        else outside
        for district, ortsteil, prognoseraum, milieuschutz in zip(
            districts.tolist(),
            found[AreaKind.ORTSTEIL].tolist(),
            found[AreaKind.PROGNOSERAUM].tolist(),
            found[AreaKind.MILIEUSCHUTZ].tolist(),
            strict=True,
        )
    ]


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
