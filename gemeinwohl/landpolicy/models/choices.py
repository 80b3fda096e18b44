from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinwohl.places.models.choices import OwnerType  # noqa: F401 - the same vocabulary as for places


class PropertyUse(models.TextChoices):
    RESIDENTIAL = "wohnen", _("Wohnen")
    MIXED = "gemischt", _("Wohnen und Gewerbe")
    COMMERCIAL = "gewerbe", _("Gewerbe")
    COMMUNITY = "gemeinbedarf", _("Gemeinbedarf, soziale Infrastruktur")
    VACANT = "unbebaut", _("unbebaut")
    OTHER = "sonstiges", _("sonstige Nutzung")


class LegalGround(models.TextChoices):
    """The grounds of §§ 24, 25 BauGB on which a district may claim a right of pre-emption."""

    PUBLIC_PURPOSE = "24-1-1", _("§ 24 Abs. 1 Satz 1 Nr. 1 BauGB – Flächen für öffentliche Zwecke im Bebauungsplan")
    REPLOTTING = "24-1-2", _("§ 24 Abs. 1 Satz 1 Nr. 2 BauGB – Umlegungsgebiet")
    REDEVELOPMENT = "24-1-3", _("§ 24 Abs. 1 Satz 1 Nr. 3 BauGB – Sanierungsgebiet, Entwicklungsbereich")
    PRESERVATION = "24-1-4", _("§ 24 Abs. 1 Satz 1 Nr. 4 BauGB – Gebiet einer Erhaltungsverordnung (Milieuschutz)")
    LAND_USE_PLAN = "24-1-5", _("§ 24 Abs. 1 Satz 1 Nr. 5 BauGB – unbebaute Wohnbauflächen im Flächennutzungsplan")
    UNBUILT = "24-1-6", _("§ 24 Abs. 1 Satz 1 Nr. 6 BauGB – unbebaute Grundstücke für Wohnnutzung")
    FLOOD = "24-1-7", _("§ 24 Abs. 1 Satz 1 Nr. 7 BauGB – Hochwasserschutz")
    DERELICT = "24-1-8", _("§ 24 Abs. 1 Satz 1 Nr. 8 BauGB – städtebauliche Missstände (Schrottimmobilien)")
    BYLAW = "25-1-1", _("§ 25 Abs. 1 Satz 1 Nr. 1 BauGB – besondere Vorkaufsrechtssatzung")
    MEASURES = "25-1-2", _("§ 25 Abs. 1 Satz 1 Nr. 2 BauGB – Gebiet für städtebauliche Maßnahmen")
    TIGHT_MARKET = "25-1-3", _("§ 25 Abs. 1 Satz 1 Nr. 3 BauGB – unbebaute Grundstücke, angespannter Wohnungsmarkt")


# Grounds that only hold where the property lies in a social preservation (Milieuschutz) area.
GROUNDS_IN_PRESERVATION_AREA = frozenset({LegalGround.PRESERVATION})


class Outcome(models.TextChoices):
    OPEN = "offen", pgettext_lazy("Vorkaufsfall", "offen")
    EXERCISED = "ausgeuebt", _("Vorkaufsrecht ausgeübt")
    WAIVED = "verzichtet", _("Verzicht")
    AVERTED = "abgewendet", _("abgewendet (Abwendungsvereinbarung)")
    LAPSED = "erledigt", _("anderweitig erledigt")


class StepKind(models.TextChoices):
    REVIEW = "pruefung", _("Prüfung")
    HEARING = "anhoerung", _("Anhörung")
    NEGOTIATION = "verhandlung", _("Verhandlung über eine Abwendungsvereinbarung")
    EXTENSION = "verlaengerung", _("Fristverlängerung auf Antrag des Käufers (§ 27 Abs. 1 Satz 3 BauGB)")
    EXERCISE = "ausuebung", _("Ausübung des Vorkaufsrechts")
    WAIVER = "verzicht", _("Verzicht auf das Vorkaufsrecht")
    AVERSION = "abwendung", _("Abwendung (Abwendungsvereinbarung unterzeichnet)")
    LAPSE = "erledigung", _("anderweitige Erledigung (z. B. Vertrag aufgehoben)")
    NOTE = "vermerk", _("Vermerk")


# A step of these kinds ends the case with the outcome it names.
CLOSING_STEPS = {
    StepKind.EXERCISE: Outcome.EXERCISED,
    StepKind.WAIVER: Outcome.WAIVED,
    StepKind.AVERSION: Outcome.AVERTED,
    StepKind.LAPSE: Outcome.LAPSED,
}


class TenderStatus(models.TextChoices):
    DRAFT = "entwurf", _("in Vorbereitung")
    OPEN = "offen", _("Bewerbung offen")
    SCORING = "bewertung", _("in Bewertung")
    DECIDED = "entschieden", _("entschieden")
