from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import Visibility, VisibilityField, VisibleQuerySet, visibility_constraint
from gemeinwohl.landpolicy.models.choices import OwnerType, PropertyUse


def _area(verbose_name):
    return models.ForeignKey(
        "places.Area", verbose_name=verbose_name, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class Property(TimeStampedModel):
    """A plot of land (Grundstück): where it lies in the cadastre and in Berlin's areas, who owns it, what it is used for."""

    address = models.CharField(_("Adresse"), max_length=200)
    # The cadastral parcel: Gemarkung, Flur, Flurstück (e.g. "Friedrichshain", "3", "121/4").
    gemarkung = models.CharField(_("Gemarkung"), max_length=100, blank=True)
    flur = models.CharField(_("Flur"), max_length=20, blank=True)
    flurstueck = models.CharField(_("Flurstück"), max_length=40, blank=True)
    owner_type = models.CharField(_("Eigentum"), max_length=16, choices=OwnerType.choices, default=OwnerType.UNKNOWN)
    size_m2 = models.PositiveIntegerField(_("Größe (m²)"), null=True, blank=True)
    use = models.CharField(_("Nutzung"), max_length=16, choices=PropertyUse.choices, default=PropertyUse.RESIDENTIAL)
    use_note = models.CharField(_("zur Nutzung"), max_length=300, blank=True)
    place = models.ForeignKey(
        "places.Place",
        verbose_name=_("Ort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="properties",
        help_text=_("Das Projekt oder der Raum auf der Karte, zu dem das Grundstück gehört."),
    )
    latitude = models.FloatField(_("Breitengrad"), null=True, blank=True)
    longitude = models.FloatField(_("Längengrad"), null=True, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)
    visibility = VisibilityField(default=Visibility.TEAM)

    # Computed from the position (places.geo), as for places.
    district = _area(_("Bezirk"))
    ortsteil = _area(_("Ortsteil"))
    prognoseraum = _area(_("LOR-Prognoseraum"))
    milieuschutz = _area(_("Soziales Erhaltungsgebiet"))
    outside_berlin = models.BooleanField(_("außerhalb Berlins"), default=False)
    areas_computed_at = models.DateTimeField(_("Gebiete bestimmt am"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["address", "pk"]
        verbose_name = _("Grundstück")
        verbose_name_plural = _("Grundstücke")
        constraints = [
            visibility_constraint("landpolicy_property"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="landpolicy_property_position_valid",
            ),
            # One parcel is one property.
            models.UniqueConstraint(
                fields=["gemarkung", "flur", "flurstueck"],
                condition=~Q(flurstueck=""),
                name="landpolicy_property_parcel_once",
            ),
        ]

    def __str__(self):
        return self.address

    def get_absolute_url(self):
        return reverse("landpolicy:property_detail", kwargs={"pk": self.pk})

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def parcel(self) -> str:
        """ "Gemarkung Friedrichshain, Flur 3, Flurstück 121/4", as far as it is known."""
        parts = []
        if self.gemarkung:
            parts.append(_("Gemarkung %(name)s") % {"name": self.gemarkung})
        if self.flur:
            parts.append(_("Flur %(number)s") % {"number": self.flur})
        if self.flurstueck:
            parts.append(_("Flurstück %(number)s") % {"number": self.flurstueck})
        return ", ".join(str(part) for part in parts)
