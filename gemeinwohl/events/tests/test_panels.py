"""The team's "Nächste Veranstaltungen" on the dashboard: the next events with places taken and the waitlist."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.events import actions, mails
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

DASHBOARD = "/uebersicht/"


@pytest.fixture(autouse=True)
def quiet_mails(monkeypatch):
    for name in dir(mails):
        if name.startswith("send_"):
            monkeypatch.setattr(mails, name, lambda **kwargs: None)


def panel(response) -> str:
    html = response.content.decode()
    match = re.search(r'data-panel="events_upcoming">(.*?)</section>', html, re.S)
    return re.sub(r"\s+", " ", match.group(1)) if match else ""


def test_the_team_sees_the_next_events_with_places_and_waitlist(client_as, users):
    # given a full event with two waiting, an unlimited one, a past and a cancelled one
    full = EventFactory(title="Werkstattgespräch Erdgeschoss", start=in_days(5), capacity=2)
    for _ in range(4):
        RegistrationFactory(event=full)
    open_event = EventFactory(title="Fachgespräch Erbbaurecht", start=in_days(9))
    RegistrationFactory(event=open_event)
    EventFactory(title="Schon vorbei", start=in_days(-3))
    cancelled = EventFactory(title="Fällt aus", start=in_days(2))
    actions.event_cancel(event=cancelled, by=users["team_internal"])

    # when a team member opens the dashboard
    shown = panel(client_as("team_external").get(DASHBOARD))

    # then the coming events in order, with a link, the places taken of the capacity and the waitlist
    assert "Nächste Veranstaltungen" in shown
    assert shown.index("Werkstattgespräch Erdgeschoss") < shown.index("Fachgespräch Erbbaurecht")
    assert f'href="/veranstaltungen/{full.pk}/"' in shown
    assert "2 von 2 Plätzen vergeben, 2 auf der Warteliste" in shown
    assert "1 Anmeldung" in shown
    assert "Schon vorbei" not in shown and "Fällt aus" not in shown


def test_events_the_reader_may_not_see_stay_out(client_as):
    EventFactory(title="Amtsinterne Runde", start=in_days(3), visibility=Visibility.INTERNAL)

    assert "Amtsinterne Runde" in panel(client_as("team_internal").get(DASHBOARD))
    assert "Amtsinterne Runde" not in panel(client_as("team_external").get(DASHBOARD))


@pytest.mark.parametrize("role", ["registered", "bezirksamt"])
def test_only_the_team_has_the_panel(client_as, role):
    EventFactory(title="Öffentliche Werkstatt", start=in_days(3))

    response = client_as(role).get(DASHBOARD)

    assert response.status_code == 200
    assert 'data-panel="events_upcoming"' not in response.content.decode()


def test_no_events_says_so(client_as):
    assert "Keine anstehenden Veranstaltungen." in panel(client_as("team_internal").get(DASHBOARD))


def dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DASHBOARD).status_code == 200
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_events_and_registrations(client_as):
    # given one coming event with a registration
    client = client_as("team_internal")
    RegistrationFactory(event=EventFactory(start=in_days(4)))
    client.get(DASHBOARD)  # warm up
    one = dashboard_queries(client)

    # when there are many more, each with registrations and a waitlist
    for day in range(1, 9):
        event = EventFactory(start=in_days(day), capacity=1)
        RegistrationFactory(event=event)
        RegistrationFactory(event=event)

    # then the dashboard makes exactly as many queries
    assert dashboard_queries(client) == one
