"""The door: finding people, marking them present, adding walk-ins, closing the attendance."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinwohl.events import mails
from gemeinwohl.events.models import Registration
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def no_mails(monkeypatch):
    for name in ("send_registration_received", "send_moved_up", "send_cancellation_confirmed"):
        monkeypatch.setattr(mails, name, lambda **kwargs: None)


@pytest.fixture
def tonight():
    """An event late today, with two people who registered yesterday and one waiting."""
    event = EventFactory(title="Werkstattgespräch am Abend", start=in_days(0, hour=23), capacity=2)
    RegistrationFactory(event=event, name="Ada Amsel", organisation="Kiezladen", photo_consent=True, now=in_days(-1))
    RegistrationFactory(event=event, name="Bert Buchfink", now=in_days(-1))
    RegistrationFactory(event=event, name="Wanda Wartend", now=in_days(-1))
    return event


def person(event, name) -> Registration:
    return event.registrations.get(name=name)


def check_in(event):
    return reverse("events:check_in", args=[event.pk])


def attendance(event, registration):
    return reverse("events:attendance", args=[event.pk, registration.pk])


def test_the_door_lists_everyone_with_a_place_and_filters_by_name(client_as, tonight):
    client = client_as("team_external")
    # When the team opens the door's page
    page = client.get(check_in(tonight)).content.decode()
    # Then it shows the people with a place, not the waitlist, and the count
    assert "Ada Amsel" in page and "Bert Buchfink" in page and "Wanda Wartend" not in page
    assert "0 von 2 anwesend" in page
    # And filtering by part of a name leaves one
    page = client.get(check_in(tonight), {"name": "buch"}).content.decode()
    assert "Bert Buchfink" in page and "Ada Amsel" not in page


def test_marking_someone_present_with_htmx_returns_their_row_and_the_new_count(client_as, tonight):
    ada = person(tonight, "Ada Amsel")
    # When the team presses "anwesend" on Ada's row (HTMX)
    response = client_as("team_external").post(attendance(tonight, ada), {"attended": "1"}, **HTMX)
    # Then the answer is her row, marked present, and the count out of band
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tr id="person-{ada.pk}"')
    assert "<strong>anwesend</strong>" in html
    assert 'hx-swap-oob="true"' in html and "1 von 2 anwesend" in html
    ada.refresh_from_db()
    assert ada.attended is True and ada.checked_in_at is not None


def test_without_javascript_the_button_posts_and_comes_back_to_the_door(client_as, tonight):
    bert = person(tonight, "Bert Buchfink")
    client = client_as("team_internal")
    response = client.post(attendance(tonight, bert), {"attended": "0"})
    assert response.status_code == 302
    assert response["Location"] == check_in(tonight) + f"#person-{bert.pk}"
    bert.refresh_from_db()
    assert bert.attended is False
    assert "1 nicht da" in client.get(check_in(tonight)).content.decode()


def test_attendance_before_the_event_day_is_refused(client_as):
    # Given an event next week
    event = EventFactory(start=in_days(7))
    ada = RegistrationFactory(event=event, name="Ada Amsel")
    client = client_as("team_external")
    # The page says so and offers no buttons
    page = client.get(check_in(event)).content.decode()
    assert "erst ab dem Tag der Veranstaltung" in page
    assert attendance(event, ada) not in page
    # And a hand-made POST is refused, with HTMX and without
    for extra in (HTMX, {}):
        response = client.post(attendance(event, ada), {"attended": "1"}, **extra)
        assert response.status_code == 422
        assert "erst ab dem Tag der Veranstaltung" in response.content.decode()
    ada.refresh_from_db()
    assert ada.attended is None


def test_someone_on_the_waitlist_cannot_be_marked_present(client_as, tonight):
    wanda = person(tonight, "Wanda Wartend")
    response = client_as("team_external").post(attendance(tonight, wanda), {"attended": "1"}, **HTMX)
    assert response.status_code == 422
    assert "Nur Personen mit einem Platz" in response.content.decode()
    wanda.refresh_from_db()
    assert wanda.attended is None


def test_a_walk_in_is_added_as_present(client_as, tonight):
    client = client_as("team_external")
    # When the team adds someone who came without registering
    response = client.post(
        reverse("events:walk_in", args=[tonight.pk]),
        {"name": "Cem Carlsson", "organisation": "Bezirksverordneter", "photo_consent": "on"},
    )
    # Then they are present and counted, beyond the places
    assert response.status_code == 302
    cem = person(tonight, "Cem Carlsson")
    assert cem.walk_in and cem.attended is True and cem.photo_consent
    page = client.get(check_in(tonight)).content.decode()
    assert "1 von 3 anwesend" in page and "davon 1 vor Ort dazugekommen" in page


def test_a_walk_in_without_a_name_is_refused_at_the_field(client_as, tonight):
    response = client_as("team_external").post(reverse("events:walk_in", args=[tonight.pk]), {"name": " "})
    assert response.status_code == 422
    assert 'href="#walk_in_name"' in response.content.decode()
    assert not tonight.registrations.filter(walk_in=True).exists()


def test_closing_the_attendance_counts_the_rest_as_absent(client_as, tonight):
    ada, bert = person(tonight, "Ada Amsel"), person(tonight, "Bert Buchfink")
    client = client_as("team_external")
    client.post(attendance(tonight, ada), {"attended": "1"})
    # When the team closes the check-in
    response = client.post(reverse("events:attendance_close", args=[tonight.pk]), follow=True)
    # Then whoever was not marked counts as absent, and the page says so
    bert.refresh_from_db()
    assert bert.attended is False
    assert "1 Person gilt als nicht erschienen" in response.content.decode()
    tonight.refresh_from_db()
    assert tonight.attendance_closed_at is not None


def test_closing_before_the_event_day_is_refused(client_as):
    event = EventFactory(start=in_days(3))
    response = client_as("team_external").post(reverse("events:attendance_close", args=[event.pk]))
    assert response.status_code == 422
    event.refresh_from_db()
    assert event.attendance_closed_at is None


def test_the_door_page_needs_a_fixed_number_of_queries(client_as):
    event = EventFactory(start=in_days(0, hour=23))
    client = client_as("team_internal")
    RegistrationFactory(event=event, now=in_days(-1))
    client.get(check_in(event))
    with CaptureQueriesContext(connection) as few:
        client.get(check_in(event))
    RegistrationFactory.create_batch(15, event=event, now=in_days(-1))
    with CaptureQueriesContext(connection) as many:
        client.get(check_in(event))
    assert len(many) == len(few)
