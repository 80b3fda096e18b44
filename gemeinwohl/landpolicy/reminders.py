"""Deadline reminders for pre-emption cases: each lead time's mail goes out exactly once.

Run daily (``manage.py landpolicy_send_reminders`` from cron, weekends
included: statutory periods run on weekends too). For each open case whose
deadline lies within the longest lead time, the lead times reached and not yet
reminded are claimed by inserting their ``DeadlineReminder`` rows (unique per
case, deadline and lead time) in the same transaction as the mail is sent: a
second run, even a concurrent one, finds the rows and sends nothing; a mail
that fails rolls its rows back and is tried again by the next run. Where
several lead times were reached at once (a case recorded late), one mail goes
out, for the shortest. An extension gives the case a new deadline and so a new
round of reminders.
"""

import datetime
import logging
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from gemeinwohl.accounts.models import Role, User
from gemeinwohl.core.links import site_url
from gemeinwohl.landpolicy.models import ADMINISTRATION_ROLES, DeadlineReminder, PreEmptionCase, ReminderPolicy

logger = logging.getLogger(__name__)


@dataclass
class DueReminder:
    case: PreEmptionCase
    days_left: int
    lead_days: int  # the shortest lead time reached: the one the mail is for
    claimed: list[int]  # every lead time this mail settles


def due_reminders(*, today: datetime.date) -> list[DueReminder]:
    """The open cases to be reminded of on ``today`` and for which lead times. A fixed number of queries."""
    leads = ReminderPolicy.current().leads()
    cases = list(
        PreEmptionCase.objects.open()
        .filter(deadline__gte=today, deadline__lte=today + datetime.timedelta(days=max(leads)))
        .select_related("plot")
        .prefetch_related("responsibilities__user")
        .order_by("deadline", "pk")
    )
    sent = set(
        DeadlineReminder.objects.filter(case__in=[case.pk for case in cases]).values_list(
            "case_id", "deadline", "lead_days"
        )
    )
    due = []
    for case in cases:
        days_left = (case.deadline - today).days
        reached = [lead for lead in leads if days_left <= lead and (case.pk, case.deadline, lead) not in sent]
        if reached:
            due.append(DueReminder(case=case, days_left=days_left, lead_days=min(reached), claimed=reached))
    return due


def recipients(case: PreEmptionCase, *, fallback: list[User]) -> list[User]:
    """The active administration staff responsible for the case; if none is left, the administration-internal team."""
    people = [
        responsibility.user
        for responsibility in case.responsibilities.all()
        if responsibility.user.is_active and responsibility.user.role in ADMINISTRATION_ROLES
    ]
    return people or fallback


def _send(reminder: DueReminder, user: User) -> None:
    case = reminder.case
    context = {
        "user": user,
        "case": case,
        "days_left": reminder.days_left,
        "deadline": case.deadline_info,
        "case_url": site_url(case.get_absolute_url()),
        "board_url": site_url(reverse("landpolicy:deadline_board")),
    }
    with translation.override(user.language):
        subject = render_to_string("landpolicy/email/deadline_reminder_subject.txt", context).strip()
        body = render_to_string("landpolicy/email/deadline_reminder.txt", context)
    send_mail(subject, body, None, [user.email])


def send_deadline_reminders(*, today: datetime.date | None = None) -> int:
    """Mail the responsible people of every case whose lead time is reached; return how many cases were reminded.

    Guarantees: each (case, deadline, lead time) at most once, whatever the
    number of runs; only open cases whose deadline has not passed; mails name
    the property, the deadline, the days left and the rule, never seller,
    buyer or price; each in the recipient's language.
    """
    today = today or timezone.localdate()
    fallback = list(User.objects.filter(is_active=True, role__in=[Role.ADMIN, Role.TEAM_INTERNAL]).order_by("pk"))
    reminded = 0
    for reminder in due_reminders(today=today):
        people = recipients(reminder.case, fallback=fallback)
        try:
            with transaction.atomic():
                # Written first: a concurrent run stops here on the unique (case, deadline, lead time).
                for lead in reminder.claimed:
                    DeadlineReminder.objects.create(
                        case=reminder.case, deadline=reminder.case.deadline, lead_days=lead, recipients=len(people)
                    )
                for user in people:
                    _send(reminder, user)
        except IntegrityError:
            logger.info("deadline reminder for case %s already sent", reminder.case.pk)
            continue
        except Exception:
            logger.exception("deadline reminder for case %s failed", reminder.case.pk)
            continue
        reminded += 1
    return reminded
