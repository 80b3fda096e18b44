from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gemeinwohl.core.models import TimeStampedModel
from gemeinwohl.core.visibility import VisibilityField, visibility_constraint


class TaskStatus(models.TextChoices):
    OPEN = "offen", _("offen")
    IN_PROGRESS = "in_arbeit", _("in Arbeit")
    DONE = "erledigt", _("erledigt")


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        from gemeinwohl.committees.visibility import content_q

        return self.filter(content_q(user), deleted_at__isnull=True)

    def open(self):
        return self.exclude(status=TaskStatus.DONE)


class Task(TimeStampedModel):
    """A task (Aufgabe) from a committee: what, who, until when. Open tasks follow to the next meeting."""

    committee = models.ForeignKey(
        "committees.Committee", verbose_name=_("Gremium"), on_delete=models.PROTECT, related_name="tasks"
    )
    meeting = models.ForeignKey(
        "committees.Meeting",
        verbose_name=_("aus Sitzung"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    agenda_item = models.ForeignKey(
        "committees.AgendaItem",
        verbose_name=_("aus Tagesordnungspunkt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    title = models.CharField(_("Aufgabe"), max_length=300)
    assignee = models.ForeignKey(
        "directory.Person",
        verbose_name=_("zuständig"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    status = models.CharField(_("Stand"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True, editable=False)
    visibility = VisibilityField()
    deleted_at = models.DateTimeField(_("gelöscht am"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name=_("angelegt von"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["status", "due_date", "pk"]
        verbose_name = _("Aufgabe")
        verbose_name_plural = _("Aufgaben")
        constraints = [
            visibility_constraint("committees_task"),
            models.CheckConstraint(condition=Q(status__in=TaskStatus.values), name="committees_task_status_known"),
        ]
        indexes = [models.Index(fields=["committee", "status"]), models.Index(fields=["assignee", "status"])]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status != TaskStatus.DONE and self.due_date is not None and self.due_date < timezone.localdate()
