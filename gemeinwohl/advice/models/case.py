from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.accounts.models import Role
from gemeinwohl.advice.models.choices import FINISHED_STATES, State, Topic
from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Sector

# What each role reads of a case it may open; Bezirksamt staff open only cases shared
# with them and read them as the administration they are (administration-internal notes too).
CASE_CLEARANCE = {
    Role.ADMIN: Visibility.INTERNAL,
    Role.TEAM_INTERNAL: Visibility.INTERNAL,
    Role.TEAM_EXTERNAL: Visibility.TEAM,
    Role.BEZIRKSAMT: Visibility.INTERNAL,
}
SEES_ALL_CASES = (Role.ADMIN, Role.TEAM_INTERNAL, Role.TEAM_EXTERNAL)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The cases ``user`` may open: all for the team, the shared ones for Bezirksamt staff, none otherwise."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in SEES_ALL_CASES:
            return self.all()
        if user.role == Role.BEZIRKSAMT:
            return self.filter(shares__user=user)
        return self.none()

    def open(self):
        return self.exclude(state__in=FINISHED_STATES)

    def by_urgency(self):
        """New and pressing first: a date to act by ascending (none last), then the oldest request."""
        return self.order_by(models.F("respond_by").asc(nulls_last=True), "received_at", "pk")


class Case(TimeStampedModel):
    """A request for advice from an initiative, and the team's work on it until it is done."""

    # Empty (NULL) only between the insert and the number derived from the row's key.
    reference = models.CharField(  # noqa: DJ001
        _("Aktenzeichen"), max_length=20, unique=True, null=True, editable=False
    )
    case_type = models.ForeignKey(
        "advice.CaseType", verbose_name=_("Falltyp"), on_delete=models.PROTECT, related_name="cases"
    )
    state = models.CharField(_("Stand"), max_length=20, choices=State.choices, default=State.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zuständig"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advice_cases",
    )

    # What the requester told us.
    group_name = models.CharField(_("Initiative oder Gruppe"), max_length=200)
    contact_name = models.CharField(_("Ansprechperson"), max_length=150)
    email = models.EmailField(_("E-Mail-Adresse"))
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    sector = models.CharField(_("Bereich"), max_length=24, choices=Sector.choices, default=Sector.CIVIL_SOCIETY)
    address = models.CharField(_("betroffene Adresse"), max_length=200, blank=True)
    sale_notified_on = models.DateField(_("Verkauf dem Bezirk mitgeteilt am"), null=True, blank=True)
    deadline = models.DateField(_("Frist"), null=True, blank=True)
    deadline_note = models.CharField(_("Art der Frist"), max_length=200, blank=True)
    description = models.TextField(_("Anliegen"))
    language = models.CharField(_("Sprache"), max_length=5, default="de")
    consent = models.ForeignKey(
        "advice.ConsentText",
        verbose_name=_("Einwilligung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    consented_at = models.DateTimeField(_("eingewilligt am"), null=True, blank=True)

    # The work on it.
    received_at = models.DateTimeField(_("eingegangen am"), default=timezone.now)
    respond_by = models.DateField(
        _("dringend bis"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Die nächste bekannte Frist: die angegebene oder das Ende der Vorkaufsfrist."),
    )
    first_response_at = models.DateTimeField(_("erste Rückmeldung am"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True, editable=False)
    requester_updated_at = models.DateTimeField(
        _("neue Angaben der Anfragenden"), null=True, blank=True, editable=False
    )
    people = models.ManyToManyField(
        "directory.Person", verbose_name=_("beteiligte Personen"), blank=True, related_name="advice_cases"
    )
    organisations = models.ManyToManyField(
        "directory.Organisation",
        verbose_name=_("beteiligte Organisationen"),
        blank=True,
        related_name="advice_cases",
    )

    # The requester's private status link: only its hash is kept.
    status_token_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    status_token_created_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("Beratungsfall")
        verbose_name_plural = _("Beratungsfälle")
        constraints = [
            models.CheckConstraint(condition=Q(state__in=State.values), name="advice_case_state_known"),
            models.CheckConstraint(condition=Q(sector__in=Sector.values), name="advice_case_sector_known"),
        ]
        indexes = [
            models.Index(fields=["state", "respond_by"]),
            models.Index(fields=["assignee", "state"]),
            models.Index(fields=["received_at"]),
            models.Index(fields=["closed_at"]),
        ]

    def __str__(self):
        return f"{self.reference or '–'} {self.group_name}"

    def get_absolute_url(self):
        return reverse("advice:case_detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    def clearance_for(self, user) -> Visibility | None:
        """What ``user``, who may open this case, reads of it."""
        if not user.is_authenticated or not user.is_active:
            return None
        return CASE_CLEARANCE.get(Role(user.role))


class CaseTopic(models.Model):
    """One topic a request is about (a request may have several)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="topic_rows")
    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices)

    class Meta:
        ordering = ["case", "topic"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        constraints = [
            models.UniqueConstraint(fields=["case", "topic"], name="advice_case_topic_unique"),
            models.CheckConstraint(condition=Q(topic__in=Topic.values), name="advice_case_topic_known"),
        ]

    def __str__(self):
        return Topic(self.topic).label


class CaseShare(TimeStampedModel):
    """A case made visible to one Bezirksamt account."""

    case = models.ForeignKey(Case, verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="shares")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Konto"), on_delete=models.CASCADE, related_name="advice_shares"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geteilt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "user"]
        verbose_name = _("Freigabe")
        verbose_name_plural = _("Freigaben")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="advice_share_unique")]

    def __str__(self):
        return f"{self.case} → {self.user}"
