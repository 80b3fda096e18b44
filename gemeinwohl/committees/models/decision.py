from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import VisibilityField, visibility_constraint


class DecisionResult(models.TextChoices):
    ADOPTED = "angenommen", _("angenommen")
    REJECTED = "abgelehnt", _("abgelehnt")
    POSTPONED = "vertagt", _("vertagt")
    NOTED = "zur_kenntnis", _("zur Kenntnis genommen")


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        from gemeinwohl.committees.visibility import content_q

        committee = "agenda_item__meeting__committee"
        return self.filter(
            content_q(user, committee=committee),
            content_q(user, committee=committee, level="agenda_item__visibility"),
            content_q(user, committee=committee, level="agenda_item__meeting__visibility"),
            deleted_at__isnull=True,
            agenda_item__deleted_at__isnull=True,
        )


class Decision(TimeStampedModel):
    """A decision (Beschluss) taken under an agenda item, with optional vote counts. Never hard-deleted."""

    agenda_item = models.ForeignKey(
        "committees.AgendaItem",
        verbose_name=_("Tagesordnungspunkt"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    number = models.CharField(_("Nummer"), max_length=30, editable=False)
    text = models.TextField(_("Beschlusstext"))
    result = models.CharField(
        _("Ergebnis"), max_length=20, choices=DecisionResult.choices, default=DecisionResult.ADOPTED
    )
    votes_yes = models.PositiveIntegerField(_("Ja-Stimmen"), null=True, blank=True)
    votes_no = models.PositiveIntegerField(_("Nein-Stimmen"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("Enthaltungen"), null=True, blank=True)
    visibility = VisibilityField()
    deleted_at = models.DateTimeField(_("gelöscht am"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("erfasst von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item__meeting__start", "agenda_item__position", "pk"]
        verbose_name = _("Beschluss")
        verbose_name_plural = _("Beschlüsse")
        constraints = [
            visibility_constraint("committees_decision"),
            models.CheckConstraint(
                condition=Q(result__in=DecisionResult.values), name="committees_decision_result_known"
            ),
            # Vote counts come all three or not at all.
            models.CheckConstraint(
                condition=Q(votes_yes__isnull=True, votes_no__isnull=True, votes_abstain__isnull=True)
                | Q(votes_yes__isnull=False, votes_no__isnull=False, votes_abstain__isnull=False),
                name="committees_decision_votes_complete",
                violation_error_message=_("Bitte alle drei Stimmenzahlen angeben oder keine."),
            ),
        ]

    def __str__(self):
        return f"{self.number}: {self.text[:60]}"

    def clean(self):
        votes = (self.votes_yes, self.votes_no, self.votes_abstain)
        if any(v is not None for v in votes) and any(v is None for v in votes):
            raise ValidationError(_("Bitte alle drei Stimmenzahlen angeben oder keine."))

    @property
    def has_votes(self) -> bool:
        return self.votes_yes is not None
