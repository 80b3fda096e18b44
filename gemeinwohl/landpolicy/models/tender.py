from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import Visibility, VisibilityField, clearance_for, visibility_constraint
from gemeinwohl.landpolicy.models.choices import TenderStatus


class TenderQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Tenders at or below the reader's clearance, and those the reader sits on the jury of."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.filter(visibility__lte=Visibility.PUBLIC)
        on_jury = Juror.objects.filter(user=user).values("tender_id")
        return self.filter(Q(visibility__lte=clearance_for(user)) | Q(pk__in=on_jury))


class Tender(TimeStampedModel):
    """A concept tender (Konzeptverfahren): a property given to the best concept, scored by a jury on weighted criteria."""

    plot = models.ForeignKey(
        "landpolicy.Property", verbose_name=_("Grundstück"), on_delete=models.PROTECT, related_name="tenders"
    )
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(_("Stand"), max_length=12, choices=TenderStatus.choices, default=TenderStatus.DRAFT)
    bids_due_on = models.DateField(_("Bewerbungsschluss"), null=True, blank=True)
    scale_min = models.PositiveSmallIntegerField(_("niedrigste Punktzahl"), default=0)
    scale_max = models.PositiveSmallIntegerField(
        _("höchste Punktzahl"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    # Set with the first score: from then on criteria and weights no longer change.
    criteria_frozen_at = models.DateTimeField(_("Kriterien festgeschrieben am"), null=True, blank=True, editable=False)
    visibility = VisibilityField(default=Visibility.TEAM)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = TenderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("Konzeptverfahren")
        verbose_name_plural = _("Konzeptverfahren")
        constraints = [
            visibility_constraint("landpolicy_tender"),
            models.CheckConstraint(condition=Q(scale_max__gt=models.F("scale_min")), name="landpolicy_tender_scale"),
            models.CheckConstraint(condition=Q(status__in=TenderStatus.values), name="landpolicy_tender_status"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("landpolicy:tender_detail", kwargs={"pk": self.pk})

    @property
    def criteria_frozen(self) -> bool:
        return self.criteria_frozen_at is not None


class TenderCriterion(models.Model):
    """One criterion of a tender's catalogue and its weight in per cent (the weights add up to 100)."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("Kriterium"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    weight = models.DecimalField(
        _("Gewicht (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["tender", "position", "pk"]
        verbose_name = _("Bewertungskriterium")
        verbose_name_plural = _("Bewertungskriterien")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0, weight__lte=100), name="landpolicy_criterion_weight"),
            models.UniqueConstraint(fields=["tender", "name"], name="landpolicy_criterion_name_once"),
        ]

    def __str__(self):
        return self.name


class CriteriaChange(models.Model):
    """The record of a change to a tender's criteria before they were frozen: who, when, before and after."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="criteria_changes")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("geändert am"), auto_now_add=True)
    # [{"name": ..., "weight": "25.00", "description": ...}, ...]
    before = models.JSONField(_("vorher"), default=list)
    after = models.JSONField(_("nachher"), default=list)

    class Meta:
        ordering = ["tender", "at", "pk"]
        verbose_name = _("Änderung der Kriterien")
        verbose_name_plural = _("Änderungen der Kriterien")

    def __str__(self):
        return f"{self.tender_id} {self.at:%Y-%m-%d %H:%M}"


class Bid(TimeStampedModel):
    """An applicant's bid (concept) in a tender; the applicant is an organisation or a person from the address book."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="bids")
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("Organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tender_bids",
    )
    person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("Person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tender_bids",
    )
    title = models.CharField(_("Konzept"), max_length=200)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    submitted_on = models.DateField(_("eingereicht am"))

    class Meta:
        ordering = ["tender", "pk"]
        verbose_name = _("Gebot")
        verbose_name_plural = _("Gebote")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, person__isnull=True)
                | Q(organisation__isnull=True, person__isnull=False),
                name="landpolicy_bid_one_applicant",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def applicant(self):
        return self.organisation or self.person


class Juror(models.Model):
    """An account on a tender's jury."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="jurors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="juries")
    created_at = models.DateTimeField(_("berufen am"), auto_now_add=True)

    class Meta:
        ordering = ["tender", "user__name", "pk"]
        verbose_name = _("Jurymitglied")
        verbose_name_plural = _("Jurymitglieder")
        constraints = [models.UniqueConstraint(fields=["tender", "user"], name="landpolicy_juror_once")]

    def __str__(self):
        return str(self.user)


class Score(models.Model):
    """One juror's points for one bid on one criterion; given once, never changed."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(TenderCriterion, on_delete=models.PROTECT, related_name="scores")
    juror = models.ForeignKey(Juror, on_delete=models.PROTECT, related_name="scores")
    points = models.PositiveSmallIntegerField(_("Punkte"))
    note = models.CharField(_("Begründung"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("bewertet am"), auto_now_add=True)

    class Meta:
        ordering = ["bid", "criterion__position", "juror", "pk"]
        verbose_name = _("Bewertung")
        verbose_name_plural = _("Bewertungen")
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion", "juror"], name="landpolicy_score_once"),
        ]

    def __str__(self):
        return str(self.points)
