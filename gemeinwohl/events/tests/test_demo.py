"""The demo events of ``manage.py load_demo``: every format, coming and past events, loadable any number of times."""

import pytest
from django.apps import apps
from django.utils import timezone

from gemeinwohl.accounts import demo as accounts_demo
from gemeinwohl.committees import demo as committees_demo
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import demo as directory_demo
from gemeinwohl.events import demo, mails
from gemeinwohl.events.models import Event, EventFormat, Registration, RegistrationAnswer, RegistrationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    accounts = accounts_demo.load()
    directory_demo.load(accounts=accounts)
    committees_demo.load(accounts=accounts)
    return accounts


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_app_config("events").get_models()}


def test_loading_twice_adds_nothing_the_second_time(accounts):
    # given the demo events loaded once
    first = demo.load(accounts=accounts)
    counts = row_counts()

    # when they are loaded again
    second = demo.load(accounts=accounts)

    # then no events table gained a row
    assert first == second == {"events": len(demo.SPECS)}
    assert row_counts() == counts


def test_loading_sends_no_mail(accounts, django_capture_on_commit_callbacks, mailoutbox):
    # the mails after commit run for real here (they would fail while they are not written)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        demo.load(accounts=accounts)

    assert callbacks  # the actions did schedule their mails …
    assert mailoutbox == []  # … and none went out
    assert mails.send_registration_received.__module__ == mails.__name__  # the real functions are back


def test_the_demo_shows_what_the_events_app_can_do(accounts):
    demo.load(accounts=accounts)
    now = timezone.now()
    events = Event.objects.all()
    coming, past = events.filter(start__gt=now), events.filter(end__lt=now)

    # all five formats, coming and past events
    assert set(events.values_list("event_format__slug", flat=True)) == set(
        EventFormat.objects.values_list("slug", flat=True)
    )
    assert coming.count() >= 4 and past.count() >= 3
    # a coming event fully booked with a waitlist, one with a question answered, one online, one for a network
    full = coming.get(title__startswith="Werkstattgespräch")
    assert full.registrations.confirmed().count() == full.capacity
    assert full.registrations.waitlisted().exists()
    assert RegistrationAnswer.objects.filter(registration__event__in=coming).exclude(value="").exists()
    assert coming.exclude(online_url="").exists()
    members = coming.get(committee__slug=demo.NETWORK)
    assert members.visibility == Visibility.MEMBERS
    assert not Event.objects.visible_to(accounts["initiative@gemeinwohl.example"]).filter(pk=members.pk).exists()
    # past events with attendance closed, no-shows, walk-ins and a report
    for event in past:
        assert event.attendance_closed_at is not None and event.report
        assert event.registrations.filter(attended=True, walk_in=True).exists()
        assert event.registrations.filter(status=RegistrationStatus.CONFIRMED, attended=False).exists()
    # never more places given than there are, the registrants' addresses at example.org
    for event in events.exclude(capacity=None):
        assert event.registrations.confirmed().filter(walk_in=False).count() <= event.capacity
    addresses = Registration.objects.exclude(email="").values_list("email", flat=True)
    assert addresses and all(address.endswith("@example.org") for address in addresses)


def test_without_the_network_the_members_event_is_left_out():
    accounts = accounts_demo.load()
    directory_demo.load(accounts=accounts)

    assert demo.load(accounts=accounts) == {"events": len(demo.SPECS) - 1}
