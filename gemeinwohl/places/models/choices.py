from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    PROJECT = "projekt", _("Projekt")
    BUILDING = "raum", _("Raum/Gebäude")
    PLOT = "grundstueck", _("Grundstück")
    OPEN_SPACE = "freiflaeche", _("Freifläche")


class Use(models.TextChoices):
    HOUSING = "wohnen", _("Wohnen")
    COMMERCE = "gewerbe", _("Gewerbe")
    CULTURE = "kultur", _("Kultur")
    SOCIAL = "soziales", _("Soziales")
    EDUCATION = "bildung", _("Bildung")
    GREEN = "gruen", _("Grün")
    COMMUNITY = "gemeinschaft", _("Gemeinschaft")


class ActorRole(models.TextChoices):
    USERS = "nutzende", _("Nutzende")
    OWNER = "eigentuemer", _("Eigentümer")
    OPERATOR = "traeger", _("Träger")
    SUPPORTER = "unterstuetzer", _("Unterstützer")


class OwnerType(models.TextChoices):
    UNKNOWN = "unbekannt", _("unbekannt")
    STATE = "land", _("Land Berlin")
    DISTRICT = "bezirk", _("Bezirk")
    MUNICIPAL_HOUSING = "lwu", _("landeseigene Wohnungsbaugesellschaft")
    COOPERATIVE = "genossenschaft", _("Genossenschaft")
    FOUNDATION = "stiftung", _("Stiftung")
    SYNDICATE = "syndikat", _("Mietshäuser Syndikat")
    PRIVATE = "privat", _("privat")
    CHURCH = "kirche", _("Kirche")


class Status(models.TextChoices):
    IDEA = "idee", _("Idee")
    THREATENED = "bedroht", _("bedroht")
    NEGOTIATING = "verhandlung", _("in Verhandlung")
    SECURED = "gesichert", _("gesichert")
    DEVELOPING = "entwicklung", _("in Entwicklung")
    REALISED = "realisiert", _("realisiert")
    LOST = "verloren", _("verloren")


class Rating(models.TextChoices):
    MET = "erfuellt", _("erfüllt")
    PARTLY = "teilweise", _("teilweise erfüllt")
    NOT_MET = "nicht", _("nicht erfüllt")


class Review(models.TextChoices):
    """Where a place stands in the team's review: proposals from the public wait until accepted."""

    PROPOSED = "vorgeschlagen", _("vorgeschlagen, noch nicht geprüft")
    ACCEPTED = "aufgenommen", _("aufgenommen")
    REJECTED = "abgelehnt", _("abgelehnt")


class AreaKind(models.TextChoices):
    DISTRICT = "bezirk", _("Bezirk")
    ORTSTEIL = "ortsteil", _("Ortsteil")
    PROGNOSERAUM = "prognoseraum", _("LOR-Prognoseraum")
    MILIEUSCHUTZ = "milieuschutz", _("Soziales Erhaltungsgebiet (Milieuschutz)")
