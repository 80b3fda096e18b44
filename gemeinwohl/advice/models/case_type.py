from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gemeinwohl.advice.models.choices import ActivityKind, State, StepAnchor
from gemeinwohl.core.models import TimeStampedModel


class CaseTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class CaseType(TimeStampedModel):
    """A kind of case (set up by an administrator): its timeline of follow-ups and its allowed transitions."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    is_default = models.BooleanField(
        _("für neue Anfragen"),
        default=False,
        help_text=_("Neue Anfragen über das öffentliche Formular bekommen diesen Falltyp."),
    )
    active = models.BooleanField(_("aktiv"), default=True)

    objects = CaseTypeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Falltyp")
        verbose_name_plural = _("Falltypen")
        constraints = [
            # One type receives the public requests.
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="advice_one_default_type"
            ),
        ]

    def __str__(self):
        return self.name


class TimelineStep(TimeStampedModel):
    """One follow-up a case of this type creates, due a number of (working) days after its anchor."""

    case_type = models.ForeignKey(CaseType, verbose_name=_("Falltyp"), on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=1)
    title = models.CharField(_("Schritt"), max_length=200)
    kind = models.CharField(_("Art"), max_length=20, choices=ActivityKind.choices, default=ActivityKind.TASK)
    anchor = models.CharField(_("fällig"), max_length=20, choices=StepAnchor.choices, default=StepAnchor.RECEIVED)
    days = models.PositiveSmallIntegerField(_("Tage"))
    working_days = models.BooleanField(
        _("Arbeitstage"), default=True, help_text=_("Arbeitstage zählen ohne Wochenenden und Berliner Feiertage.")
    )

    class Meta:
        ordering = ["case_type", "position", "pk"]
        verbose_name = _("Schritt im Zeitplan")
        verbose_name_plural = _("Zeitplan")
        constraints = [
            models.UniqueConstraint(fields=["case_type", "position"], name="advice_step_position_unique"),
            models.CheckConstraint(condition=Q(anchor__in=StepAnchor.values), name="advice_step_anchor_known"),
            models.CheckConstraint(condition=Q(kind__in=ActivityKind.values), name="advice_step_kind_known"),
        ]

    def __str__(self):
        return self.title


class Transition(TimeStampedModel):
    """A move from one state to another that cases of this type may make."""

    case_type = models.ForeignKey(
        CaseType, verbose_name=_("Falltyp"), on_delete=models.CASCADE, related_name="transitions"
    )
    source = models.CharField(_("von"), max_length=20, choices=State.choices)
    target = models.CharField(_("nach"), max_length=20, choices=State.choices)

    class Meta:
        ordering = ["case_type", "source", "target"]
        verbose_name = _("erlaubter Übergang")
        verbose_name_plural = _("erlaubte Übergänge")
        constraints = [
            models.UniqueConstraint(fields=["case_type", "source", "target"], name="advice_transition_unique"),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="advice_transition_moves",
                violation_error_message=_("Ein Übergang muss in einen anderen Stand führen."),
            ),
            models.CheckConstraint(
                condition=Q(source__in=State.values, target__in=State.values), name="advice_transition_states_known"
            ),
        ]

    def __str__(self):
        return f"{State(self.source).label} → {State(self.target).label}"
