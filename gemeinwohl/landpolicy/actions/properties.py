"""Properties (Grundstücke): recorded and changed by those who work land policy; their areas follow the position."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.visibility import Visibility, clearance_for
from gemeinwohl.landpolicy.models import OwnerType, Property, PropertyUse
from gemeinwohl.places import geo
from gemeinwohl.places.actions import check_position
from gemeinwohl.places.models import Place

TEXT_MAX = 10_000


@dataclass(frozen=True)
class PropertyInput:
    address: str
    gemarkung: str = ""
    flur: str = ""
    flurstueck: str = ""
    owner_type: str = OwnerType.UNKNOWN
    size_m2: int | None = None
    use: str = PropertyUse.RESIDENTIAL
    use_note: str = ""
    place: Place | None = None
    latitude: float | None = None
    longitude: float | None = None
    note: str = ""
    visibility: int = Visibility.TEAM


FIELDS = list(PropertyInput.__dataclass_fields__)


def _check(data: PropertyInput, *, by, plot: Property | None) -> None:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not data.address.strip():
        add("address", _("Bitte geben Sie die Adresse des Grundstücks an."))
    try:
        check_position(data.latitude, data.longitude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if data.size_m2 is not None and data.size_m2 < 0:
        add("size_m2", _("Die Größe kann nicht negativ sein."))
    if data.owner_type not in OwnerType.values:
        add("owner_type", _("Bitte wählen Sie eine der angebotenen Eigentumsarten."))
    if data.use not in PropertyUse.values:
        add("use", _("Bitte wählen Sie eine der angebotenen Nutzungen."))
    if data.visibility not in Visibility.values or data.visibility > clearance_for(by):
        add("visibility", _("Diese Sichtbarkeit können Sie nicht wählen."))
    keeps_place = plot is not None and data.place is not None and data.place.pk == plot.place_id
    if (
        data.place is not None
        and not keeps_place
        and not Place.objects.visible_to(by).filter(pk=data.place.pk).exists()
    ):
        add("place", _("Bitte wählen Sie einen der angebotenen Orte."))
    if len(data.note) > TEXT_MAX:
        add("note", _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX})
    parcel = (data.gemarkung.strip(), data.flur.strip(), data.flurstueck.strip())
    if parcel[2]:
        same_parcel = Property.objects.filter(gemarkung=parcel[0], flur=parcel[1], flurstueck=parcel[2])
        if plot is not None:
            same_parcel = same_parcel.exclude(pk=plot.pk)
        if same_parcel.exists():
            add("flurstueck", _("Dieses Flurstück ist schon als Grundstück erfasst."))
    if errors:
        raise ValidationError(errors)


def _apply(plot: Property, data: PropertyInput) -> bool:
    """Copy the input onto ``plot``; True if its position changed."""
    before = (plot.latitude, plot.longitude)
    for name in FIELDS:
        value = getattr(data, name)
        setattr(plot, name, value.strip() if isinstance(value, str) else value)
    if not plot.has_position and data.place is not None and data.place.has_position:
        # Without a position of its own, the property lies where its place lies.
        plot.latitude, plot.longitude = data.place.latitude, data.place.longitude
    return before != (plot.latitude, plot.longitude)


@transaction.atomic
def property_create(*, data: PropertyInput, by) -> Property:
    """A new property with its areas (district, Ortsteil, Prognoseraum, Milieuschutz) from its position."""
    require_perm(by, "landpolicy.add_property")
    _check(data, by=by, plot=None)
    plot = Property(created_by=by)
    _apply(plot, data)
    geo.apply_areas(plot)
    plot.areas_computed_at = timezone.now()
    plot.full_clean()
    plot.save()
    return plot


@transaction.atomic
def property_update(*, plot: Property, data: PropertyInput, by) -> Property:
    """Change a property; a new position brings new areas at once."""
    require_perm(by, "landpolicy.change_property", plot)
    _check(data, by=by, plot=plot)
    if _apply(plot, data):
        geo.apply_areas(plot)
        plot.areas_computed_at = timezone.now()
    plot.full_clean()
    plot.save()
    return plot
