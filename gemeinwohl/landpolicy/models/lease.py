from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import Visibility, VisibilityField, VisibleQuerySet, visibility_constraint

CENT = Decimal("0.01")


class GroundLease(TimeStampedModel):
    """A heritable building right (Erbbaurecht): who holds it, for how long, and the ground rent it costs."""

    plot = models.ForeignKey(
        "landpolicy.Property", verbose_name=_("Grundstück"), on_delete=models.PROTECT, related_name="leases"
    )
    holder_organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("Erbbauberechtigte Organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ground_leases",
    )
    holder_person = models.ForeignKey(
        "directory.Person",
        verbose_name=_("Erbbauberechtigte Person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ground_leases",
    )
    file_number = models.CharField(_("Aktenzeichen"), max_length=60, blank=True)
    starts_on = models.DateField(_("Beginn"))
    term_years = models.PositiveSmallIntegerField(
        _("Laufzeit (Jahre)"), validators=[MinValueValidator(1), MaxValueValidator(199)]
    )
    ends_on = models.DateField(_("Ende"), editable=False)
    rate_percent = models.DecimalField(
        _("Erbbauzins (Prozent des Bodenwerts)"),
        max_digits=6,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    land_value = models.DecimalField(
        _("Bodenwert (EUR)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    land_value_date = models.DateField(_("Bodenwert zum Stichtag"), null=True, blank=True)
    adjustment_rule = models.TextField(
        _("Anpassungsregel"),
        blank=True,
        help_text=_("z. B. Wertsicherung nach dem Verbraucherpreisindex, frühestens alle drei Jahre."),
    )
    adjustment_interval_years = models.PositiveSmallIntegerField(
        _("Anpassung alle (Jahre)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    next_adjustment_on = models.DateField(_("nächste Anpassung"), null=True, blank=True)
    reversion_conditions = models.TextField(_("Heimfall"), blank=True, help_text=_("Wann das Erbbaurecht heimfällt."))
    note = models.TextField(_("Anmerkung"), blank=True)
    visibility = VisibilityField(default=Visibility.TEAM)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["ends_on", "pk"]
        verbose_name = _("Erbbaurechtsvertrag")
        verbose_name_plural = _("Erbbaurechtsverträge")
        constraints = [
            visibility_constraint("landpolicy_groundlease"),
            models.CheckConstraint(
                condition=Q(holder_organisation__isnull=False, holder_person__isnull=True)
                | Q(holder_organisation__isnull=True, holder_person__isnull=False),
                name="landpolicy_lease_one_holder",
            ),
            models.CheckConstraint(condition=Q(term_years__gte=1), name="landpolicy_lease_term_positive"),
            models.CheckConstraint(
                condition=Q(rate_percent__gte=0, rate_percent__lte=100), name="landpolicy_lease_rate_range"
            ),
            models.CheckConstraint(condition=Q(land_value__gte=0), name="landpolicy_lease_land_value"),
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="landpolicy_lease_ends"),
        ]

    def __str__(self):
        return _("Erbbaurecht %(address)s") % {"address": self.plot.address}

    def get_absolute_url(self):
        return reverse("landpolicy:lease_detail", kwargs={"pk": self.pk})

    @property
    def holder(self):
        return self.holder_organisation or self.holder_person

    @property
    def yearly_rent(self) -> Decimal:
        """The yearly ground rent: the land value times the rate, to the cent."""
        return (self.land_value * self.rate_percent / Decimal(100)).quantize(CENT, rounding=ROUND_HALF_UP)
