from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(TimeStampedModel):
    """A personal key for the JSON API, named by its holder.

    Only a SHA-256 hash of the secret is stored: the secret is shown once,
    when the key is made, and cannot be recovered. ``prefix`` (the first
    characters of the secret) lets the holder tell their keys apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Konto"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("Bezeichnung"), max_length=100)
    prefix = models.CharField(_("Anfang des Schlüssels"), max_length=16)
    key_hash = models.CharField(_("Prüfsumme des Schlüssels"), max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("zuletzt benutzt am"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API-Schlüssel")
        verbose_name_plural = _("API-Schlüssel")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
