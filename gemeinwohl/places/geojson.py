"""Places and areas as GeoJSON (RFC 7946): the map's data, the download and the API answer.

The places come from ``selectors.place_list`` for the reader, so the map
never shows more than the list. The collection is built from ``.values()``
rows and one query for all uses: two queries and no per-row work beyond
building a dict, however many places there are (10,000 in well under a
second). Positions are WGS84 ``[longitude, latitude]`` as RFC 7946 asks.
"""

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import translation

from gemeinwohl.core.visibility import clearance_for
from gemeinwohl.places.models import (
    Area,
    AreaKind,
    Assessment,
    OwnerType,
    Place,
    PlaceKind,
    PlaceUse,
    Status,
    Use,
    reviews_places,
)
from gemeinwohl.places.selectors import PlaceFilter, place_list

MEDIA_TYPE = "application/geo+json"
# Six decimals are about 10 cm: more than any address needs.
PRECISION = 6
AREA_CACHE_SECONDS = 24 * 60 * 60
GEOJSON_CACHE_SECONDS = 60 * 60

_ROW_FIELDS = (
    "pk",
    "name",
    "kind",
    "status",
    "latitude",
    "longitude",
    "criteria_met",
    "owner_type",
    "owner_visibility",
    "district__name",
    "ortsteil__name",
    "milieuschutz__key",
    "milieuschutz__name",
)


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def _detail_link() -> Callable[[int], str]:
    """The place page's path for a pk, without calling ``reverse`` for each of 10,000 rows."""
    marker = 987654321
    template = reverse("places:place_detail", kwargs={"pk": marker})
    head, tail = template.split(str(marker))
    return lambda pk: f"{head}{pk}{tail}"


def places_feature_collection(
    *, reader, filters: PlaceFilter | None = None, absolute: Callable[[str], str] | None = None
) -> dict:
    """A FeatureCollection of the places ``reader`` may see (with a position), filtered like the list.

    Properties: id, name, kind, status (values and German labels), uses,
    url, criteria_met, district, ortsteil, milieuschutz (names; null where
    none), and ``owner_type`` only on places whose owner the reader may see.
    ``absolute`` turns the page's path into a full address (the API's links).
    """
    # Plain rows: the uses come in one query of their own, not through the list's prefetch.
    places = place_list(fetched_by=reader, filters=filters).on_map().prefetch_related(None)
    rows = list(places.values(*_ROW_FIELDS))
    uses = defaultdict(list)
    use_rows = PlaceUse.objects.filter(place_id__in=places.order_by().values("pk")).order_by("place_id", "use")
    for place_id, use in use_rows.values_list("place_id", "use"):
        uses[place_id].append(use)

    clearance = clearance_for(reader)
    kinds, statuses, owners, use_labels = _labels(PlaceKind), _labels(Status), _labels(OwnerType), _labels(Use)
    link = _detail_link()
    features = []
    for row in rows:
        pk = row["pk"]
        url = link(pk)
        properties = {
            "id": pk,
            "name": row["name"],
            "kind": row["kind"],
            "kind_label": kinds.get(row["kind"], row["kind"]),
            "status": row["status"],
            "status_label": statuses.get(row["status"], row["status"]),
            "uses": uses.get(pk, []),
            "use_labels": [use_labels.get(use, use) for use in uses.get(pk, [])],
            "url": absolute(url) if absolute else url,
            "criteria_met": row["criteria_met"],
            "district": row["district__name"],
            "ortsteil": row["ortsteil__name"],
            "milieuschutz": row["milieuschutz__name"],
            "milieuschutz_key": row["milieuschutz__key"],
        }
        if row["owner_visibility"] <= clearance:
            properties["owner_type"] = row["owner_type"]
            properties["owner_type_label"] = owners.get(row["owner_type"], row["owner_type"])
        features.append(
            {
                "type": "Feature",
                "id": pk,
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(row["longitude"], PRECISION), round(row["latitude"], PRECISION)],
                },
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def dumps(collection: dict) -> str:
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))


def data_stamp() -> tuple:
    """What every places GeoJSON depends on: it changes whenever any answer would.

    A place's own change (its uses are saved with it), a new or removed place,
    a rating, new areas or recomputed ones: each moves a count or a latest time.
    """
    return (
        *Place.objects.aggregate(
            count=Count("pk"), changed=Max("updated_at"), located=Max("areas_computed_at")
        ).values(),
        *Assessment.objects.aggregate(count=Count("pk"), changed=Max("updated_at")).values(),
        *Area.objects.aggregate(count=Count("pk"), changed=Max("updated_at")).values(),
    )


def places_geojson_text(
    *, reader, filters: PlaceFilter | None = None, absolute: Callable[[str], str] | None = None, base: str = ""
) -> str:
    """``places_feature_collection`` serialised, kept in the cache until the data changes (or an hour passed).

    Readers with the same clearance and the same right to see proposals get
    the same text, so the public map of 10,000 places is built once, not per
    visitor. ``base`` is the address the links start with when ``absolute``.
    """
    key = (
        "places:geojson:"
        + hashlib.sha256(
            repr(
                (
                    int(clearance_for(reader)),
                    reviews_places(reader),
                    filters,
                    translation.get_language(),
                    base if absolute else "",
                    data_stamp(),
                )
            ).encode()
        ).hexdigest()
    )
    text = cache.get(key)
    if text is None:
        text = dumps(places_feature_collection(reader=reader, filters=filters, absolute=absolute))
        cache.set(key, text, GEOJSON_CACHE_SECONDS)
    return text


# --- areas ------------------------------------------------------------------------------------


def _areas_version(kind: str) -> str:
    found = Area.objects.filter(kind=kind).aggregate(count=Count("pk"), latest=Max("updated_at"))
    latest = found["latest"].isoformat() if found["latest"] else "-"
    return f"{found['count']}-{latest}"


def areas_feature_collection(kind: str) -> dict:
    """Every area of ``kind`` with its outline and what the place page says about it."""
    features = []
    rows = (
        Area.objects.filter(kind=kind)
        .order_by("key")
        .values("pk", "key", "name", "district_name", "in_force_since", "regulation_url", "geometry")
    )
    for row in rows:
        features.append(
            {
                "type": "Feature",
                "id": row["pk"],
                "geometry": row["geometry"],
                "properties": {
                    "id": row["pk"],
                    "kind": kind,
                    "key": row["key"],
                    "name": row["name"],
                    "district": row["district_name"] or None,
                    "in_force_since": row["in_force_since"].isoformat() if row["in_force_since"] else None,
                    "regulation_url": row["regulation_url"] or None,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def areas_geojson_text(kind: str) -> tuple[str, str]:
    """The outlines of ``kind`` as GeoJSON text and a version tag (ETag); serialised once per version.

    Outlines are megabytes and change only when new geodata is loaded, so
    the text is kept in the cache under the areas' version.
    """
    if kind not in AreaKind.values:
        raise ValueError(kind)
    version = _areas_version(kind)
    key = f"places:areas-geojson:{kind}:{version}"
    text = cache.get(key)
    if text is None:
        text = dumps(areas_feature_collection(kind))
        cache.set(key, text, AREA_CACHE_SECONDS)
    return text, version
