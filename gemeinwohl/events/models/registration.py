from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.directory.models import Sector
from gemeinwohl.events.models.choices import ACTIVE_STATUSES, RegistrationStatus


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlisted_at", "pk")

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Registration(TimeStampedModel):
    """One person's registration for an event: a place, a place on the waitlist, or cancelled.

    Registrations are the team's business only. A while after the event the
    person's details are removed (``anonymised_at``); status, sector and
    attendance stay for the figures.
    """

    event = models.ForeignKey("events.Event", on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(
        _("Stand"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    name = models.CharField(_("Name"), max_length=150)
    # Stored in lower case, so that one address registers once.
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    sector = models.CharField(_("Bereich"), max_length=24, choices=Sector.choices, blank=True)
    accessibility_needs = models.TextField(_("Bedarfe für die Teilnahme"), blank=True)
    photo_consent = models.BooleanField(_("einverstanden mit Fotos"), default=False)
    language = models.CharField(_("Sprache"), max_length=5, default="de")
    walk_in = models.BooleanField(_("vor Ort dazugekommen"), default=False)

    waitlisted_at = models.DateTimeField(_("auf die Warteliste am"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("Platz erhalten am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    # None: not (yet) recorded.
    attended = models.BooleanField(_("anwesend"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("eingecheckt um"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("erinnert am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=ACTIVE_STATUSES) & ~Q(email=""),
                name="events_registration_one_active_per_email",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="events_registration_known_status"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="events_reg_event_status")]

    def __str__(self):
        return self.name or str(_("anonymisiert"))


class RegistrationAnswer(models.Model):
    """The answer to one of the event's own questions."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("events.RegistrationQuestion", on_delete=models.CASCADE, related_name="answers")
    value = models.TextField(_("Antwort"), blank=True)

    class Meta:
        ordering = ["registration", "question__position", "question_id"]
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        constraints = [
            models.UniqueConstraint(fields=["registration", "question"], name="events_answer_once_per_question")
        ]

    def __str__(self):
        return self.value
