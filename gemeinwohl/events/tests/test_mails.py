"""Mails to registrants: what each says, what it carries, in whose language, and to whom not."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from gemeinwohl.events import actions, mails
from gemeinwohl.events.models import Event, Registration, RegistrationStatus
from gemeinwohl.events.tests.factories import EventFactory, EventInputFactory, RegistrationFactory, in_days
from gemeinwohl.events.tokens import registration_for_token


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://gemeinwohl.example"
    settings.DEFAULT_FROM_EMAIL = "AKS Gemeinwohl <aks@gemeinwohl.example>"


@pytest.fixture
def team(users):
    return users["team_internal"]


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the block's after-commit mails and hand back what went out in it."""

    class Outbox:
        def __init__(self):
            self.messages = []

        def __enter__(self):
            self._before = len(mail.outbox)
            self._capture = django_capture_on_commit_callbacks(execute=True)
            self._capture.__enter__()
            return self

        def __exit__(self, *exc):
            self._capture.__exit__(*exc)
            self.messages[:] = mail.outbox[self._before :]

    return Outbox


def calendar_in(message):
    """The calendar attachment of ``message`` (method from its content type), or None."""
    for attachment in message.attachments:
        if getattr(attachment, "get_content_type", lambda: "")() == "text/calendar":
            return attachment.get_param("method"), Calendar.from_ical(attachment.get_payload(decode=True))
    return None


def links_to(registration, text: str) -> bool:
    """Whether ``text`` holds the private link to ``registration`` (a signed link differs from second to second)."""
    tokens = re.findall(r"https://gemeinwohl\.example/veranstaltungen/anmeldung/([^/\s]+)/", str(text))
    return any(getattr(registration_for_token(token), "pk", None) == registration.pk for token in tokens)


def test_a_confirmed_place_gets_the_calendar_entry_and_the_private_link(team, sent):
    # given an event with places
    event = EventFactory(title="Werkstatt Bodenfonds", by=team)

    # when someone registers
    with sent() as outbox:
        registration = RegistrationFactory(event=event, name="Kim Sommer", email="kim@example.org")

    # then they get one mail: place confirmed, the private link, the event as a request addressed to them
    (message,) = outbox.messages
    assert message.to == ["kim@example.org"]
    assert message.subject == "Anmeldung bestätigt: Werkstatt Bodenfonds"
    assert "Guten Tag Kim Sommer," in message.body
    assert "Ihr Platz ist bestätigt" in message.body
    assert links_to(registration, message.body)
    assert f"https://gemeinwohl.example/veranstaltungen/{event.pk}/" in message.body
    method, calendar = calendar_in(message)
    assert method == "REQUEST"
    (entry,) = calendar.walk("VEVENT")
    assert entry["UID"] == f"event-{event.pk}@gemeinwohl.example"
    assert str(entry["ATTENDEE"]) == "mailto:kim@example.org"
    assert links_to(registration, str(entry["DESCRIPTION"]))


def test_a_place_on_the_waitlist_says_the_number_and_carries_no_calendar_entry(team, sent):
    event = EventFactory(capacity=1, by=team)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)

    with sent() as outbox:
        registration = RegistrationFactory(event=event)

    (message,) = outbox.messages
    assert registration.status == RegistrationStatus.WAITLISTED
    assert message.subject.startswith("Auf der Warteliste:")
    assert "Sie stehen auf der Warteliste an Stelle 2." in message.body
    assert links_to(registration, message.body)
    assert calendar_in(message) is None


def test_moving_up_sends_the_calendar_entry_and_the_cancellation_removes_it(team, sent):
    # given a full event and someone waiting
    event = EventFactory(capacity=1, by=team)
    holder = RegistrationFactory(event=event, email="platz@example.org")
    waiting = RegistrationFactory(event=event, email="warten@example.org")

    # when the holder cancels through their link
    with sent() as outbox:
        actions.registration_cancel(registration=holder)

    # then the holder's calendar drops the event and the next person gets it
    by_address = {message.to[0]: message for message in outbox.messages}
    cancelled, moved_up = by_address["platz@example.org"], by_address["warten@example.org"]
    assert cancelled.subject.startswith("Abmeldung bestätigt:")
    method, calendar = calendar_in(cancelled)
    assert method == "CANCEL"
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    assert moved_up.subject.startswith("Sie haben einen Platz:")
    assert "von der Warteliste nachgerückt" in moved_up.body
    assert links_to(waiting, moved_up.body)
    assert calendar_in(moved_up)[0] == "REQUEST"


def test_leaving_the_waitlist_is_confirmed_without_a_calendar_file(team, sent):
    event = EventFactory(capacity=1, by=team)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event)

    with sent() as outbox:
        actions.registration_cancel(registration=waiting)

    (message,) = outbox.messages
    assert "Sie stehen nicht mehr auf der Warteliste." in message.body
    assert calendar_in(message) is None


def test_a_new_time_reaches_everyone_registered_with_a_higher_sequence(team, sent):
    # given an event with a place taken, someone waiting and someone who cancelled
    event = EventFactory(title="Werkstatt Erbbaurecht", capacity=1, by=team)
    with sent() as first:
        holder = RegistrationFactory(event=event, email="platz@example.org")
    RegistrationFactory(event=event, email="warten@example.org")
    gone = RegistrationFactory(event=event, email="weg@example.org")
    actions.registration_cancel(registration=gone)
    Event.objects.filter(pk=event.pk).update(
        created_at=event.created_at - datetime.timedelta(minutes=5),
        updated_at=event.updated_at - datetime.timedelta(minutes=5),
    )
    event.refresh_from_db()
    first_sequence = calendar_in(first.messages[0])[1].walk("VEVENT")[0]["SEQUENCE"]

    # when the team moves it by an hour
    with sent() as outbox:
        actions.event_update(
            event=event,
            data=EventInputFactory(title=event.title, capacity=1, start=event.start + datetime.timedelta(hours=1)),
            by=team,
        )

    # then those registered or waiting hear of it; the one with a place gets the updated entry
    by_address = {message.to[0]: message for message in outbox.messages}
    assert set(by_address) == {"platz@example.org", "warten@example.org"}
    changed = by_address["platz@example.org"]
    assert changed.subject == "Geändert: Werkstatt Erbbaurecht"
    method, calendar = calendar_in(changed)
    entry = calendar.walk("VEVENT")[0]
    assert method == "REQUEST"
    assert entry["SEQUENCE"] > first_sequence
    assert entry.decoded("DTSTART") == timezone.localtime(event.start + datetime.timedelta(hours=1))
    assert links_to(holder, changed.body)
    assert calendar_in(by_address["warten@example.org"]) is None


def test_a_cancelled_event_is_withdrawn_from_the_calendars(team, sent):
    event = EventFactory(title="Kiezspaziergang", capacity=1, by=team)
    RegistrationFactory(event=event, email="platz@example.org")
    RegistrationFactory(event=event, email="warten@example.org")

    with sent() as outbox:
        actions.event_cancel(event=event, by=team)

    by_address = {message.to[0]: message for message in outbox.messages}
    assert set(by_address) == {"platz@example.org", "warten@example.org"}
    assert by_address["platz@example.org"].subject == "Abgesagt: Kiezspaziergang"
    method, calendar = calendar_in(by_address["platz@example.org"])
    assert method == "CANCEL"
    assert calendar["METHOD"] == "CANCEL"
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"


def test_mails_go_out_in_the_registrants_language(team, sent):
    # given an event on a Tuesday
    day = timezone.localdate() + datetime.timedelta(days=(1 - timezone.localdate().weekday()) % 7 + 7)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))
    event = EventFactory(start=start, by=team)

    with sent() as outbox:
        RegistrationFactory(event=event, email="en@example.org", language="en")
        RegistrationFactory(event=event, email="de@example.org", language="de")

    by_address = {message.to[0]: message for message in outbox.messages}
    assert "Tuesday" in by_address["en@example.org"].body
    assert "Dienstag" in by_address["de@example.org"].body


def test_anonymised_registrations_and_those_without_address_get_nothing(team):
    event = EventFactory(by=team)
    registration = RegistrationFactory(event=event)
    Registration.objects.filter(pk=registration.pk).update(anonymised_at=timezone.now(), email="", name="")
    mail.outbox.clear()

    mails.send_registration_received(registration_id=registration.pk)
    mails.send_event_changed(event_id=event.pk)
    mails.send_event_cancelled(event_id=event.pk)

    assert mail.outbox == []


def test_a_failing_address_does_not_stop_the_others(team, monkeypatch):
    event = EventFactory(by=team)
    RegistrationFactory(event=event, email="kaputt@example.org")
    RegistrationFactory(event=event, email="heil@example.org")
    mail.outbox.clear()
    real_send = mails.EmailMessage.send

    def send(message, *args, **kwargs):
        if message.to == ["kaputt@example.org"]:
            raise OSError("mail server said no")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mails.EmailMessage, "send", send)

    mails.send_event_changed(event_id=event.pk)

    assert [message.to for message in mail.outbox] == [["heil@example.org"]]


def test_a_subject_stays_on_one_line_whatever_the_title(team, sent):
    event = EventFactory(title="Werkstatt\nmit Umbruch", by=team)

    with sent() as outbox:
        RegistrationFactory(event=event)

    assert outbox.messages[0].subject == "Anmeldung bestätigt: Werkstatt mit Umbruch"


def test_the_place_is_in_the_mail_for_events_online_too(team, sent):
    event = EventFactory(venue_name="", address="", online_url="https://meet.example.org/aks", by=team)

    with sent() as outbox:
        RegistrationFactory(event=event)

    assert "https://meet.example.org/aks" in outbox.messages[0].body


def test_the_event_starts_in_the_mail_in_berlin_time(team, sent):
    event = EventFactory(start=in_days(5, hour=18), by=team)

    with sent() as outbox:
        RegistrationFactory(event=event)

    assert "18:00 bis 20:00 Uhr" in outbox.messages[0].body
