from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel

DEFAULT_RETENTION_DAYS = 3 * 365


class RetentionPolicy(TimeStampedModel):
    """How long finished cases keep the requester's data (one row, set by an administrator)."""

    anonymise_after_days = models.PositiveIntegerField(
        _("anonymisieren nach (Tagen)"),
        default=DEFAULT_RETENTION_DAYS,
        help_text=_("Abgeschlossene und abgelehnte Fälle werden so viele Tage nach dem Abschluss anonymisiert."),
    )

    class Meta:
        verbose_name = _("Aufbewahrungsfrist")
        verbose_name_plural = _("Aufbewahrungsfrist")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="advice_retention_single_row"),
            models.CheckConstraint(condition=Q(anonymise_after_days__gte=30), name="advice_retention_at_least_30"),
        ]

    def __str__(self):
        return str(_("Aufbewahrungsfrist"))

    @classmethod
    def current(cls) -> "RetentionPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class ReminderLog(models.Model):
    """That a person's daily reminder for a day has gone out, so a second run sends nothing twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="advice_one_reminder_per_day")]

    def __str__(self):
        return f"{self.user} {self.day}"
