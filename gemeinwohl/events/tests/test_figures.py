"""The figures on events: numbers one can count by hand, only visible events, a constant number of queries."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Sector
from gemeinwohl.events import actions, mails
from gemeinwohl.events.actions import WalkInInput
from gemeinwohl.events.figures import Counts, events_figures
from gemeinwohl.events.models import EventFormat
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quiet_mails(monkeypatch):
    """The mails are not written yet; the actions schedule them after commit."""
    for name in dir(mails):
        if name.startswith("send_"):
            monkeypatch.setattr(mails, name, lambda **kwargs: None)


def period():
    today = timezone.localdate()
    return today - datetime.timedelta(days=60), today + datetime.timedelta(days=30)


def figures(reader):
    start, end = period()
    return events_figures(fetched_by=reader, start=start, end=end)


def register(event, count, *, sector="", days_before=20):
    return [
        RegistrationFactory(event=event, sector=sector, now=event.start - datetime.timedelta(days=days_before))
        for _ in range(count)
    ]


@pytest.fixture
def small_set(users):
    """Four events in the period and one before it, as a team member would enter them."""
    team = users["team_internal"]
    # A workshop five days ago with three places: five registered, one cancelled (the waitlist moved up),
    # two came, one came without registering; the check-in was closed.
    workshop = EventFactory(title="Workshop", start=in_days(-5), capacity=3, by=team)
    first = register(workshop, 3, sector=Sector.CIVIL_SOCIETY)
    register(workshop, 2, sector=Sector.ADMINISTRATION)
    actions.registration_cancel(registration=first[0], now=workshop.start - datetime.timedelta(days=10))
    for registration in first[1:]:
        actions.attendance_record(registration=registration, attended=True, by=team, now=workshop.start)
    actions.walk_in_add(
        event=workshop, data=WalkInInput(name="Kim Nachtrag", sector=Sector.POLITICS), by=team, now=workshop.start
    )
    actions.attendance_close(event=workshop, by=team, now=workshop.end)
    # A talk three days ago, unlimited places, two registered, one marked present, check-in still open.
    talk = EventFactory(
        title="Werkstattgespräch",
        event_format=EventFormat.objects.get(slug="werkstattgespraech"),
        start=in_days(-3),
        by=team,
    )
    present, _absent = register(talk, 2)
    actions.attendance_record(registration=present, attended=True, by=team, now=talk.start)
    # A cancelled workshop with one registration.
    cancelled = EventFactory(title="Abgesagt", start=in_days(10), by=team)
    register(cancelled, 1, days_before=5)
    actions.event_cancel(event=cancelled, by=team)
    # An administration-internal round with four registrations.
    internal = EventFactory(title="Intern", start=in_days(12), visibility=Visibility.INTERNAL, by=team)
    register(internal, 4, days_before=5)
    # Before the period.
    old = EventFactory(title="Alt", start=in_days(-200), by=team)
    register(old, 6)
    return {"workshop": workshop, "talk": talk, "cancelled": cancelled, "internal": internal}


def test_numbers_per_event_as_counted_by_hand(users, small_set):
    # given the small set, when the internal team reads the figures
    result = figures(users["team_internal"])

    # then every event in the period is listed by start, the one before it not
    by_title = {row.title: row for row in result.events}
    assert [row.title for row in result.events] == ["Workshop", "Werkstattgespräch", "Abgesagt", "Intern"]
    # the workshop: 5 registered, 3 places, 2 + 1 walk-in present, 1 no-show, 1 cancelled, 1 still waiting
    assert by_title["Workshop"].counts == Counts(
        registrations=5, places=3, attended=3, no_shows=1, walk_ins=1, cancellations=1, waitlist=1
    )
    assert by_title["Workshop"].attendance_closed
    # the talk: its check-in is open, so nobody counts as a no-show yet
    assert by_title["Werkstattgespräch"].counts == Counts(registrations=2, places=2, attended=1)
    assert not by_title["Werkstattgespräch"].attendance_closed
    assert by_title["Abgesagt"].is_cancelled
    assert by_title["Intern"].counts == Counts(registrations=4, places=4)


def test_sums_per_format_and_sector_leave_out_cancelled_events(users, small_set):
    result = figures(users["team_internal"])

    # three events held or planned (the cancelled one is counted apart)
    assert (result.event_count, result.cancelled_count, result.closed_count) == (3, 1, 1)
    assert result.total == Counts(
        registrations=11, places=9, attended=4, no_shows=1, walk_ins=1, cancellations=1, waitlist=1
    )
    formats = {str(row.name): (row.events, row.counts.registrations, row.counts.attended) for row in result.formats}
    assert formats["Workshop"] == (2, 9, 3)
    assert formats["Werkstattgespräch"] == (1, 2, 1)
    assert formats["Kiezspaziergang"] == (0, 0, 0)
    # people with a place by sector (walk-ins included), and of them those present
    sectors = {row.key: (row.places, row.attended) for row in result.sectors}
    assert sectors[Sector.CIVIL_SOCIETY] == (2, 2)  # one of three cancelled
    assert sectors[Sector.ADMINISTRATION] == (1, 0)  # one moved up and did not come, one still waits
    assert sectors[Sector.POLITICS] == (1, 1)  # the walk-in
    assert sectors[""] == (6, 1)  # the talk's two and the internal round's four gave no sector
    assert sum(places for places, _attended in sectors.values()) == result.total.places + result.total.walk_ins


def test_events_the_reader_may_not_see_are_not_counted(users, small_set):
    # given the external team and the Bezirksamt, who may not read administration-internal events
    for role in ("team_external", "bezirksamt"):
        # when they read the figures
        result = figures(users[role])

        # then the internal round is neither listed nor in any sum
        assert "Intern" not in [row.title for row in result.events], role
        assert result.total.registrations == 7, role
        assert sum(row.places for row in result.sectors) == 6, role


def test_without_the_permission_no_figures(users):
    for role in ("anonymous", "registered"):
        with pytest.raises(PermissionDenied):
            figures(users[role])


def queries_for(reader) -> int:
    with CaptureQueriesContext(connection) as captured:
        figures(reader)
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_events_and_registrations(users):
    # given one event with two registrations
    reader = users["team_internal"]
    event = EventFactory(start=in_days(3))
    register(event, 2, sector=Sector.POLITICS, days_before=1)
    few = queries_for(reader)

    # when there are ten times as many events, each with registrations, in every format
    for index, event_format in enumerate(EventFormat.objects.all()):
        for offset in range(2):
            event = EventFactory(start=in_days(-offset - index - 1), event_format=event_format)
            register(event, 3, sector=Sector.CIVIL_SOCIETY)

    # then the figures take exactly as many queries
    assert figures(reader).event_count == 11
    assert queries_for(reader) == few
