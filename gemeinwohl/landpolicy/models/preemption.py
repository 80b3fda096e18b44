import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinwohl.accounts.models import Role
from gemeinwohl.core.deadlines import PreEmptionDeadline, pre_emption_deadline
from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import Visibility, VisibilityField, clearance_for, visibility_constraint
from gemeinwohl.landpolicy.models.choices import CLOSING_STEPS, LegalGround, Outcome, StepKind

# Administration staff: who may be responsible for a case and read its parties and contract.
ADMINISTRATION_ROLES = (Role.ADMIN, Role.TEAM_INTERNAL, Role.BEZIRKSAMT)
# A case is administration-internal unless the team opens it to the whole AKS team; never wider.
CASE_LEVELS = (Visibility.TEAM, Visibility.INTERNAL)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Cases at or below the reader's clearance, and the cases the reader is responsible for; none for the public."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        responsible_for = Responsibility.objects.filter(user=user).values("case_id")
        return self.filter(Q(visibility__lte=clearance_for(user)) | Q(pk__in=responsible_for))

    def open(self):
        return self.filter(outcome=Outcome.OPEN)

    def by_deadline(self):
        return self.order_by("deadline", "pk")


class PreEmptionCase(TimeStampedModel):
    """A notified sale the district examines for its right of pre-emption (Vorkaufsfall), with its statutory deadline."""

    plot = models.ForeignKey(
        "landpolicy.Property", verbose_name=_("Grundstück"), on_delete=models.PROTECT, related_name="cases"
    )
    file_number = models.CharField(_("Aktenzeichen"), max_length=60, blank=True)
    notified_on = models.DateField(
        _("Mitteilung des Kaufvertrags eingegangen am"),
        help_text=_("Der Tag, an dem die vollständige Mitteilung des Kaufvertrags beim Bezirksamt einging."),
    )
    contract_date = models.DateField(_("Kaufvertrag vom"), null=True, blank=True)
    seller = models.CharField(_("Verkäufer"), max_length=300, blank=True)
    buyer = models.CharField(_("Käufer"), max_length=300, blank=True)
    price = models.DecimalField(
        _("Kaufpreis (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    legal_ground = models.CharField(
        _("Rechtsgrundlage"), max_length=8, choices=LegalGround.choices, default=LegalGround.PRESERVATION
    )
    note = models.TextField(_("Anmerkung"), blank=True)
    visibility = VisibilityField(
        default=Visibility.INTERNAL, choices=[(level.value, level.label) for level in CASE_LEVELS]
    )
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zuständig"),
        through="landpolicy.Responsibility",
        related_name="pre_emption_cases",
        blank=True,
    )

    # The deadline, computed by the actions from the notification date and the rule then in force.
    rule_key = models.CharField(_("Fristregel"), max_length=20, editable=False)
    period_end = models.DateField(_("Ende der gesetzlichen Frist"), editable=False)
    extended_on = models.DateField(_("Verlängerung beantragt am"), null=True, blank=True, editable=False)
    deadline = models.DateField(_("Frist"), editable=False)

    outcome = models.CharField(_("Ergebnis"), max_length=12, choices=Outcome.choices, default=Outcome.OPEN)
    closed_on = models.DateField(_("abgeschlossen am"), null=True, blank=True, editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("Vorkaufsfall")
        verbose_name_plural = _("Vorkaufsfälle")
        constraints = [
            visibility_constraint("landpolicy_preemptioncase"),
            models.CheckConstraint(
                condition=Q(visibility__in=[level.value for level in CASE_LEVELS]),
                name="landpolicy_case_team_or_internal",
            ),
            models.CheckConstraint(condition=Q(outcome__in=Outcome.values), name="landpolicy_case_known_outcome"),
            models.CheckConstraint(condition=Q(deadline__gte=models.F("period_end")), name="landpolicy_case_deadline"),
            models.CheckConstraint(
                condition=Q(outcome=Outcome.OPEN, closed_on__isnull=True)
                | (~Q(outcome=Outcome.OPEN) & Q(closed_on__isnull=False)),
                name="landpolicy_case_closed_with_date",
            ),
        ]
        indexes = [models.Index(fields=["outcome", "deadline"], name="landpolicy_case_open_deadline")]

    def __str__(self):
        return _("Vorkaufsfall %(address)s (Mitteilung vom %(date)s)") % {
            "address": self.plot.address if self.plot_id else "",
            "date": self.notified_on.strftime("%d.%m.%Y") if self.notified_on else "",
        }

    def get_absolute_url(self):
        return reverse("landpolicy:case_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.outcome == Outcome.OPEN

    @property
    def deadline_info(self) -> PreEmptionDeadline:
        """The deadline with its rule and legal source, recounted from the stored facts."""
        return pre_emption_deadline(self.notified_on, extended=self.extended_on is not None)

    def days_left(self, today: datetime.date) -> int:
        return (self.deadline - today).days

    def reader_sees_parties(self, user) -> bool:
        """Seller, buyer, price and documents: administration staff only (and who is responsible for the case)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return False
        if clearance_for(user) >= Visibility.INTERNAL:
            return True
        return user.role in ADMINISTRATION_ROLES and any(person.pk == user.pk for person in self.responsible.all())


class Responsibility(models.Model):
    """Who is responsible for a case: they get its deadline reminders and, as administration staff, see all of it."""

    case = models.ForeignKey(PreEmptionCase, on_delete=models.CASCADE, related_name="responsibilities")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("eingetragen am"), auto_now_add=True)

    class Meta:
        ordering = ["case", "user__name"]
        verbose_name = _("Zuständigkeit")
        verbose_name_plural = _("Zuständigkeiten")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="landpolicy_responsibility_once")]

    def __str__(self):
        return str(self.user)


class CaseStep(models.Model):
    """One dated step of a case: examination, hearing, negotiation, extension, and the decision that ends it."""

    case = models.ForeignKey(PreEmptionCase, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("Schritt"), max_length=16, choices=StepKind.choices)
    on_date = models.DateField(_("am"))
    note = models.TextField(_("Anmerkung"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingetragen von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("eingetragen am"), auto_now_add=True)

    class Meta:
        ordering = ["case", "on_date", "pk"]
        verbose_name = _("Verfahrensschritt")
        verbose_name_plural = _("Verfahrensschritte")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=StepKind.values), name="landpolicy_step_known_kind"),
            # One decision per case, one extension per case.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(kind__in=[kind.value for kind in CLOSING_STEPS]),
                name="landpolicy_step_one_decision",
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(kind=StepKind.EXTENSION), name="landpolicy_step_one_extension"
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    @property
    def closes_case(self) -> bool:
        return self.kind in CLOSING_STEPS


class CaseDocument(TimeStampedModel):
    """A file of a case (contract, statement, notice), read only by administration staff."""

    case = models.ForeignKey(PreEmptionCase, on_delete=models.CASCADE, related_name="documents")
    step = models.ForeignKey(
        CaseStep,
        verbose_name=_("zum Schritt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to="boden/vorkauf/%Y/%m/", max_length=300)
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

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("landpolicy:case_document", kwargs={"pk": self.case_id, "document": self.pk})


class Obligation(TimeStampedModel):
    """A standard obligation a buyer takes on in an Abwendungsvereinbarung (catalogue kept by administrators)."""

    name = models.CharField(_("Verpflichtung"), max_length=200, unique=True)
    description = models.TextField(_("Erläuterung"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_active = models.BooleanField(_("in Gebrauch"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("Verpflichtung")
        verbose_name_plural = _("Verpflichtungen")

    def __str__(self):
        return self.name


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Agreements of the cases ``user`` may see."""
        return self.filter(case__in=PreEmptionCase.objects.visible_to(user).values("pk"))


class AversionAgreement(TimeStampedModel):
    """An Abwendungsvereinbarung: the buyer's obligations that averted the purchase, and for how long they bind."""

    case = models.OneToOneField(
        PreEmptionCase, verbose_name=_("Vorkaufsfall"), on_delete=models.PROTECT, related_name="agreement"
    )
    signed_on = models.DateField(_("unterzeichnet am"))
    starts_on = models.DateField(_("gilt ab"))
    term_years = models.PositiveSmallIntegerField(_("Laufzeit (Jahre)"), validators=[MinValueValidator(1)])
    ends_on = models.DateField(_("gilt bis"), editable=False)
    obligations = models.ManyToManyField(Obligation, verbose_name=_("Verpflichtungen"), blank=True, related_name="+")
    other_obligations = models.TextField(_("weitere Verpflichtungen"), blank=True)
    penalty = models.CharField(_("Vertragsstrafe"), max_length=300, blank=True)
    note = models.TextField(_("Anmerkung"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["ends_on", "pk"]
        verbose_name = _("Abwendungsvereinbarung")
        verbose_name_plural = _("Abwendungsvereinbarungen")
        constraints = [
            models.CheckConstraint(condition=Q(term_years__gte=1), name="landpolicy_agreement_term_positive"),
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="landpolicy_agreement_ends"),
        ]

    def __str__(self):
        return _("Abwendungsvereinbarung %(address)s") % {"address": self.case.plot.address}

    def get_absolute_url(self):
        return reverse("landpolicy:case_detail", kwargs={"pk": self.case_id}) + "#abwendungsvereinbarung"


DEFAULT_LEAD_DAYS = "30,14,7,2"


def parse_lead_days(text: str) -> list[int]:
    """ "30, 14, 7, 2" → [30, 14, 7, 2]; raises ValueError for anything else."""
    values = sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip()}, reverse=True)
    if not values or any(value < 0 or value > 365 for value in values):
        raise ValueError(text)
    return values


def validate_lead_days(text: str) -> None:
    from django.core.exceptions import ValidationError

    try:
        parse_lead_days(text)
    except ValueError:
        raise ValidationError(
            _("Bitte geben Sie Tage zwischen 0 und 365 an, durch Kommas getrennt, z. B. 30, 14, 7, 2.")
        ) from None


class ReminderPolicy(TimeStampedModel):
    """When the responsible people are reminded of a case's deadline (one row, set by an administrator)."""

    lead_days = models.CharField(
        _("Erinnerung (Tage vor Fristende)"),
        max_length=100,
        default=DEFAULT_LEAD_DAYS,
        validators=[validate_lead_days],
        help_text=_("Durch Kommas getrennt, z. B. 30, 14, 7, 2. Jede Erinnerung geht genau einmal hinaus."),
    )

    class Meta:
        verbose_name = _("Erinnerung an Vorkaufsfristen")
        verbose_name_plural = _("Erinnerung an Vorkaufsfristen")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="landpolicy_reminder_policy_single_row")]

    def __str__(self):
        return str(_("Erinnerung an Vorkaufsfristen"))

    @classmethod
    def current(cls) -> "ReminderPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy

    def leads(self) -> list[int]:
        return parse_lead_days(self.lead_days)


class DeadlineReminder(models.Model):
    """A reminder of one lead time for one deadline of a case: the row is what makes it go out exactly once."""

    case = models.ForeignKey(PreEmptionCase, on_delete=models.CASCADE, related_name="reminders")
    deadline = models.DateField(_("Frist"))
    lead_days = models.PositiveSmallIntegerField(_("Tage vor Fristende"))
    recipients = models.PositiveSmallIntegerField(_("Empfänger"), default=0)
    sent_at = models.DateTimeField(_("versandt am"), auto_now_add=True)

    class Meta:
        ordering = ["case", "-lead_days"]
        verbose_name = _("Fristerinnerung")
        verbose_name_plural = _("Fristerinnerungen")
        constraints = [
            models.UniqueConstraint(fields=["case", "deadline", "lead_days"], name="landpolicy_reminder_once")
        ]

    def __str__(self):
        return f"{self.case_id}: {self.lead_days}"


class FiguresPublication(TimeStampedModel):
    """The yearly counts of cases by outcome, as published by the team: counts only, nothing about a case."""

    year = models.PositiveSmallIntegerField(_("Jahr"), unique=True)
    counts = models.JSONField(_("Zahlen"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("veröffentlicht von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("veröffentlichte Jahreszahlen")
        verbose_name_plural = _("veröffentlichte Jahreszahlen")

    def __str__(self):
        return str(self.year)
