from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinwohl.core.models import TimeStampedModel


class InvitationResponse(models.TextChoices):
    NONE = "", _("keine Antwort")
    ACCEPTED = "zugesagt", pgettext_lazy("Antwort auf eine Einladung", "zugesagt")
    DECLINED = "abgesagt", pgettext_lazy("Antwort auf eine Einladung", "abgesagt")


class Invitation(TimeStampedModel):
    """That a member was invited to a meeting, at which address, and what they answered."""

    meeting = models.ForeignKey(
        "committees.Meeting", verbose_name=_("Sitzung"), on_delete=models.PROTECT, related_name="invitations"
    )
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    sent_at = models.DateTimeField(_("zuletzt gesendet am"))
    sequence = models.PositiveIntegerField(_("gesendeter Änderungsstand"), default=0)
    response = models.CharField(
        _("Antwort"), max_length=20, choices=InvitationResponse.choices, default=InvitationResponse.NONE, blank=True
    )
    responded_at = models.DateTimeField(_("geantwortet am"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "person__family_name"]
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="committees_invitation_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(response__in=InvitationResponse.values), name="committees_invitation_response_known"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.meeting}"
