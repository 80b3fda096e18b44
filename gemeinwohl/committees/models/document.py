from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import VisibilityField, visibility_constraint


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from gemeinwohl.committees.visibility import content_q

        return self.filter(
            content_q(user, committee="meeting__committee"),
            content_q(user, committee="meeting__committee", level="meeting__visibility"),
            Q(agenda_item__isnull=True)
            | content_q(user, committee="meeting__committee", level="agenda_item__visibility"),
            meeting__deleted_at__isnull=True,
        )


class Document(TimeStampedModel):
    """A file attached to a meeting or one of its agenda items.

    Stored outside the web root; only the download view, after checking who
    asks, hands it out, always as an attachment.
    """

    meeting = models.ForeignKey(
        "committees.Meeting", verbose_name=_("Sitzung"), on_delete=models.PROTECT, related_name="documents"
    )
    agenda_item = models.ForeignKey(
        "committees.AgendaItem",
        verbose_name=_("Tagesordnungspunkt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to="gremien/%Y/%m/", max_length=300)
    file_name = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveBigIntegerField(_("Größe in Bytes"))
    sha256 = models.CharField(_("Prüfsumme"), max_length=64)
    visibility = VisibilityField()
    uploaded_by = models.ForeignKey(
        "accounts.User", verbose_name=_("hochgeladen von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "agenda_item__position", "title", "pk"]
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        constraints = [visibility_constraint("committees_document")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("committees:document_download", kwargs={"pk": self.pk})
