from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel

DEFAULT_RETENTION_MONTHS = 6


class EventRetentionPolicy(TimeStampedModel):
    """How long registrants' details are kept after an event (one row, set by an administrator)."""

    anonymise_after_months = models.PositiveSmallIntegerField(
        _("anonymisieren nach (Monaten)"),
        default=DEFAULT_RETENTION_MONTHS,
        help_text=_(
            "So viele Monate nach dem Ende einer Veranstaltung werden Namen, Adressen und Antworten "
            "der Angemeldeten gelöscht; die Zahlen bleiben."
        ),
    )

    class Meta:
        verbose_name = _("Aufbewahrungsfrist für Anmeldungen")
        verbose_name_plural = _("Aufbewahrungsfrist für Anmeldungen")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="events_retention_single_row"),
            models.CheckConstraint(condition=Q(anonymise_after_months__gte=1), name="events_retention_at_least_1"),
        ]

    def __str__(self):
        return str(_("Aufbewahrungsfrist für Anmeldungen"))

    @classmethod
    def current(cls) -> "EventRetentionPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy
