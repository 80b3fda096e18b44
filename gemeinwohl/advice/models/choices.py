"""The fixed vocabularies of advice: topics, states, kinds of activity, outcomes of referrals."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    SPACE = "raum", _("Raumsuche und Raumsicherung")
    SALE = "verkauf", _("Verkauf des Hauses / Vorkaufsrecht")
    LEGAL_FORM = "rechtsform", _("Rechtsform und Gründung")
    FUNDING = "finanzierung", _("Finanzierung und Förderung")
    LEASEHOLD = "erbbaurecht", _("Erbbaurecht")
    CONCEPT_TENDER = "konzeptverfahren", _("Konzeptverfahren")
    PARTICIPATION = "beteiligung", _("Beteiligung und Vernetzung")
    OTHER = "sonstiges", _("Sonstiges")


class State(models.TextChoices):
    NEW = "neu", pgettext_lazy("Beratungsfall", "neu")
    CLARIFYING = "in_klaerung", pgettext_lazy("Beratungsfall", "in Klärung")
    ADVISING = "in_beratung", pgettext_lazy("Beratungsfall", "in Beratung")
    REFERRED = "weitervermittelt", pgettext_lazy("Beratungsfall", "weitervermittelt")
    CLOSED = "abgeschlossen", pgettext_lazy("Beratungsfall", "abgeschlossen")
    DECLINED = "abgelehnt", pgettext_lazy("Beratungsfall", "abgelehnt")


# A case in one of these states is finished: it leaves the work lists and,
# after the retention period, is anonymised.
FINISHED_STATES = (State.CLOSED, State.DECLINED)

# What the requester reads on the status page about each state.
STATE_EXPLANATION = {
    State.NEW: _("Ihre Anfrage ist bei uns eingegangen. Wir melden uns bald bei Ihnen."),
    State.CLARIFYING: _("Wir klären gerade, wie wir Sie am besten unterstützen können."),
    State.ADVISING: _("Wir beraten Sie. Ihre Ansprechperson meldet sich bei den nächsten Schritten."),
    State.REFERRED: _("Wir haben Ihre Anfrage an eine Stelle weitervermittelt, die besser helfen kann."),
    State.CLOSED: _("Die Beratung ist abgeschlossen."),
    State.DECLINED: _("Wir können diese Anfrage leider nicht übernehmen."),
}


class ActivityKind(models.TextChoices):
    CALL = "anruf", _("Telefonat")
    MEETING = "treffen", _("Gespräch/Treffen")
    EMAIL = "email", _("E-Mail")
    SITE_VISIT = "ortstermin", _("Ortstermin")
    TASK = "aufgabe", _("Aufgabe")


# Activities that are contact with the requester: the first one done is the first response.
CONTACT_KINDS = (ActivityKind.CALL, ActivityKind.MEETING, ActivityKind.EMAIL, ActivityKind.SITE_VISIT)


class StepAnchor(models.TextChoices):
    RECEIVED = "eingang", _("nach Eingang der Anfrage")
    PREVIOUS = "vorheriger", _("nach Erledigung des vorherigen Schritts")


class ReferralOutcome(models.TextChoices):
    OPEN = "offen", _("offen")
    ACCEPTED = "angenommen", _("angenommen")
    HELPED = "geholfen", _("hat geholfen")
    DECLINED = "abgelehnt", _("abgelehnt")
    NO_RESULT = "ohne_ergebnis", _("ohne Ergebnis")
