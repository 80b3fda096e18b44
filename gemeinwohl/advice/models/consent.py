from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel


class ConsentTextQuerySet(models.QuerySet):
    def current(self):
        """The version the public form shows now: the newest one."""
        return self.order_by("-created_at", "-pk").first()


class ConsentText(TimeStampedModel):
    """One version of the consent to data processing shown on the request form; never changed, only replaced."""

    version = models.CharField(_("Version"), max_length=40, unique=True)
    text = models.TextField(_("Text"))
    text_en = models.TextField(_("Text (Englisch)"), blank=True)

    objects = ConsentTextQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Einwilligungstext")
        verbose_name_plural = _("Einwilligungstexte")

    def __str__(self):
        return self.version
