"""The daily reminder mail: each team member's follow-ups that are overdue, due today or due soon.

Run once a day (``manage.py advice_send_reminders`` from cron). A person gets
at most one reminder a day: the ``ReminderLog`` row for (person, day) is
written in the same transaction as the mail is sent, so a second run the same
day sends nothing, and a mail that failed is tried again by the next run.
"""

import datetime
import logging
from dataclasses import dataclass, field
from itertools import groupby

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gemeinwohl.accounts.models import TEAM_ROLES
from gemeinwohl.advice.models import FINISHED_STATES, Activity, ReminderLog
from gemeinwohl.core.deadlines import add_working_days, is_working_day
from gemeinwohl.core.links import site_url

logger = logging.getLogger(__name__)

# Follow-ups due within this many working days after today are listed as "demnächst".
SOON_WORKING_DAYS = 2


@dataclass
class Reminder:
    """One person's follow-ups for one day, in the three groups of the mail."""

    user: object
    overdue: list = field(default_factory=list)
    today: list = field(default_factory=list)
    soon: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.today) + len(self.soon)


def pending_follow_ups(*, today: datetime.date):
    """Open follow-ups due by the end of the "soon" window, of active team members, on cases still worked on.

    Finished and anonymised cases never appear; nor does anyone whose reminder
    for ``today`` has gone out already. One query, whatever the number of rows.
    """
    until = add_working_days(today, SOON_WORKING_DAYS)
    return (
        Activity.objects.pending()
        .filter(
            due_date__lte=until,
            assignee__is_active=True,
            assignee__role__in=TEAM_ROLES,  # who can be an assignee (actions.check_assignee)
            case__anonymised_at__isnull=True,
        )
        .exclude(case__state__in=FINISHED_STATES)
        .exclude(assignee_id__in=ReminderLog.objects.filter(day=today).values("user_id"))
        .select_related("case", "assignee")
        .order_by("assignee_id", "due_date", "case__reference", "pk")
    )


def reminders_for(*, today: datetime.date) -> list[Reminder]:
    """Who is to be reminded on ``today`` and of what, grouped overdue / today / soon."""
    reminders = []
    for _user_id, rows in groupby(pending_follow_ups(today=today), key=lambda activity: activity.assignee_id):
        activities = list(rows)
        reminder = Reminder(user=activities[0].assignee)
        for activity in activities:
            activity.case_url = site_url(activity.case.get_absolute_url())
            if activity.due_date < today:
                reminder.overdue.append(activity)
            elif activity.due_date == today:
                reminder.today.append(activity)
            else:
                reminder.soon.append(activity)
        reminders.append(reminder)
    return reminders


def _send(reminder: Reminder, *, today: datetime.date) -> None:
    user = reminder.user
    context = {"user": user, "day": today, "reminder": reminder}
    with translation.override(user.language):
        subject = render_to_string("advice/email/reminder_subject.txt", context).strip()
        body = render_to_string("advice/email/reminder.txt", context)
    send_mail(subject, body, None, [user.email])


def send_daily_reminders(*, today: datetime.date | None = None) -> int:
    """Mail every active team member the list of their follow-ups; return how many mails went out.

    Guarantees: at most one mail per person and day (a second run the same day
    sends nothing); only open follow-ups on cases that are neither finished nor
    anonymised; each mail in the person's language, with absolute links to the
    cases. Nothing goes out on weekends and Berlin holidays: the next working
    day's mail lists what became overdue meanwhile. A failing mail is logged,
    does not stop the others and is tried again on the next run. The number of
    queries depends on the number of people reminded, not of follow-ups.
    """
    today = today or timezone.localdate()
    if not is_working_day(today):
        return 0
    sent = 0
    for reminder in reminders_for(today=today):
        try:
            with transaction.atomic():
                # Written first: a concurrent run stops here on the unique (user, day).
                ReminderLog.objects.create(user=reminder.user, day=today)
                _send(reminder, today=today)
        except IntegrityError:
            logger.info("advice reminder for user %s on %s already sent", reminder.user.pk, today)
            continue
        except Exception:
            logger.exception("advice reminder for user %s on %s failed", reminder.user.pk, today)
            continue
        sent += 1
    return sent
