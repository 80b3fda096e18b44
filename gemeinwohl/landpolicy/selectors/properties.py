"""Reading properties (Grundstücke), scoped by the reader.

Every surface takes its properties from ``Property.objects.visible_to(reader)``;
a hidden property answers 404 like a missing one. The records on a property
(contracts, tenders, pre-emption cases) come each through their own scoping
and only where the reader holds the permission to see that kind of record.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.landpolicy.models import GroundLease, PreEmptionCase, Property, Tender
from gemeinwohl.landpolicy.selectors.leases import lease_list
from gemeinwohl.places.models import Area, AreaKind, Place

# An area's outline is large: pages naming a property's areas load their names only.
AREA_FIELDS = ("district", "ortsteil", "prognoseraum", "milieuschutz")
OUTLINES = tuple(f"{name}__geometry" for name in AREA_FIELDS)


def _with_place_visibility(plots: QuerySet, fetched_by) -> QuerySet:
    """``place_visible``: whether the reader may see the property's place (a hidden place is never named)."""
    return plots.annotate(place_visible=Exists(Place.objects.visible_to(fetched_by).filter(pk=OuterRef("place_id"))))


@dataclass(frozen=True)
class PropertyFilter:
    """The filters of the list (empty: no restriction)."""

    text: str = ""
    ortsteil: int | None = None
    milieuschutz: int | None = None
    owner_type: str = ""


def property_list(*, fetched_by, filters: PropertyFilter | None = None) -> QuerySet:
    """The properties ``fetched_by`` may see, filtered, with their areas and place (``place_visible``) in one query."""
    filters = filters or PropertyFilter()
    plots = (
        Property.objects.visible_to(fetched_by)
        .select_related(*AREA_FIELDS, "place")
        .defer(*OUTLINES, "place__description", "place__negotiations")
    )
    if filters.text:
        plots = plots.filter(
            Q(address__icontains=filters.text)
            | Q(gemarkung__icontains=filters.text)
            | Q(flurstueck__icontains=filters.text)
            | Q(use_note__icontains=filters.text)
        )
    if filters.ortsteil:
        plots = plots.filter(ortsteil_id=filters.ortsteil)
    if filters.milieuschutz:
        plots = plots.filter(milieuschutz_id=filters.milieuschutz)
    if filters.owner_type:
        plots = plots.filter(owner_type=filters.owner_type)
    return _with_place_visibility(plots, fetched_by).order_by("address", "pk")


def property_get(*, pk, fetched_by) -> Property:
    """A property with its areas and place (``place_visible``); 404 if it is hidden from ``fetched_by`` or missing."""
    plots = _with_place_visibility(
        Property.objects.select_related(*AREA_FIELDS, "place", "created_by").defer(*OUTLINES), fetched_by
    )
    return get_visible_or_404(plots, fetched_by, pk=pk)


def property_choices(*, fetched_by) -> QuerySet:
    """The properties ``fetched_by`` may choose for a contract or a case, by address (one query)."""
    return Property.objects.visible_to(fetched_by).only("pk", "address", "visibility").order_by("address", "pk")


def filter_areas() -> dict[str, list[Area]]:
    """The Ortsteile and Milieuschutz areas to filter by, names and keys only (one query)."""
    areas = list(
        Area.objects.filter(kind__in=[AreaKind.ORTSTEIL, AreaKind.MILIEUSCHUTZ])
        .only("pk", "kind", "key", "name")
        .order_by("kind", "name")
    )
    return {
        "ortsteile": [area for area in areas if area.kind == AreaKind.ORTSTEIL],
        "milieuschutz": [area for area in areas if area.kind == AreaKind.MILIEUSCHUTZ],
    }


@dataclass(frozen=True)
class Related:
    """What the reader may see of the records on one property; ``None``: the reader may not see that kind."""

    leases: list[GroundLease] | None = None
    tenders: list[Tender] | None = None
    cases: list[PreEmptionCase] | None = field(default=None)


def property_related(*, plot: Property, fetched_by) -> Related:
    """The contracts, tenders and pre-emption cases on ``plot`` that ``fetched_by`` may see.

    Of a pre-emption case only its dates and outcome are loaded: seller, buyer
    and price never leave the case's own page.
    """
    user = fetched_by
    leases = tenders = cases = None
    if user.has_perm("landpolicy.view_groundlease"):
        leases = list(lease_list(fetched_by=user).filter(plot=plot))
    if user.has_perm("landpolicy.view_tender"):
        tenders = list(
            Tender.objects.visible_to(user)
            .filter(plot=plot)
            .only("pk", "title", "status", "bids_due_on", "plot_id")
            .order_by("-created_at", "pk")
        )
    if user.has_perm("landpolicy.view_preemptioncase"):
        cases = list(
            PreEmptionCase.objects.visible_to(user)
            .filter(plot=plot)
            .only("pk", "notified_on", "deadline", "outcome", "plot_id")
            .order_by("-notified_on", "pk")
        )
    return Related(leases=leases, tenders=tenders, cases=cases)
