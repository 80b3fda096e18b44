from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gemeinwohl.committees.visibility import content_q
from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import Visibility, VisibilityField, clearance_for, visibility_constraint
from gemeinwohl.events.models.choices import Ask, Provision, QuestionKind


class EventFormat(TimeStampedModel):
    """A kind of event the AKS has developed, such as Werkstattgespräch or Kiezspaziergang."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    name_en = models.CharField(_("Name (Englisch)"), max_length=100, blank=True)
    slug = models.SlugField(_("Kürzel"), unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_active = models.BooleanField(
        _("für neue Veranstaltungen wählbar"),
        default=True,
        help_text=_("Formate, die nicht mehr angeboten werden, bleiben an ihren Veranstaltungen stehen."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Format")
        verbose_name_plural = _("Formate")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Events ``user`` may see: by the event's level, read within its committee where it belongs to one."""
        alone = Q(committee__isnull=True, visibility__lte=clearance_for(user))
        in_committee = Q(committee__isnull=False) & content_q(user)
        return self.filter(alone | in_committee)

    def upcoming(self, now=None):
        """Events not yet over."""
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())


class Event(TimeStampedModel):
    """An event or workshop: when and where, for whom, and how people register."""

    title = models.CharField(_("Titel"), max_length=200)
    event_format = models.ForeignKey(
        EventFormat, verbose_name=_("Format"), on_delete=models.PROTECT, related_name="events"
    )
    summary = models.CharField(
        _("Kurzbeschreibung"), max_length=300, blank=True, help_text=_("Ein bis zwei Sätze für den Kalender.")
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))

    # Where: a venue, an online link, or both.
    venue_name = models.CharField(_("Ort"), max_length=200, blank=True)
    address = models.CharField(_("Adresse"), max_length=200, blank=True)
    online_url = models.URLField(_("Online-Link"), blank=True, max_length=500)
    step_free = models.CharField(
        _("stufenloser Zugang"), max_length=12, choices=Provision.choices, default=Provision.UNKNOWN
    )
    accessible_toilet = models.CharField(
        _("barrierefreies WC"), max_length=12, choices=Provision.choices, default=Provision.UNKNOWN
    )
    sign_language = models.CharField(
        _("Gebärdensprachdolmetschung"), max_length=12, choices=Provision.choices, default=Provision.UNKNOWN
    )
    childcare = models.CharField(
        _("Kinderbetreuung"), max_length=12, choices=Provision.choices, default=Provision.UNKNOWN
    )
    accessibility_note = models.TextField(_("weitere Hinweise zur Barrierefreiheit"), blank=True)

    # Who organises it and who sees it.
    organiser = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("Veranstalter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    co_organisers = models.ManyToManyField(
        "directory.Organisation", verbose_name=_("Mitveranstalter"), blank=True, related_name="co_organised_events"
    )
    committee = models.ForeignKey(
        "committees.Committee",
        verbose_name=_("Gremium oder Netzwerk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Nur für Veranstaltungen eines Gremiums, etwa ein Netzwerktreffen für dessen Mitglieder."),
    )
    visibility = VisibilityField(default=Visibility.PUBLIC)

    # Registration.
    registration_enabled = models.BooleanField(_("Anmeldung über die Plattform"), default=True)
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer lassen, wenn die Zahl der Plätze nicht begrenzt ist.")
    )
    waitlist_enabled = models.BooleanField(_("Warteliste, wenn alle Plätze vergeben sind"), default=True)
    registration_opens_at = models.DateTimeField(
        _("Anmeldung ab"), null=True, blank=True, help_text=_("Leer: ab sofort.")
    )
    registration_closes_at = models.DateTimeField(
        _("Anmeldung bis"), null=True, blank=True, help_text=_("Leer: bis zum Beginn.")
    )
    ask_organisation = models.CharField(
        _("Frage nach der Organisation"), max_length=10, choices=Ask.choices, default=Ask.OPTIONAL
    )
    ask_sector = models.CharField(_("Frage nach dem Bereich"), max_length=10, choices=Ask.choices, default=Ask.OPTIONAL)
    ask_accessibility = models.CharField(
        _("Frage nach Bedarfen für die Teilnahme"), max_length=10, choices=Ask.choices, default=Ask.OPTIONAL
    )

    # Afterwards.
    is_cancelled = models.BooleanField(_("abgesagt"), default=False)
    attendance_closed_at = models.DateTimeField(
        _("Anwesenheit abgeschlossen am"),
        null=True,
        blank=True,
        help_text=_("Ab dann zählen Angemeldete, die nicht als anwesend erfasst sind, als nicht erschienen."),
    )
    report = models.TextField(_("Dokumentation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        constraints = [
            visibility_constraint("events_event"),
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="events_event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="events_event_registration_window_ordered",
            ),
        ]
        indexes = [models.Index(fields=["visibility", "start"], name="events_event_vis_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", kwargs={"pk": self.pk})

    @property
    def registration_closes(self):
        """When registration ends: the time set, or the start of the event."""
        return self.registration_closes_at or self.start

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.registration_enabled or self.is_cancelled:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return now < self.registration_closes

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def location_text(self) -> str:
        return ", ".join(part for part in (self.venue_name, self.address) if part)


class RegistrationQuestion(TimeStampedModel):
    """A question the registration form asks besides the standard details."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    label = models.CharField(_("Frage"), max_length=300)
    kind = models.CharField(
        _("Art der Antwort"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    options = models.TextField(_("Antwortmöglichkeiten"), blank=True, help_text=_("Bei Auswahl: eine je Zeile."))
    required = models.BooleanField(_("Pflichtfrage"), default=False)

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("Anmeldefrage")
        verbose_name_plural = _("Anmeldefragen")

    def __str__(self):
        return self.label

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]
