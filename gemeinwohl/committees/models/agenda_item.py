from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import VisibilityField, visibility_constraint


class AgendaItemKind(models.TextChoices):
    INFORMATION = "information", _("Information")
    DISCUSSION = "beratung", _("Beratung")
    DECISION = "beschluss", _("Beschluss")


class AgendaItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        from gemeinwohl.committees.visibility import content_q

        return self.filter(
            content_q(user, committee="meeting__committee"),
            content_q(user, committee="meeting__committee", level="meeting__visibility"),
            deleted_at__isnull=True,
            meeting__deleted_at__isnull=True,
        )


class AgendaItem(TimeStampedModel):
    """A point of a meeting's agenda (Tagesordnungspunkt), at least as strict as its meeting."""

    meeting = models.ForeignKey(
        "committees.Meeting", verbose_name=_("Sitzung"), on_delete=models.PROTECT, related_name="agenda_items"
    )
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=300)
    description = models.TextField(_("Erläuterung"), blank=True)
    kind = models.CharField(_("Art"), max_length=20, choices=AgendaItemKind.choices, default=AgendaItemKind.DISCUSSION)
    presenter = models.CharField(_("Berichterstattung"), max_length=200, blank=True)
    visibility = VisibilityField()
    deleted_at = models.DateTimeField(_("gelöscht am"), null=True, blank=True, editable=False)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("Tagesordnungspunkt")
        verbose_name_plural = _("Tagesordnungspunkte")
        constraints = [
            visibility_constraint("committees_agendaitem"),
            models.CheckConstraint(
                condition=models.Q(kind__in=AgendaItemKind.values), name="committees_agendaitem_kind_known"
            ),
        ]

    def __str__(self):
        return self.title
