"""The demo advice cases of ``manage.py load_demo``: every stage of the work, loadable any number of times."""

import pytest
from django.apps import apps
from django.utils import timezone

from gemeinwohl.accounts import demo as accounts_demo
from gemeinwohl.advice import demo
from gemeinwohl.advice.models import FINISHED_STATES, Activity, Case, State
from gemeinwohl.core.deadlines import pre_emption_period_end
from gemeinwohl.directory import demo as directory_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    accounts = accounts_demo.load()
    directory_demo.load(accounts=accounts)
    return accounts


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_app_config("advice").get_models()}


def test_loading_twice_adds_nothing_the_second_time(accounts):
    # given the demo cases loaded once
    first = demo.load(accounts=accounts)
    counts = row_counts()

    # when they are loaded again
    second = demo.load(accounts=accounts)

    # then no advice table gained a row
    assert first == second == {"cases": len(demo.SPECS)}
    assert row_counts() == counts


def test_every_stage_of_the_work_is_there(accounts, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(accounts=accounts)
    today = timezone.localdate()
    cases = Case.objects.all()

    # the inbox: new requests nobody has taken yet, one of them in English
    inbox = cases.filter(state=State.NEW, assignee__isnull=True)
    assert inbox.count() >= 2
    assert inbox.filter(language="en").exists()
    # a notified sale with the pre-emption period running, and a deadline next week
    sale = cases.get(sale_notified_on__isnull=False)
    assert pre_emption_period_end(sale.sale_notified_on) > today
    assert cases.filter(deadline__gt=today, deadline__lte=today + timezone.timedelta(days=8)).exists()
    # assigned to the team, moved along, one closed and one declined
    assert cases.filter(assignee__email="intern@gemeinwohl.example").exists()
    assert cases.filter(assignee__email="extern@gemeinwohl.example").exists()
    assert {State.CLARIFYING, State.ADVISING, State.REFERRED, State.CLOSED, State.DECLINED} <= set(
        cases.values_list("state", flat=True)
    )
    assert cases.filter(state__in=FINISHED_STATES, closed_at__isnull=False).count() == 2
    # work done and due: activities with minutes, shared notes, a referral, follow-ups for the reminders
    assert Activity.objects.filter(done_on__isnull=False, minutes__gt=0).count() >= 5
    assert cases.filter(notes__shared_with_requester=True).distinct().count() >= 3
    assert cases.filter(referrals__organisation__name="Wohnungsgenossenschaft Kreuzberger Höfe eG").exists()
    assert Activity.objects.pending().filter(assignee__isnull=False).exists()
    assert all(case.reference and case.first_response_at for case in cases.exclude(state=State.NEW))
    # and the mails of the actions render (load_demo sends them nowhere)
    assert len([message for message in mailoutbox if message.to == ["oranienhof.demo@mail.example"]]) >= 2


def test_one_case_is_shared_with_the_demo_bezirksamt(accounts):
    demo.load(accounts=accounts)

    shared = Case.objects.visible_to(accounts["bezirksamt@gemeinwohl.example"])

    assert shared.count() == 1
    assert not Case.objects.visible_to(accounts["initiative@gemeinwohl.example"]).exists()
