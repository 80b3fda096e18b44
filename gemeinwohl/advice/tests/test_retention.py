"""Anonymising finished cases after the retention period (``advice.retention``, ``manage.py advice_anonymise``)."""

import datetime
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from gemeinwohl.advice import actions
from gemeinwohl.advice.actions import ActivityInput, ReferralInput, _hash_token
from gemeinwohl.advice.models import (
    ActivityKind,
    Case,
    Document,
    Note,
    ReferralOutcome,
    RetentionPolicy,
    State,
    StateChange,
    Topic,
)
from gemeinwohl.advice.retention import ANONYMISED_EMAIL, anonymise_expired_cases
from gemeinwohl.advice.tests.factories import CaseFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% Testdokument\n%%EOF\n"


def pdf(name="unterlagen.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def close(case, *, by, days_ago: int, target=State.CLOSED) -> Case:
    """Finish the case through the actions, then date its closing back (the actions only know "now")."""
    actions.case_transition(case=case, target=State.CLARIFYING, by=by)
    actions.case_transition(case=case, target=target, by=by)
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - datetime.timedelta(days=days_ago))
    case.refresh_from_db()
    return case


@pytest.fixture
def worker(users):
    return users["team_internal"]


@pytest.fixture
def full_case(worker):
    """A case with everything a requester and the team leave on it."""
    case = CaseFactory(
        group_name="Hausgemeinschaft Wrangelstraße 66",
        contact_name="Kim Beispiel",
        email="kim@example.org",
        phone="030 123456",
        address="Wrangelstraße 66, 10997 Berlin",
        topics=[Topic.SALE, Topic.LEASEHOLD],
        deadline=timezone.localdate() + datetime.timedelta(days=20),
        deadline_note="Notartermin",
    )
    actions.case_assign(case=case, assignee=worker, by=worker)
    actions.requester_add_information(case=case, text="Unser Vermieter heißt Herr Muster.", upload=pdf("brief.pdf"))
    actions.note_add(case=case, by=worker, text="Frau Beispiel wirkt besorgt.")
    actions.note_add(case=case, by=worker, text="Wir melden uns nächste Woche.", shared=True)
    actions.note_add(case=case, by=worker, text="Vorkauf wird geprüft.", visibility=Visibility.INTERNAL)
    actions.document_add(case=case, by=worker, upload=pdf("vermerk.pdf"))
    actions.activity_record(
        case=case,
        by=worker,
        data=ActivityInput(
            kind=ActivityKind.CALL,
            title="Telefonat mit Kim Beispiel",
            done_on=timezone.localdate(),
            minutes=30,
            note="Sie erzählt von ihrer Familie.",
        ),
    )
    first_step = case.activities.get(step__isnull=False)
    actions.activity_complete(activity=first_step, by=worker, done_on=timezone.localdate(), minutes=45)
    organisation = OrganisationFactory(name="Stiftung Boden für Alle")
    referral = actions.referral_add(
        case=case,
        by=worker,
        data=ReferralInput(
            organisation=organisation,
            referred_on=timezone.localdate(),
            reason="Frau Beispiel braucht einen Erbbaurechtsvertrag.",
            contact_person=PersonFactory(),
        ),
    )
    actions.referral_record_outcome(
        referral=referral, by=worker, outcome=ReferralOutcome.HELPED, note="Kim ist zufrieden"
    )
    actions.case_set_links(
        case=case, by=worker, data=actions.LinksInput(people=[PersonFactory()], organisations=[organisation])
    )
    return case


def test_a_case_closed_two_years_ago_stays_with_the_default_period(full_case, worker):
    close(full_case, by=worker, days_ago=2 * 365)

    assert anonymise_expired_cases() == 0

    full_case.refresh_from_db()
    assert full_case.anonymised_at is None
    assert full_case.contact_name == "Kim Beispiel"


def test_a_case_closed_beyond_the_default_three_years_is_anonymised(full_case, worker):
    close(full_case, by=worker, days_ago=3 * 365 + 1)

    assert anonymise_expired_cases() == 1


def test_with_a_period_of_a_year_everything_personal_goes(full_case, worker, django_capture_on_commit_callbacks):
    # given a case closed two years ago, and the administrator's period set to a year
    policy = RetentionPolicy.current()
    policy.anonymise_after_days = 365
    policy.save()
    close(full_case, by=worker, days_ago=2 * 365)
    token = full_case.status_token
    files = list(Document.objects.filter(case=full_case).values_list("file", flat=True))
    assert len(files) == 2 and all(default_storage.exists(name) for name in files)
    state_changes = list(StateChange.objects.filter(case=full_case).values_list("source", "target", "at"))

    # when the retention job runs
    with django_capture_on_commit_callbacks(execute=True):
        assert anonymise_expired_cases() == 1

    # then the requester's data is gone
    case = Case.objects.get(pk=full_case.pk)
    assert case.anonymised_at is not None
    assert (case.group_name, case.contact_name, case.email) == ("anonymisiert", "anonymisiert", ANONYMISED_EMAIL)
    assert (case.phone, case.address, case.deadline_note) == ("", "", "")
    assert case.description == "[anonymisiert]"
    # the status link no longer resolves
    assert case.status_token_hash == ""
    assert not Case.objects.filter(status_token_hash=_hash_token(token)).exists()
    # notes: the requester's gone, the team's emptied
    assert not Note.objects.filter(case=case, from_requester=True).exists()
    assert set(Note.objects.filter(case=case).values_list("text", flat=True)) == {"[anonymisiert]"}
    assert Note.objects.filter(case=case).count() == 3
    # documents: rows and files
    assert not Document.objects.filter(case=case).exists()
    assert not any(default_storage.exists(name) for name in files)
    # links to the address book
    assert not case.people.exists() and not case.organisations.exists()
    activity = case.activities.get(done_on__isnull=False, step__isnull=True)
    assert (activity.title, activity.note) == ("[anonymisiert]", "")
    referral = case.referrals.get()
    assert (referral.reason, referral.outcome_note, referral.contact_person) == ("", "", None)

    # and what the figures count stays
    assert case.reference.startswith("B-")
    assert case.state == State.CLOSED and case.closed_at is not None and case.received_at is not None
    assert case.first_response_at is not None
    assert set(case.topic_rows.values_list("topic", flat=True)) == {Topic.SALE, Topic.LEASEHOLD}
    assert list(StateChange.objects.filter(case=case).values_list("source", "target", "at")) == state_changes
    assert (referral.organisation.name, referral.outcome) == ("Stiftung Boden für Alle", ReferralOutcome.HELPED)
    assert (activity.kind, activity.minutes) == (ActivityKind.CALL, 30)
    # the timeline's steps keep their titles: they come from the case type, not from the requester
    step = case.activities.get(step__isnull=False, done_on__isnull=False)
    assert (step.title, step.minutes) == ("Erstgespräch mit der Initiative", 45)


def test_declined_cases_are_anonymised_too(worker):
    case = close(CaseFactory(), by=worker, days_ago=3 * 365 + 1, target=State.DECLINED)

    assert anonymise_expired_cases() == 1
    case.refresh_from_db()
    assert case.is_anonymised


def test_open_and_reopened_cases_are_never_anonymised(worker):
    # given a case that was closed long ago and then reopened, and a case never closed
    reopened = close(CaseFactory(), by=worker, days_ago=4 * 365)
    actions.case_transition(case=reopened, target=State.ADVISING, by=worker)
    never_closed = CaseFactory(now=timezone.now() - datetime.timedelta(days=5 * 365))

    assert anonymise_expired_cases() == 0

    reopened.refresh_from_db()
    never_closed.refresh_from_db()
    assert reopened.closed_at is None and reopened.anonymised_at is None
    assert never_closed.anonymised_at is None


def test_anonymised_cases_are_skipped_the_next_time(worker):
    case = close(CaseFactory(), by=worker, days_ago=3 * 365 + 10)
    anonymise_expired_cases()
    case.refresh_from_db()
    first = case.anonymised_at

    assert anonymise_expired_cases(now=timezone.now() + datetime.timedelta(days=1)) == 0
    case.refresh_from_db()
    assert case.anonymised_at == first


def test_no_more_mails_reach_the_requester_of_an_anonymised_case(worker, mailoutbox):
    case = close(CaseFactory(), by=worker, days_ago=3 * 365 + 1)
    anonymise_expired_cases()

    from gemeinwohl.advice import mails

    mails.send_progress(case_id=case.pk)
    assert mailoutbox == []


def test_the_command_counts_with_dry_run_and_then_anonymises(worker):
    case = close(CaseFactory(), by=worker, days_ago=3 * 365 + 1)
    close(CaseFactory(), by=worker, days_ago=30)
    out = StringIO()

    call_command("advice_anonymise", "--dry-run", stdout=out)
    case.refresh_from_db()
    assert case.anonymised_at is None

    call_command("advice_anonymise", stdout=out)
    call_command("advice_anonymise", stdout=out)

    assert out.getvalue().splitlines() == [
        "1 Fälle würden anonymisiert (Aufbewahrungsfrist: 1095 Tage).",
        "1 Fälle anonymisiert (Aufbewahrungsfrist: 1095 Tage).",
        "0 Fälle anonymisiert (Aufbewahrungsfrist: 1095 Tage).",
    ]
    case.refresh_from_db()
    assert case.is_anonymised
