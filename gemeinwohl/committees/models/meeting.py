from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import VisibilityField, visibility_constraint


class MeetingState(models.TextChoices):
    PLANNED = "geplant", _("geplant")
    INVITED = "eingeladen", _("eingeladen")
    HELD = "durchgefuehrt", _("durchgeführt")
    CANCELLED = "abgesagt", _("abgesagt")


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user):
        from gemeinwohl.committees.visibility import content_q

        return self.filter(content_q(user), deleted_at__isnull=True)

    def upcoming(self):
        return self.filter(end__gte=timezone.now()).order_by("start", "pk")


class Meeting(TimeStampedModel):
    """A meeting (Sitzung) of a committee, with its ordered agenda.

    Meetings are cited by minutes and decisions and are never deleted, only
    marked deleted. ``sequence`` counts the changes calendars were told about.
    """

    committee = models.ForeignKey(
        "committees.Committee", verbose_name=_("Gremium"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("Titel"), max_length=200, blank=True, help_text=_("Leer: Name des Gremiums"))
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    room = models.CharField(_("Raum"), max_length=200, blank=True)
    address = models.CharField(_("Anschrift"), max_length=300, blank=True)
    online_url = models.URLField(_("Online-Zugang"), blank=True, help_text=_("Link zur Videokonferenz"))
    state = models.CharField(_("Stand"), max_length=20, choices=MeetingState.choices, default=MeetingState.PLANNED)
    visibility = VisibilityField()
    sequence = models.PositiveIntegerField(_("Änderungsstand für Kalender"), default=0, editable=False)
    invited_at = models.DateTimeField(_("eingeladen am"), null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(_("gelöscht am"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("angelegt von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("Sitzung")
        verbose_name_plural = _("Sitzungen")
        constraints = [
            visibility_constraint("committees_meeting"),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="committees_meeting_ends_after_start",
                violation_error_message=_("Das Ende muss nach dem Beginn liegen."),
            ),
            models.CheckConstraint(condition=Q(state__in=MeetingState.values), name="committees_meeting_state_known"),
        ]
        indexes = [models.Index(fields=["committee", "-start"]), models.Index(fields=["start"])]

    def __str__(self):
        return _("%(title)s am %(date)s") % {
            "title": self.display_title,
            "date": date_format(timezone.localtime(self.start), "SHORT_DATE_FORMAT"),
        }

    def get_absolute_url(self):
        return reverse("committees:meeting_detail", kwargs={"pk": self.pk})

    @property
    def display_title(self) -> str:
        return self.title or self.committee.name

    @property
    def is_cancelled(self) -> bool:
        return self.state == MeetingState.CANCELLED

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Das Ende muss nach dem Beginn liegen.")})
