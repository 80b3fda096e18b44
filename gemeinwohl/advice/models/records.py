"""What happens on a case: state changes, notes, documents, activities and referrals."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.advice.models.choices import ActivityKind, ReferralOutcome, State
from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import Visibility, VisibilityField

# Levels a note or document of a case can have: the team's, or administration-internal.
CASE_LEVELS = (Visibility.TEAM, Visibility.INTERNAL)


class SharedRecordQuerySet(models.QuerySet):
    def readable_at(self, level: int | None):
        """Records a reader with clearance ``level`` within the case may read."""
        if level is None:
            return self.none()
        return self.filter(visibility__lte=level)

    def shared(self):
        """What the requester sees through the status link."""
        return self.filter(shared_with_requester=True)


def shared_records_constraints(model_name: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            condition=Q(visibility__in=[level.value for level in CASE_LEVELS]), name=f"{model_name}_level_known"
        ),
        # What the requester may read is never administration-internal.
        models.CheckConstraint(
            condition=Q(shared_with_requester=False) | Q(visibility=Visibility.TEAM),
            name=f"{model_name}_shared_not_internal",
        ),
    ]


class StateChange(models.Model):
    """One move of a case from one state to another (the first row: the request came in)."""

    case = models.ForeignKey("advice.Case", on_delete=models.CASCADE, related_name="state_changes")
    source = models.CharField(_("von"), max_length=20, choices=State.choices, blank=True)
    target = models.CharField(_("nach"), max_length=20, choices=State.choices)
    at = models.DateTimeField(_("am"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "at", "pk"]
        verbose_name = _("Statuswechsel")
        verbose_name_plural = _("Statuswechsel")

    def __str__(self):
        return f"{self.source} → {self.target}"


class SharedRecord(TimeStampedModel):
    """What notes and documents share: their case, their level, and whether the requester reads or wrote them."""

    case = models.ForeignKey("advice.Case", verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="%(class)ss")
    visibility = VisibilityField(default=Visibility.TEAM)
    shared_with_requester = models.BooleanField(_("mit den Anfragenden geteilt"), default=False)
    from_requester = models.BooleanField(_("von den Anfragenden"), default=False)

    objects = SharedRecordQuerySet.as_manager()

    class Meta:
        abstract = True


class Note(SharedRecord):
    """A note on a case: for the team, administration-internal, or shared with the requester."""

    case = models.ForeignKey("advice.Case", verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("Notiz"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "created_at", "pk"]
        verbose_name = _("Notiz")
        verbose_name_plural = _("Notizen")
        constraints = shared_records_constraints("advice_note")

    def __str__(self):
        return self.text[:60]


class Document(SharedRecord):
    """A file on a case, uploaded by the team or by the requester through the status link."""

    case = models.ForeignKey("advice.Case", verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("Datei"), upload_to="beratung/%Y/%m/", max_length=300)
    file_name = models.CharField(_("Dateiname"), max_length=200)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveBigIntegerField(_("Größe in Bytes"))
    sha256 = models.CharField(_("Prüfsumme"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "created_at", "pk"]
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        constraints = shared_records_constraints("advice_document")

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("advice:document_download", kwargs={"pk": self.case_id, "document": self.pk})


class ActivityQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(done_on__isnull=True, due_date__isnull=False)

    def due_by(self, day):
        return self.pending().filter(due_date__lte=day)


class Activity(TimeStampedModel):
    """Something done (or to be done by a date) on a case: a call, a meeting, an e-mail, a site visit.

    A follow-up from the case type's timeline is an activity with a due date
    that is not done yet; doing it records the day and the time spent.
    """

    case = models.ForeignKey("advice.Case", verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("Art"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.TASK)
    title = models.CharField(_("Was"), max_length=200)
    step = models.ForeignKey(
        "advice.TimelineStep",
        verbose_name=_("Schritt im Zeitplan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zuständig"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advice_activities",
    )
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    done_on = models.DateField(_("erledigt am"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("Zeitaufwand (Minuten)"), null=True, blank=True)
    note = models.TextField(_("Notiz"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["case", models.F("done_on").asc(nulls_last=True), "due_date", "pk"]
        verbose_name = _("Aktivität")
        verbose_name_plural = _("Aktivitäten")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActivityKind.values), name="advice_activity_kind_known"),
            # Either planned (a due date) or done (a day), or both.
            models.CheckConstraint(
                condition=Q(due_date__isnull=False) | Q(done_on__isnull=False), name="advice_activity_dated"
            ),
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__lte=24 * 60), name="advice_activity_minutes_a_day"
            ),
        ]
        indexes = [models.Index(fields=["assignee", "done_on", "due_date"])]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_date is not None and self.due_date < timezone.localdate()


class Referral(TimeStampedModel):
    """A case handed on to an organisation of the address book, and what came of it."""

    case = models.ForeignKey("advice.Case", verbose_name=_("Fall"), on_delete=models.CASCADE, related_name="referrals")
    organisation = models.ForeignKey(
        "directory.Organisation", verbose_name=_("an"), on_delete=models.PROTECT, related_name="advice_referrals"
    )
    contact_person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("Ansprechperson dort"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    referred_on = models.DateField(_("weitervermittelt am"), default=timezone.localdate)
    reason = models.TextField(_("Anlass"), blank=True)
    outcome = models.CharField(
        _("Ergebnis"), max_length=20, choices=ReferralOutcome.choices, default=ReferralOutcome.OPEN
    )
    outcome_note = models.TextField(_("Ergebnis (Notiz)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["case", "referred_on", "pk"]
        verbose_name = _("Weitervermittlung")
        verbose_name_plural = _("Weitervermittlungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=ReferralOutcome.values), name="advice_referral_outcome_known"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "referred_on"])]

    def __str__(self):
        return f"{self.case} → {self.organisation}"
