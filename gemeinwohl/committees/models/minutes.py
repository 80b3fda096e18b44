from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel


class MinutesState(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    APPROVED = "genehmigt", _("genehmigt")


class Minutes(TimeStampedModel):
    """The minutes (Protokoll) of one meeting: drafted, then approved and read-only."""

    meeting = models.OneToOneField(
        "committees.Meeting", verbose_name=_("Sitzung"), on_delete=models.PROTECT, related_name="minutes"
    )
    state = models.CharField(_("Stand"), max_length=20, choices=MinutesState.choices, default=MinutesState.DRAFT)
    approved_at = models.DateTimeField(_("genehmigt am"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("genehmigt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting"]
        verbose_name = _("Protokoll")
        verbose_name_plural = _("Protokolle")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=MinutesState.values), name="committees_minutes_state_known"
            ),
            models.CheckConstraint(
                condition=models.Q(state="entwurf") | models.Q(approved_at__isnull=False),
                name="committees_minutes_approved_has_date",
            ),
        ]

    def __str__(self):
        return str(_("Protokoll: %(meeting)s") % {"meeting": self.meeting})

    @property
    def is_approved(self) -> bool:
        return self.state == MinutesState.APPROVED


class MinutesEntry(TimeStampedModel):
    """What the minutes say about one agenda item; as visible as the item.

    ``version`` rises with every saved change; a save that started from an
    older version is a conflict, never a silent overwrite.
    """

    minutes = models.ForeignKey(
        "committees.Minutes", verbose_name=_("Protokoll"), on_delete=models.PROTECT, related_name="entries"
    )
    agenda_item = models.OneToOneField(
        "committees.AgendaItem",
        verbose_name=_("Tagesordnungspunkt"),
        on_delete=models.PROTECT,
        related_name="minutes_entry",
    )
    text = models.TextField(_("Protokolltext"), blank=True)
    version = models.PositiveIntegerField(_("Fassung"), default=0)
    updated_by = models.ForeignKey(
        "accounts.User", verbose_name=_("zuletzt geändert von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agenda_item__position", "pk"]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")

    def __str__(self):
        return str(self.agenda_item)


class MinutesRevision(models.Model):
    """One saved version of a minutes entry: who wrote what, when; corrections after approval say why."""

    entry = models.ForeignKey(
        "committees.MinutesEntry",
        verbose_name=_("Protokolleintrag"),
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    version = models.PositiveIntegerField(_("Fassung"))
    text = models.TextField(_("Protokolltext"), blank=True)
    author = models.ForeignKey(
        "accounts.User", verbose_name=_("geändert von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_correction = models.BooleanField(_("Korrektur nach Genehmigung"), default=False)
    reason = models.CharField(_("Grund der Korrektur"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("geändert am"), auto_now_add=True)

    class Meta:
        ordering = ["entry", "version"]
        verbose_name = _("Fassung eines Protokolleintrags")
        verbose_name_plural = _("Fassungen von Protokolleinträgen")
        constraints = [
            models.UniqueConstraint(fields=["entry", "version"], name="committees_minutesrevision_unique_version"),
            models.CheckConstraint(
                condition=models.Q(is_correction=False) | ~models.Q(reason=""),
                name="committees_minutesrevision_correction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.entry} ({self.version})"
