from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel


class Entry(models.Model):
    """One object as the OParl interface knows it: whether it is published, and since when it looks as it does.

    The index is what OParl lists page through (keyset on ``object_id``) and
    filter on (``created``, ``modified``). An object that was public and no
    longer is (withdrawn, made stricter, deleted) keeps its row with
    ``public=False``: OParl reports it as deleted, as the specification asks
    for unpublished objects. Objects that were never public never get a row,
    so nothing about internal content leaks through the index.
    """

    kind = models.CharField(_("Objekttyp"), max_length=20)
    object_id = models.PositiveBigIntegerField(_("Objekt-ID"))
    public = models.BooleanField(_("veröffentlicht"))
    created = models.DateTimeField(_("angelegt"))
    modified = models.DateTimeField(_("geändert"))

    class Meta:
        verbose_name = _("OParl-Eintrag")
        verbose_name_plural = _("OParl-Einträge")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="oparl_entry_unique_object")]
        indexes = [models.Index(fields=["kind", "modified"])]

    def __str__(self):
        return f"{self.kind}/{self.object_id}"


class LegislativeTerm(TimeStampedModel):
    """A Wahlperiode of the district assembly (BVV), the time frame OParl clients group by."""

    name = models.CharField(_("Name"), max_length=120)
    start_date = models.DateField(_("Beginn"))
    end_date = models.DateField(_("Ende"), null=True, blank=True)

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("Wahlperiode")
        verbose_name_plural = _("Wahlperioden")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="oparl_legislativeterm_ends_after_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            )
        ]

    def __str__(self):
        return self.name
