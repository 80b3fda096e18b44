from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import VisibilityField, visibility_constraint


class DocumentationItem(TimeStampedModel):
    """What photos and files of an event's documentation share: the stored file and who may see it."""

    file_name = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveBigIntegerField(_("Größe in Bytes"))
    sha256 = models.CharField(_("Prüfsumme"), max_length=64)
    # Never looser than the event's own level (checked by the actions).
    visibility = VisibilityField()
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class EventPhoto(DocumentationItem):
    """A photo from the event, with the text that describes it to people who cannot see it."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("Foto"), upload_to="veranstaltungen/fotos/%Y/%m/", max_length=300)
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=300,
        help_text=_("Was auf dem Foto zu sehen ist, für Menschen, die es nicht sehen können."),
    )
    caption = models.CharField(_("Bildunterschrift"), max_length=300, blank=True)
    credit = models.CharField(_("Foto von"), max_length=150, blank=True)

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("Foto")
        verbose_name_plural = _("Fotos")
        constraints = [visibility_constraint("events_eventphoto")]

    def __str__(self):
        return self.alt_text

    def get_absolute_url(self):
        return reverse("events:photo", kwargs={"pk": self.event_id, "photo": self.pk})


class EventFile(DocumentationItem):
    """A file of the documentation: slides, a summary, a graphic record."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("Datei"), upload_to="veranstaltungen/dateien/%Y/%m/", max_length=300)
    title = models.CharField(_("Titel"), max_length=200)

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("Datei")
        verbose_name_plural = _("Dateien")
        constraints = [visibility_constraint("events_eventfile")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:file", kwargs={"pk": self.event_id, "file": self.pk})
