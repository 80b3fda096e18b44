import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.periods import check_period, current_q, period_constraint
from gemeinwohl.core.visibility import Visibility, VisibilityField, visibility_constraint
from gemeinwohl.directory.models import Sector


class MembershipRole(models.TextChoices):
    CHAIR = "vorsitz", _("Vorsitz")
    MODERATION = "moderation", _("Moderation")
    MINUTES = "protokoll", pgettext_lazy("Rolle im Gremium", "Protokoll")
    MEMBER = "mitglied", _("Mitglied")
    DEPUTY = "stellvertretung", _("Stellvertretung")
    GUEST = "gast", _("Gast")


class MembershipQuerySet(models.QuerySet):
    def current(self, day: datetime.date | None = None):
        return self.filter(current_q(day))

    def visible_to(self, user):
        """Seats ``user`` may read. A public seat names its person only while they consent to it:

        once the consent is withdrawn, readers who see only the public part no longer see the seat.
        """
        from gemeinwohl.committees.visibility import content_q, reads_members_q
        from gemeinwohl.directory.selectors import consenting_people

        named = Q(visibility__gt=Visibility.PUBLIC) | Q(person__in=consenting_people()) | reads_members_q(user)
        return self.filter(content_q(user), named)


class Membership(TimeStampedModel):
    """A person's seat in a committee, for a period, representing a sector."""

    committee = models.ForeignKey(
        "committees.Committee", verbose_name=_("Gremium"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    sector = models.CharField(_("vertritt den Sektor"), max_length=24, choices=Sector.choices)
    start_date = models.DateField(_("seit"), null=True, blank=True)
    end_date = models.DateField(_("bis"), null=True, blank=True)
    visibility = VisibilityField(
        default=Visibility.MEMBERS,
        help_text=_("Öffentlich nur mit Einwilligung der Person in die öffentliche Nennung."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["committee", "person__family_name", "person__given_name", "pk"]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            visibility_constraint("committees_membership"),
            period_constraint("committees_membership"),
            models.CheckConstraint(
                condition=Q(role__in=MembershipRole.values), name="committees_membership_role_known"
            ),
            models.CheckConstraint(condition=Q(sector__in=Sector.values), name="committees_membership_sector_known"),
        ]
        indexes = [models.Index(fields=["person", "committee"])]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()} – {self.committee}"

    def clean(self):
        check_period(self.start_date, self.end_date)
