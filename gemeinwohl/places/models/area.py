from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.places.models.choices import AreaKind


class Area(TimeStampedModel):
    """A Berlin area from the official geodata: district, Ortsteil, LOR Prognoseraum or Milieuschutz area.

    The outline is kept as GeoJSON (WGS84); look-ups run in ``places.geo``
    over an in-memory spatial index, so no spatial database is needed.
    """

    kind = models.CharField(_("Art"), max_length=16, choices=AreaKind.choices)
    key = models.CharField(_("Schlüssel"), max_length=20)
    name = models.CharField(_("Name"), max_length=150)
    district_name = models.CharField(_("Bezirk"), max_length=100, blank=True)
    in_force_since = models.DateField(_("in Kraft seit"), null=True, blank=True)
    regulation_url = models.URLField(_("Verordnung"), max_length=500, blank=True)
    geometry = models.JSONField(_("Umriss (GeoJSON)"))
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()

    class Meta:
        ordering = ["kind", "key"]
        verbose_name = _("Gebiet")
        verbose_name_plural = _("Gebiete")
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="places_area_unique_key"),
            models.CheckConstraint(condition=Q(kind__in=AreaKind.values), name="places_area_known_kind"),
        ]

    def __str__(self):
        return self.name
