"""Reading places, scoped by the reader.

Every surface (list, table, map, GeoJSON, place page, dashboard) takes its
places from ``Place.objects.visible_to(reader)`` through ``place_list``; the
sensitive fields (owner, negotiations) are shown only where
``Place.reader_sees_owner`` / ``reader_sees_negotiations`` allow.
"""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.directory.models import Organisation, Person
from gemeinwohl.places.models import Area, Assessment, Criterion, Place, PlaceActor, Rating, StatusChange


@dataclass(frozen=True)
class PlaceFilter:
    """The filters of the list, the map and the GeoJSON (empty: no restriction)."""

    kind: str = ""
    status: str = ""
    use: str = ""
    criterion: int | None = None  # places that meet this criterion (fully)
    district: int | None = None
    ortsteil: int | None = None
    milieuschutz: int | None = None
    text: str = ""


# An area's outline is large (a district's up to a megabyte of GeoJSON): pages naming a place's
# areas load their names only. Only places.geo and the area layers read outlines.
AREA_FIELDS = ("district", "ortsteil", "prognoseraum", "milieuschutz")
OUTLINES = tuple(f"{name}__geometry" for name in AREA_FIELDS)


def place_list(*, fetched_by, filters: PlaceFilter | None = None) -> QuerySet:
    """The places ``fetched_by`` may see, filtered, with their areas and uses in the same few queries."""
    filters = filters or PlaceFilter()
    places = Place.objects.visible_to(fetched_by).select_related(*AREA_FIELDS).defer(*OUTLINES)
    if filters.kind:
        places = places.filter(kind=filters.kind)
    if filters.status:
        places = places.filter(status=filters.status)
    if filters.use:
        places = places.filter(uses__use=filters.use)
    if filters.criterion:
        places = places.filter(assessments__criterion_id=filters.criterion, assessments__rating=Rating.MET)
    if filters.district:
        places = places.filter(district_id=filters.district)
    if filters.ortsteil:
        places = places.filter(ortsteil_id=filters.ortsteil)
    if filters.milieuschutz:
        places = places.filter(milieuschutz_id=filters.milieuschutz)
    if filters.text:
        places = places.filter(Q(name__icontains=filters.text) | Q(address__icontains=filters.text))
    return (
        places.prefetch_related("uses")
        .annotate(criteria_met=Count("assessments", filter=Q(assessments__rating=Rating.MET), distinct=True))
        .order_by("name", "pk")
    )


def place_get(*, pk: int, fetched_by) -> Place:
    """A place with its areas, uses, actors the reader may see, history and assessments; 404 if hidden."""
    places = (
        Place.objects.select_related(*AREA_FIELDS, "created_by")
        .defer(*OUTLINES)
        .prefetch_related(
            "uses",
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("by").order_by("-on_date", "-pk")),
            Prefetch("assessments", queryset=Assessment.objects.select_related("criterion")),
            Prefetch(
                "actors",
                queryset=PlaceActor.objects.filter(
                    Q(organisation__in=Organisation.objects.visible_to(fetched_by))
                    | Q(person__in=Person.objects.visible_to(fetched_by))
                ).select_related("organisation", "person"),
                to_attr="visible_actors",
            ),
        )
    )
    return get_visible_or_404(places, fetched_by, pk=pk)


def filter_areas() -> dict[str, list[Area]]:
    """The areas to filter by: Friedrichshain-Kreuzberg's first, as the AKS works there, then the rest."""
    areas = list(Area.objects.only("pk", "kind", "key", "name", "district_name").order_by("kind", "name"))
    return {
        "districts": [area for area in areas if area.kind == "bezirk"],
        "ortsteile": [area for area in areas if area.kind == "ortsteil"],
        "milieuschutz": [area for area in areas if area.kind == "milieuschutz"],
    }


def active_criteria() -> list[Criterion]:
    return list(Criterion.objects.filter(is_active=True).order_by("position", "pk"))
