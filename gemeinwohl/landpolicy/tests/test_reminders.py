import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.landpolicy.actions import preemption
from gemeinwohl.landpolicy.models import DeadlineReminder, ReminderPolicy, StepKind
from gemeinwohl.landpolicy.reminders import send_deadline_reminders
from gemeinwohl.landpolicy.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def case():
    # Notified 1 September 2026: the deadline is 1 December 2026.
    return CaseFactory(notified_on=D(2026, 9, 1), by=UserFactory(role=Role.TEAM_INTERNAL, email="frist@example.org"))


def test_nothing_goes_out_before_the_first_lead_time(case):
    assert send_deadline_reminders(today=D(2026, 10, 31)) == 0  # 31 days left
    assert mail.outbox == []


def test_each_lead_time_is_reminded_exactly_once_even_if_the_job_runs_twice(case):
    for day, expected_days in ((D(2026, 11, 1), 30), (D(2026, 11, 17), 14), (D(2026, 11, 24), 7), (D(2026, 11, 29), 2)):
        assert send_deadline_reminders(today=day) == 1
        assert send_deadline_reminders(today=day) == 0
        call_command("landpolicy_send_reminders", today=day.isoformat(), stdout=io.StringIO())
        assert mail.outbox[-1].subject.startswith(f"Vorkaufsfrist: noch {expected_days} Tage")
    assert len(mail.outbox) == 4
    assert mail.outbox[0].to == ["frist@example.org"]
    body = mail.outbox[0].body
    assert "1. Dezember 2026" in body and "§ 28 Abs. 2 Satz 1 BauGB" in body
    # The mail says where and when, never who sells to whom for how much.
    assert case.seller not in body and case.buyer not in body and "4200000" not in body.replace(".", "")
    assert send_deadline_reminders(today=D(2026, 12, 2)) == 0  # the deadline has passed


def test_lead_times_reached_at_once_give_one_mail(case):
    assert send_deadline_reminders(today=D(2026, 11, 20)) == 1  # 11 days left: 30 and 14 reached together
    assert len(mail.outbox) == 1
    assert set(DeadlineReminder.objects.values_list("lead_days", flat=True)) == {30, 14}


def test_an_administrator_sets_the_lead_times(case):
    policy = ReminderPolicy.current()
    policy.lead_days = "10, 3"
    policy.save()
    assert send_deadline_reminders(today=D(2026, 11, 17)) == 0  # 14 days left: no longer a lead time
    assert send_deadline_reminders(today=D(2026, 11, 21)) == 1


def test_a_decided_case_is_not_reminded_and_an_extended_one_starts_again(case):
    send_deadline_reminders(today=D(2026, 11, 29))
    preemption.case_add_step(case=case, kind=StepKind.EXTENSION, on_date=D(2026, 11, 25), by=case.created_by)
    case.refresh_from_db()
    assert case.deadline == D(2027, 2, 1)  # 1 December + two months from the day after (§ 190 BGB)
    assert send_deadline_reminders(today=D(2027, 1, 2)) == 1  # 30 days before the new deadline
    other = CaseFactory(notified_on=D(2026, 9, 2))
    preemption.case_add_step(case=other, kind=StepKind.WAIVER, on_date=D(2026, 9, 10), by=other.created_by)
    assert send_deadline_reminders(today=D(2026, 11, 29)) == 0


def test_without_anyone_responsible_the_internal_team_is_reminded(case):
    jana = case.created_by
    jana.is_active = False
    jana.save()
    colleague = UserFactory(role=Role.TEAM_INTERNAL, email="kollegin@example.org")
    UserFactory(role=Role.TEAM_EXTERNAL, email="extern@example.org")
    send_deadline_reminders(today=D(2026, 11, 29))
    assert {address for message in mail.outbox for address in message.to} == {colleague.email}
