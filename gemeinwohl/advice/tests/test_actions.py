"""The rules the actions hold, whichever page or command calls them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gemeinwohl.advice import actions
from gemeinwohl.advice.models import Activity, CaseType, State
from gemeinwohl.advice.tests.factories import CaseFactory, RequestInputFactory
from gemeinwohl.core.deadlines import add_working_days

pytestmark = pytest.mark.django_db


def test_a_request_gets_a_reference_and_the_first_step_due_in_ten_working_days():
    now = timezone.make_aware(datetime.datetime(2026, 12, 16, 10, 0))
    case = CaseFactory(now=now)
    assert case.reference == f"B-2026-{case.pk:05d}"
    step = case.activities.get()
    assert step.due_date == add_working_days(datetime.date(2026, 12, 16), 10) == datetime.date(2026, 12, 31)


def test_urgency_is_the_earlier_of_deadline_and_pre_emption_period():
    today = timezone.localdate()
    case = CaseFactory(
        deadline=today + datetime.timedelta(days=60), sale_notified_on=today - datetime.timedelta(days=70)
    )
    assert case.respond_by < today + datetime.timedelta(days=60)
    case = CaseFactory(deadline=today + datetime.timedelta(days=5), sale_notified_on=today)
    assert case.respond_by == today + datetime.timedelta(days=5)


def test_unknown_topics_are_dropped_and_none_left_is_refused():
    with pytest.raises(ValidationError) as error:
        actions.request_submit(data=RequestInputFactory(topics=["unbekannt"]))
    assert "topics" in error.value.error_dict


def test_a_team_type_change_replaces_the_open_timeline(users):
    case = CaseFactory()
    urgent_type = CaseType.objects.get(name="Verkauf mit laufender Vorkaufsfrist")
    actions.case_change_type(case=case, case_type=urgent_type, by=users["team_internal"])
    step = case.activities.get(done_on__isnull=True)
    assert step.step.case_type == urgent_type
    assert step.due_date == add_working_days(timezone.localdate(), 3)


def test_a_type_without_a_way_on_cannot_strand_a_case(users):
    case = CaseFactory()
    actions.case_transition(case=case, target=State.CLARIFYING, by=users["team_internal"])
    dead_end = CaseType.objects.create(name="Sackgasse")
    with pytest.raises(ValidationError):
        actions.case_change_type(case=case, case_type=dead_end, by=users["team_internal"])


def test_finishing_a_case_drops_what_was_still_due_and_records_when(users):
    case = CaseFactory()
    actions.case_transition(case=case, target=State.DECLINED, by=users["team_external"])
    case.refresh_from_db()
    assert case.closed_at is not None
    assert not Activity.objects.filter(case=case, done_on__isnull=True).exists()
    actions.case_transition(case=case, target=State.CLARIFYING, by=users["team_external"])
    case.refresh_from_db()
    assert case.closed_at is None


def test_the_first_response_is_the_first_shared_note_or_contact(users):
    case = CaseFactory()
    actions.note_add(case=case, by=users["team_internal"], text="intern")
    case.refresh_from_db()
    assert case.first_response_at is None
    note = actions.note_add(case=case, by=users["team_internal"], text="Hallo!", shared=True)
    case.refresh_from_db()
    assert case.first_response_at == note.created_at
    actions.activity_record(
        case=case,
        by=users["team_internal"],
        data=actions.ActivityInput(kind="anruf", title="Anruf", done_on=timezone.localdate()),
    )
    case.refresh_from_db()
    assert case.first_response_at == note.created_at


def test_planned_activities_without_any_date_are_refused(users):
    case = CaseFactory()
    with pytest.raises(ValidationError):
        actions.activity_record(
            case=case, by=users["team_internal"], data=actions.ActivityInput(kind="anruf", title="x")
        )


@pytest.mark.parametrize("role", ["registered", "bezirksamt"])
def test_only_the_team_changes_cases(users, role):
    case = CaseFactory()
    with pytest.raises(PermissionDenied):
        actions.case_transition(case=case, target=State.CLARIFYING, by=users[role])
    with pytest.raises(PermissionDenied):
        actions.case_assign(case=case, assignee=users["team_internal"], by=users[role])


def test_sharing_only_with_bezirksamt_accounts(users):
    case = CaseFactory()
    with pytest.raises(ValidationError):
        actions.case_share(case=case, user=users["registered"], by=users["team_internal"])


def test_links_to_hidden_entries_survive_a_reader_who_cannot_see_them(users):
    from gemeinwohl.directory.tests.factories import OrganisationFactory

    case = CaseFactory()
    hidden = OrganisationFactory(visibility=30)
    seen = OrganisationFactory(visibility=20)
    actions.case_set_links(case=case, by=users["team_internal"], data=actions.LinksInput(organisations=[hidden, seen]))
    actions.case_set_links(case=case, by=users["team_external"], data=actions.LinksInput(organisations=[]))
    assert list(case.organisations.all()) == [hidden]


def test_mails_are_plain_text_without_html_escapes(django_capture_on_commit_callbacks):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        CaseFactory(group_name="Haus & Hof <Kiezladen>")
    assert "„Haus & Hof <Kiezladen>“" in mail.outbox[0].body
