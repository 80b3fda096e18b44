"""The reminder the day before: to everyone with a place, once, by the Berlin date."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from gemeinwohl.events import actions, mails
from gemeinwohl.events.models import Registration
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days


@pytest.fixture
def team(users):
    return users["team_internal"]


def reminded() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox if message.subject.startswith("Morgen:"))


def test_places_for_tomorrow_are_reminded_once(team):
    # given an event tomorrow with two places: one holder, one who cancelled (the first waiting moved up), one waiting
    event = EventFactory(title="Werkstatt morgen", start=in_days(1, hour=18), capacity=2, by=team)
    holder = RegistrationFactory(event=event, email="platz@example.org")
    gone = RegistrationFactory(event=event, email="weg@example.org")
    RegistrationFactory(event=event, email="nachgerueckt@example.org")
    RegistrationFactory(event=event, email="warten@example.org")
    actions.registration_cancel(registration=gone)
    mail.outbox.clear()

    # when the command runs
    out = StringIO()
    call_command("events_send_reminders", stdout=out)

    # then those with a place get the reminder with their link, and are marked
    assert reminded() == ["nachgerueckt@example.org", "platz@example.org"]
    assert "2 Erinnerungen verschickt." in out.getvalue()
    message = next(m for m in mail.outbox if m.to == ["platz@example.org"])
    assert message.subject == "Morgen: Werkstatt morgen"
    assert "/veranstaltungen/anmeldung/" in message.body
    holder.refresh_from_db()
    assert holder.reminded_at is not None

    # and a second run sends nothing twice
    mail.outbox.clear()
    call_command("events_send_reminders", stdout=StringIO())
    assert mail.outbox == []


def test_only_events_starting_tomorrow_count(team):
    for days, email in ((0, "heute@example.org"), (1, "morgen@example.org"), (2, "uebermorgen@example.org")):
        event = EventFactory(start=in_days(days, hour=20), by=team)
        RegistrationFactory(event=event, email=email, now=in_days(-3))
    mail.outbox.clear()

    assert mails.send_reminders() == 1
    assert reminded() == ["morgen@example.org"]


def test_the_day_is_the_berlin_date_not_utc(team):
    # given an event at 00:30 Berlin time on 11 March, and 23:30 UTC on 9 March (00:30 on 10 March in Berlin)
    berlin = timezone.get_default_timezone()
    start = datetime.datetime(2031, 3, 11, 0, 30, tzinfo=berlin)
    event = EventFactory(start=start, end=start + datetime.timedelta(hours=2), by=team)
    RegistrationFactory(event=event, email="nachts@example.org", now=start - datetime.timedelta(days=5))
    mail.outbox.clear()
    late_in_utc = datetime.datetime(2031, 3, 9, 23, 30, tzinfo=datetime.UTC)

    # then the run at that moment reminds (tomorrow in Berlin is 11 March), a run a day earlier does not
    assert mails.send_reminders(late_in_utc - datetime.timedelta(days=1)) == 0
    assert mails.send_reminders(late_in_utc) == 1


def test_cancelled_events_and_anonymised_registrations_get_no_reminder(team):
    cancelled = EventFactory(start=in_days(1), by=team)
    RegistrationFactory(event=cancelled, email="abgesagt@example.org")
    actions.event_cancel(event=cancelled, by=team)
    event = EventFactory(start=in_days(1), by=team)
    anonymised = RegistrationFactory(event=event)
    Registration.objects.filter(pk=anonymised.pk).update(anonymised_at=timezone.now(), email="", name="")
    mail.outbox.clear()

    assert mails.send_reminders() == 0
    assert mail.outbox == []


def test_a_reminder_that_fails_is_tried_again_next_time(team, monkeypatch):
    event = EventFactory(start=in_days(1), by=team)
    registration = RegistrationFactory(event=event, email="spaeter@example.org")
    mail.outbox.clear()
    real_send = mails.EmailMessage.send
    monkeypatch.setattr(mails.EmailMessage, "send", lambda message, *a, **k: (_ for _ in ()).throw(OSError("down")))

    assert mails.send_reminders() == 0
    registration.refresh_from_db()
    assert registration.reminded_at is None

    monkeypatch.setattr(mails.EmailMessage, "send", real_send)
    assert mails.send_reminders() == 1


def test_the_reminder_is_in_the_registrants_language(team):
    event = EventFactory(start=in_days(1), by=team)
    RegistrationFactory(event=event, language="en")
    mail.outbox.clear()

    mails.send_reminders()

    weekday = timezone.localtime(event.start).strftime("%A")
    assert weekday in mail.outbox[0].body
