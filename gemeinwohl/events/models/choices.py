from django.db import models
from django.utils.translation import gettext_lazy as _


class Ask(models.TextChoices):
    """Whether the registration form asks for one of the standard details."""

    NO = "nein", _("nicht fragen")
    OPTIONAL = "optional", _("freiwillig")
    REQUIRED = "pflicht", _("Pflichtangabe")


class Provision(models.TextChoices):
    """An accessibility feature of the venue or the event."""

    UNKNOWN = "unbekannt", _("keine Angabe")
    YES = "ja", _("ja")
    ON_REQUEST = "auf_anfrage", _("auf Anfrage")
    NO = "nein", _("nein")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "angemeldet", _("angemeldet")
    WAITLISTED = "warteliste", _("auf der Warteliste")
    CANCELLED = "abgemeldet", _("abgemeldet")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    YES_NO = "ja_nein", _("Ja/Nein")
    CHOICE = "auswahl", _("Auswahl")


# Holding a place or waiting for one; a cancelled registration frees the address for a new one.
ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
