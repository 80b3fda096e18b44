from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.directory.models import Sector


class AttendanceStatus(models.TextChoices):
    PRESENT = "anwesend", _("anwesend")
    EXCUSED = "entschuldigt", _("entschuldigt")
    ABSENT = "abwesend", _("abwesend")


class Attendance(TimeStampedModel):
    """Whether a person was at a meeting, and which sector they represented there.

    Visible with the meeting's members' part: as visible as the meeting, at least members.
    """

    meeting = models.ForeignKey(
        "committees.Meeting", verbose_name=_("Sitzung"), on_delete=models.PROTECT, related_name="attendances"
    )
    person = models.ForeignKey(
        "directory.Person", verbose_name=_("Person"), on_delete=models.PROTECT, related_name="attendances"
    )
    status = models.CharField(_("Anwesenheit"), max_length=20, choices=AttendanceStatus.choices)
    sector = models.CharField(_("Sektor"), max_length=24, choices=Sector.choices)

    class Meta:
        ordering = ["meeting", "person__family_name", "person__given_name"]
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="committees_attendance_once_per_meeting"),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values), name="committees_attendance_status_known"
            ),
            models.CheckConstraint(condition=Q(sector__in=Sector.values), name="committees_attendance_sector_known"),
        ]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()}"
