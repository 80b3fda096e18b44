"""The daily reminder mail of follow-ups (``advice.reminders`` and ``manage.py advice_send_reminders``)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinwohl.accounts.actions import user_set_role, user_update_profile
from gemeinwohl.accounts.models import Role
from gemeinwohl.advice import actions
from gemeinwohl.advice.actions import ActivityInput
from gemeinwohl.advice.models import ActivityKind, ReminderLog, State
from gemeinwohl.advice.reminders import send_daily_reminders
from gemeinwohl.advice.tests.factories import CaseFactory
from gemeinwohl.core.deadlines import add_working_days, is_working_day

pytestmark = pytest.mark.django_db


def next_working_day(day: datetime.date) -> datetime.date:
    while not is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


# A working day from today on: the actions only accept dates near the real today.
TODAY = next_working_day(timezone.localdate())


def follow_up(case, *, by, due_date, title="Rückruf bei der Initiative", assignee=None):
    return actions.activity_record(
        case=case,
        by=by,
        data=ActivityInput(kind=ActivityKind.CALL, title=title, due_date=due_date, assignee=assignee),
    )


@pytest.fixture
def worker(users):
    return users["team_external"]


@pytest.fixture
def case(users, worker):
    # The timeline's own follow-ups lie ten working days ahead: outside the mail.
    case = CaseFactory(group_name="Hausgemeinschaft Wrangelstraße 66")
    actions.case_assign(case=case, assignee=worker, by=users["team_internal"])
    return case


def test_one_mail_lists_overdue_today_and_soon_with_links(case, worker, settings):
    # given follow-ups overdue, due today, due in two working days and due later
    settings.SITE_URL = "https://gemeinwohl.example"
    follow_up(case, by=worker, due_date=TODAY - datetime.timedelta(days=3), title="Unterlagen anfordern")
    follow_up(case, by=worker, due_date=TODAY, title="Termin beim Bezirksamt abstimmen")
    follow_up(case, by=worker, due_date=add_working_days(TODAY, 2), title="Rückmeldung an die Initiative")
    follow_up(case, by=worker, due_date=add_working_days(TODAY, 3), title="Später zu erledigen")
    mail.outbox.clear()

    # when the reminders go out
    sent = send_daily_reminders(today=TODAY)

    # then the assignee gets one mail, grouped, with reference, group, title, date and link
    assert sent == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [worker.email]
    assert message.subject == f"Beratung: 3 Wiedervorlagen am {TODAY:%d.%m.%Y}"
    body = message.body
    assert body.index("Überfällig") < body.index("Unterlagen anfordern") < body.index("Heute fällig")
    assert body.index("Heute fällig") < body.index("Termin beim Bezirksamt") < body.index("Demnächst")
    assert body.index("Demnächst") < body.index("Rückmeldung an die Initiative")
    assert "Später zu erledigen" not in body
    assert f"{case.reference} · Hausgemeinschaft Wrangelstraße 66" in body
    assert f"fällig am {TODAY:%d.%m.%Y}" in body
    assert f"https://gemeinwohl.example/beratung/faelle/{case.pk}/" in body


def test_a_second_run_the_same_day_sends_nothing(case, worker):
    follow_up(case, by=worker, due_date=TODAY)
    mail.outbox.clear()

    assert send_daily_reminders(today=TODAY) == 1
    assert send_daily_reminders(today=TODAY) == 0

    assert len(mail.outbox) == 1
    assert ReminderLog.objects.filter(user=worker, day=TODAY).count() == 1


def test_the_next_day_reminds_again(case, worker):
    follow_up(case, by=worker, due_date=TODAY)
    send_daily_reminders(today=TODAY)
    mail.outbox.clear()

    assert send_daily_reminders(today=next_working_day(TODAY + datetime.timedelta(days=1))) == 1


def test_nobody_without_something_due_gets_a_mail(case, worker):
    follow_up(case, by=worker, due_date=add_working_days(TODAY, 3))
    actions.activity_record(
        case=case, by=worker, data=ActivityInput(kind=ActivityKind.CALL, title="Erledigt", done_on=timezone.localdate())
    )
    mail.outbox.clear()

    assert send_daily_reminders(today=TODAY) == 0
    assert mail.outbox == []


def test_each_assignee_gets_their_own_follow_ups_only(case, worker, users):
    colleague = users["team_internal"]
    follow_up(case, by=worker, due_date=TODAY, title="Für Lea")
    follow_up(case, by=worker, due_date=TODAY, title="Für die Kollegin", assignee=colleague)
    mail.outbox.clear()

    assert send_daily_reminders(today=TODAY) == 2

    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Für Lea" in bodies[worker.email] and "Für die Kollegin" not in bodies[worker.email]
    assert "Für die Kollegin" in bodies[colleague.email] and "Für Lea" not in bodies[colleague.email]


@pytest.mark.parametrize("target", [State.CLOSED, State.DECLINED])
def test_finished_cases_are_never_listed(case, worker, target):
    follow_up(case, by=worker, due_date=TODAY)
    actions.case_transition(case=case, target=State.CLARIFYING, by=worker)
    actions.case_transition(case=case, target=target, by=worker)
    mail.outbox.clear()

    assert send_daily_reminders(today=TODAY) == 0


def test_anonymised_cases_are_never_listed(case, worker):
    follow_up(case, by=worker, due_date=TODAY)
    # (the retention command only anonymises finished cases; here the guard itself is under test)
    type(case).objects.filter(pk=case.pk).update(anonymised_at=timezone.now())
    mail.outbox.clear()

    assert send_daily_reminders(today=TODAY) == 0


def test_deactivated_or_former_team_accounts_get_nothing(case, worker, users):
    follow_up(case, by=worker, due_date=TODAY)
    user_set_role(user=worker, role=Role.TEAM_EXTERNAL, is_active=False, by=users["admin"])
    mail.outbox.clear()

    assert send_daily_reminders(today=TODAY) == 0

    user_set_role(user=worker, role=Role.REGISTERED, is_active=True, by=users["admin"])
    assert send_daily_reminders(today=TODAY) == 0


def test_the_mail_is_in_the_assignees_language(case, worker):
    user_update_profile(user=worker, name=worker.name, language="en")
    follow_up(case, by=worker, due_date=TODAY - datetime.timedelta(days=1))
    mail.outbox.clear()

    send_daily_reminders(today=TODAY)

    text = mail.outbox[0].subject + mail.outbox[0].body
    # The English catalogue may lag behind new texts; the dates already follow the language.
    assert f"{TODAY:%d.%m.%Y}" not in text
    assert TODAY.strftime("%m/%d/%Y") in text


def test_no_mail_on_weekends_and_holidays(case, worker):
    follow_up(case, by=worker, due_date=TODAY)
    saturday = TODAY + datetime.timedelta(days=(5 - TODAY.weekday()) % 7)

    assert send_daily_reminders(today=saturday) == 0
    assert send_daily_reminders(today=datetime.date(TODAY.year, 12, 25)) == 0


def test_queries_do_not_grow_with_the_follow_ups(users, worker):
    def run_with(count: int) -> int:
        ReminderLog.objects.all().delete()
        case = CaseFactory()
        actions.case_assign(case=case, assignee=worker, by=users["team_internal"])
        for number in range(count):
            follow_up(case, by=worker, due_date=TODAY - datetime.timedelta(days=number % 5))
        with CaptureQueriesContext(connection) as captured:
            assert send_daily_reminders(today=TODAY) == 1
        return len(captured)

    assert run_with(2) == run_with(25)


def test_the_command_sends_and_says_how_many(case, worker):
    follow_up(case, by=worker, due_date=TODAY)
    mail.outbox.clear()
    out = StringIO()

    call_command("advice_send_reminders", "--tag", TODAY.isoformat(), stdout=out)
    call_command("advice_send_reminders", "--tag", TODAY.isoformat(), stdout=out)

    assert out.getvalue().splitlines() == ["1 Erinnerungen verschickt.", "0 Erinnerungen verschickt."]
    assert len(mail.outbox) == 1
