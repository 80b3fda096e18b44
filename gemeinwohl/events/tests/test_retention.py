"""Registrants' details go a set time after the event; the figures stay."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from gemeinwohl.directory.models import Sector
from gemeinwohl.events import actions, mails
from gemeinwohl.events.actions import QuestionInput, WalkInInput
from gemeinwohl.events.figures import events_figures
from gemeinwohl.events.models import EventRetentionPolicy, Registration, RegistrationAnswer, RegistrationStatus
from gemeinwohl.events.retention import anonymise_expired_registrations, expired_registrations
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quiet_mails(monkeypatch):
    for name in dir(mails):
        if name.startswith("send_"):
            monkeypatch.setattr(mails, name, lambda **kwargs: None)


def held(days_ago: int, team):
    """An event ``days_ago`` days ago with a question: one came, one did not, one cancelled, one walk-in."""
    event = EventFactory(start=in_days(-days_ago), questions=[QuestionInput(label="Was erwarten Sie?")], by=team)
    question = event.questions.get()
    before = event.start - datetime.timedelta(days=7)
    came, _absent, cancelled = (
        RegistrationFactory(
            event=event,
            now=before,
            sector=Sector.CIVIL_SOCIETY,
            organisation="Initiative Wrangelkiez",
            accessibility_needs="Rollstuhl",
            answers={question.pk: "Austausch"},
        )
        for _ in range(3)
    )
    actions.registration_cancel(registration=cancelled, now=before + datetime.timedelta(days=1))
    actions.attendance_record(registration=came, attended=True, by=team, now=event.start)
    actions.walk_in_add(
        event=event,
        data=WalkInInput(name="Kim Nachtrag", email="kim@example.org", sector=Sector.POLITICS),
        by=team,
        now=event.start,
    )
    actions.attendance_close(event=event, by=team, now=event.end)
    return event


def figures_of(event, reader):
    day = timezone.localdate(event.start)
    return events_figures(fetched_by=reader, start=day, end=day).events[0].counts


def test_after_six_months_the_details_go_and_the_counts_stay(users):
    # given an event seven months ago, with its figures as they were
    team = users["team_internal"]
    event = held(213, team)
    before = figures_of(event, team)
    statuses = dict(event.registrations.values_list("pk", "status"))

    # when the retention runs (the default period: six months)
    count = anonymise_expired_registrations()

    # then all four registrations lost name, address, organisation, needs and answers
    assert count == 4
    for registration in Registration.objects.filter(event=event):
        assert (registration.name, registration.email, registration.organisation) == ("", "", "")
        assert registration.accessibility_needs == ""
        assert registration.anonymised_at is not None
        assert str(registration) == "anonymisiert"
    assert not RegistrationAnswer.objects.filter(registration__event=event).exists()
    # and status, sector, attendance and walk-in stay, so the figures are the same
    assert dict(event.registrations.values_list("pk", "status")) == statuses
    assert set(event.registrations.values_list("sector", "attended", "walk_in")) == {
        (Sector.CIVIL_SOCIETY, True, False),
        (Sector.CIVIL_SOCIETY, False, False),
        (Sector.CIVIL_SOCIETY, None, False),
        (Sector.POLITICS, True, True),
    }
    assert figures_of(event, team) == before
    assert event.registrations.filter(status=RegistrationStatus.CANCELLED).count() == 1


def test_recent_and_coming_events_are_left_alone(users):
    team = users["team_internal"]
    recent = held(150, team)
    coming = EventFactory(start=in_days(10), by=team)
    RegistrationFactory(event=coming, name="Ada Zukunft")

    assert anonymise_expired_registrations() == 0
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()
    assert recent.registrations.exclude(name="").count() == 4
    assert coming.registrations.get().name == "Ada Zukunft"


def test_the_period_is_what_the_administrator_set(users):
    # given an event three months ago and a retention of two months
    event = held(92, users["team_internal"])
    EventRetentionPolicy.objects.update_or_create(pk=1, defaults={"anonymise_after_months": 2})

    # then its registrations are due and are anonymised
    assert expired_registrations().count() == 4
    assert anonymise_expired_registrations() == 4
    assert not event.registrations.exclude(name="").exists()


def test_the_command_is_idempotent_and_has_a_dry_run(users):
    held(400, users["team_internal"])

    dry = StringIO()
    call_command("events_anonymise", "--dry-run", stdout=dry)
    assert dry.getvalue().strip() == "4 Anmeldungen würden anonymisiert (Aufbewahrungsfrist: 6 Monate)."
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()

    first, second = StringIO(), StringIO()
    call_command("events_anonymise", stdout=first)
    stamps = list(Registration.objects.values_list("anonymised_at", flat=True))
    call_command("events_anonymise", stdout=second)

    assert "4 Anmeldungen anonymisiert" in first.getvalue()
    assert "0 Anmeldungen anonymisiert" in second.getvalue()
    assert list(Registration.objects.values_list("anonymised_at", flat=True)) == stamps
