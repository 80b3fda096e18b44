"""The team's planning pages: who may open them, the overview, the event form, cancelling, the registration list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.events import actions, mails
from gemeinwohl.events.models import Event, EventFormat, QuestionKind, RegistrationStatus
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

TEAM = ["team_external", "team_internal", "admin"]
NOT_TEAM = ["registered", "bezirksamt"]


@pytest.fixture(autouse=True)
def no_mails(monkeypatch):
    """The mails are another module's; here they only need not to fail after commit."""
    for name in (
        "send_registration_received",
        "send_moved_up",
        "send_cancellation_confirmed",
        "send_event_changed",
        "send_event_cancelled",
    ):
        monkeypatch.setattr(mails, name, lambda **kwargs: None)


def local(moment: datetime.datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def form_data(**overrides) -> dict:
    """What the team types into the event form: a workshop in ten days, two questions rows left empty."""
    start = in_days(10)
    data = {
        "title": "Werkstattgespräch Gemeinwohl-Immobilien",
        "event_format": EventFormat.objects.get(slug="werkstattgespraech").pk,
        "summary": "",
        "description": "Wie kommen Initiativen an Räume?",
        "start": local(start),
        "end": local(start + datetime.timedelta(hours=2)),
        "venue_name": "Nachbarschaftshaus Urbanstraße",
        "address": "Urbanstraße 21, 10961 Berlin",
        "online_url": "",
        "step_free": "ja",
        "accessible_toilet": "ja",
        "sign_language": "auf_anfrage",
        "childcare": "nein",
        "accessibility_note": "",
        "visibility": str(Visibility.PUBLIC),
        "committee": "",
        "registration_enabled": "on",
        "capacity": "20",
        "waitlist_enabled": "on",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "ask_organisation": "optional",
        "ask_sector": "optional",
        "ask_accessibility": "optional",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "30",
        "questions-0-label": "Welches Projekt bringen Sie mit?",
        "questions-0-kind": QuestionKind.TEXT,
        "questions-0-options": "",
        "questions-1-label": "",
        "questions-1-kind": QuestionKind.TEXT,
        "questions-1-options": "",
    }
    data.update(overrides)
    return data


def team_urls(event, registration, photo_pk=1, file_pk=1) -> list[tuple[str, str]]:
    pk = event.pk
    return [
        ("get", reverse("events:manage")),
        ("get", reverse("events:event_create")),
        ("get", reverse("events:event_update", args=[pk])),
        ("get", reverse("events:event_cancel", args=[pk])),
        ("get", reverse("events:registrations", args=[pk])),
        ("get", reverse("events:registrations_export", args=[pk, "csv"])),
        ("get", reverse("events:registrations_export", args=[pk, "xlsx"])),
        ("get", reverse("events:check_in", args=[pk])),
        ("get", reverse("events:check_in_pdf", args=[pk])),
        ("get", reverse("events:documentation", args=[pk])),
        ("get", reverse("events:formats")),
        ("get", reverse("events:format_update", args=[EventFormat.objects.get(slug="workshop").pk])),
        ("post", reverse("events:registration_cancel", args=[pk, registration.pk])),
        ("post", reverse("events:attendance", args=[pk, registration.pk])),
        ("post", reverse("events:attendance_close", args=[pk])),
        ("post", reverse("events:walk_in", args=[pk])),
        ("post", reverse("events:photo_add", args=[pk])),
        ("post", reverse("events:file_add", args=[pk])),
    ]


# --- who may open the team's pages -----------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_for_every_team_page(client_as):
    # Given a public event with a registration
    event = EventFactory()
    registration = RegistrationFactory(event=event, name="Rosa Registrant")
    client = client_as("anonymous")
    for method, url in team_urls(event, registration):
        # When someone without an account opens a team page
        response = getattr(client, method)(url)
        # Then they land at the login, and nothing changed
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:login")), url
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("role", NOT_TEAM)
def test_accounts_outside_the_team_get_no_team_page_and_no_registrant_names(client_as, role):
    # Given a public event with a registration
    event = EventFactory()
    registration = RegistrationFactory(event=event, name="Rosa Registrant", email="rosa@example.org")
    client = client_as(role)
    for method, url in team_urls(event, registration):
        # When a registered user or Bezirksamt staff open a team page
        response = getattr(client, method)(url)
        # Then it is refused and names no registrant
        assert response.status_code in (403, 404), url
        assert b"Rosa Registrant" not in response.content
        assert b"rosa@example.org" not in response.content
    # And the public event page does not name her either
    assert b"Rosa Registrant" not in client.get(event.get_absolute_url()).content
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


@pytest.mark.parametrize("role", TEAM)
def test_the_team_opens_every_page(client_as, role):
    # Given an event with a registration
    event = EventFactory()
    RegistrationFactory(event=event, name="Rosa Registrant")
    client = client_as(role)
    for method, url in team_urls(event, event.registrations.get()):
        if method != "get":
            continue
        # When a team member opens a team page, then it answers
        response = client.get(url)
        assert response.status_code == 200, url
    # And the registration list names the person
    assert "Rosa Registrant" in client.get(reverse("events:registrations", args=[event.pk])).content.decode()


def test_a_hidden_event_answers_404_on_the_team_pages(client_as):
    # Given an administration-internal event
    event = EventFactory(visibility=Visibility.INTERNAL, by=None)
    registration = RegistrationFactory(event=event)
    # When external team staff (who may not read internal content) open its pages
    client = client_as("team_external")
    for method, url in team_urls(event, registration):
        if f"/{event.pk}/" not in url:
            continue
        # Then it does not exist for them
        assert getattr(client, method)(url).status_code == 404, url
    # While internal staff see it
    assert client_as("team_internal").get(reverse("events:registrations", args=[event.pk])).status_code == 200


# --- the overview ----------------------------------------------------------------------------


def test_the_overview_lists_upcoming_and_past_events_with_places_and_attendance(client_as, users):
    # Given an upcoming event with 2 of 10 places taken and one past event whose attendance was closed
    upcoming = EventFactory(title="Kiezspaziergang Wrangelkiez", capacity=10)
    RegistrationFactory.create_batch(2, event=upcoming)
    past = EventFactory(title="Netzwerktreffen im Januar", start=in_days(-1), end=in_days(-1, hour=20))
    RegistrationFactory(event=past, now=in_days(-2))
    actions.attendance_close(event=past, by=users["team_internal"])
    # When the team opens the overview
    page = client_as("team_external").get(reverse("events:manage")).content.decode()
    # Then the upcoming event shows its places and the past one its attendance
    upcoming_part, past_part = page.split('data-events="upcoming"')[1].split('data-events="past"')
    assert "Kiezspaziergang Wrangelkiez" in upcoming_part and "2 von 10" in upcoming_part
    assert "Netzwerktreffen im Januar" in past_part and "erfasst: 0 anwesend" in past_part
    assert "Veranstaltung anlegen" in page


def test_the_overview_needs_a_fixed_number_of_queries(client_as):
    client = client_as("team_internal")
    url = reverse("events:manage")
    EventFactory(capacity=5)
    EventFactory(start=in_days(-2), end=in_days(-2, hour=20))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(6):
        event = EventFactory(capacity=5)
        RegistrationFactory.create_batch(2, event=event)
    EventFactory(start=in_days(-3), end=in_days(-3, hour=20))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


# --- the event form --------------------------------------------------------------------------


def test_the_team_creates_an_event_with_its_questions(client_as, users):
    # Given an organisation in the address book
    partner = OrganisationFactory(name="Stadtteilinitiative Wrangelkiez", visibility=Visibility.PUBLIC)
    # When the team fills in the form with a choice question
    response = client_as("team_external").post(
        reverse("events:event_create"),
        form_data(
            co_organisers=[partner.pk],
            **{
                "questions-1-label": "Wie sind Sie gekommen?",
                "questions-1-kind": QuestionKind.CHOICE,
                "questions-1-options": "zu Fuß\nmit dem Rad",
                "questions-1-required": "on",
            },
        ),
    )
    # Then the event is saved with its place, partner and both questions, and the team sees its registrations
    event = Event.objects.get(title="Werkstattgespräch Gemeinwohl-Immobilien")
    assert response.status_code == 302
    assert response["Location"] == reverse("events:registrations", args=[event.pk])
    assert event.capacity == 20 and event.step_free == "ja"
    assert list(event.co_organisers.all()) == [partner]
    questions = list(event.questions.order_by("position"))
    assert [q.label for q in questions] == ["Welches Projekt bringen Sie mit?", "Wie sind Sie gekommen?"]
    assert questions[1].option_list == ["zu Fuß", "mit dem Rad"] and questions[1].required


def test_an_end_before_the_start_is_refused_at_the_end_field(client_as):
    # When the end lies before the start
    start = in_days(10)
    response = client_as("team_external").post(
        reverse("events:event_create"),
        form_data(end=local(start - datetime.timedelta(hours=1))),
    )
    # Then the form comes back with the message at the end field and nothing is saved
    assert response.status_code == 422
    assert response.context["form"].errors["end"] == ["Das Ende muss nach dem Beginn liegen."]
    assert not Event.objects.exists()


def test_a_choice_question_with_one_option_is_refused(client_as):
    response = client_as("team_external").post(
        reverse("events:event_create"),
        form_data(**{"questions-0-kind": QuestionKind.CHOICE, "questions-0-options": "nur eine"}),
    )
    assert response.status_code == 422
    assert "mindestens zwei Antwortmöglichkeiten" in response.content.decode()
    assert not Event.objects.exists()


def test_lowering_the_places_below_the_registrations_is_refused(client_as):
    # Given an event with three people registered
    event = EventFactory(capacity=10)
    RegistrationFactory.create_batch(3, event=event)
    # When the team lowers the places to two
    response = client_as("team_external").post(
        reverse("events:event_update", args=[event.pk]),
        form_data(title=event.title, capacity="2"),
    )
    # Then the message stands at the places and nothing changed
    assert response.status_code == 422
    assert "Es haben schon 3 Personen einen Platz" in response.context["form"].errors["capacity"][0]
    event.refresh_from_db()
    assert event.capacity == 10 and event.title != "Werkstattgespräch Gemeinwohl-Immobilien"


def test_editing_keeps_answered_questions_and_removes_ticked_ones(client_as, users):
    # Given an event with two questions, the first answered
    event = EventFactory(questions=[actions.QuestionInput(label="Projekt?"), actions.QuestionInput(label="Ernährung?")])
    first, second = event.questions.order_by("position")
    RegistrationFactory(event=event, answers={first.pk: "Kiezladen"})
    client = client_as("team_internal")
    # The form shows both
    page = client.get(reverse("events:event_update", args=[event.pk])).content.decode()
    assert "Projekt?" in page and "Ernährung?" in page
    # When the team renames the first and removes the second
    data = form_data(
        title=event.title,
        start=local(event.start),
        end=local(event.end),
        event_format=event.event_format_id,
        **{
            "questions-TOTAL_FORMS": "3",
            "questions-INITIAL_FORMS": "2",
            "questions-0-pk": str(first.pk),
            "questions-0-label": "Welches Projekt?",
            "questions-1-pk": str(second.pk),
            "questions-1-label": "Ernährung?",
            "questions-1-kind": QuestionKind.TEXT,
            "questions-1-DELETE": "on",
            "questions-2-label": "",
            "questions-2-kind": QuestionKind.TEXT,
        },
    )
    response = client.post(reverse("events:event_update", args=[event.pk]), data)
    # Then the first keeps its answer under its new text and the second is gone
    assert response.status_code == 302
    assert [q.label for q in event.questions.all()] == ["Welches Projekt?"]
    assert first.answers.get().value == "Kiezladen"


def test_an_inactive_format_is_not_offered_for_a_new_event(client_as, users):
    # Given a format no longer offered
    old = EventFormat.objects.get(slug="kiezspaziergang")
    actions.format_save(event_format=old, name=old.name, is_active=False, by=users["team_internal"])
    client = client_as("team_internal")
    # Then the form does not offer it and a hand-made POST is refused
    assert "Kiezspaziergang" not in client.get(reverse("events:event_create")).content.decode()
    response = client.post(reverse("events:event_create"), form_data(event_format=old.pk))
    assert response.status_code == 422 and "event_format" in response.context["form"].errors
    assert not Event.objects.exists()


# --- cancelling ------------------------------------------------------------------------------


def test_the_team_cancels_an_event_after_confirming(client_as, django_capture_on_commit_callbacks):
    # Given an event
    event = EventFactory()
    client = client_as("team_external")
    # The confirmation page says what will happen
    assert "Veranstaltung absagen" in client.get(reverse("events:event_cancel", args=[event.pk])).content.decode()
    # When the team confirms
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("events:event_cancel", args=[event.pk]))
    # Then it is cancelled and the registrants' mail is queued
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.is_cancelled
    assert len(callbacks) == 1
    # And cancelling twice is refused with a message
    again = client.post(reverse("events:event_cancel", args=[event.pk]))
    assert again.status_code == 422 and "schon abgesagt" in again.content.decode()


# --- the registration list -------------------------------------------------------------------


def test_the_registration_list_shows_places_waitlist_cancellations_answers_and_photo_consent(client_as, users):
    # Given an event with one place, a question, and three registrations
    event = EventFactory(capacity=1, questions=[actions.QuestionInput(label="Projekt?")])
    question = event.questions.get()
    RegistrationFactory(
        event=event,
        name="Ada Platz",
        photo_consent=True,
        accessibility_needs="Rollstuhl",
        answers={question.pk: "Kiezladen Oranienstraße"},
    )
    RegistrationFactory(event=event, name="Bert Wartend")
    gone = RegistrationFactory(event=event, name="Cem Abgemeldet")
    actions.registration_cancel(registration=gone, by=users["team_internal"])
    # When the team opens the list
    page = client_as("team_external").get(reverse("events:registrations", args=[event.pk])).content.decode()
    # Then each person stands in their part, with answer, needs and consent
    confirmed = page.split('data-registrations="angemeldet"')[1].split('data-registrations="warteliste"')[0]
    waiting = page.split('data-registrations="warteliste"')[1].split('data-registrations="abgemeldet"')[0]
    cancelled = page.split('data-registrations="abgemeldet"')[1]
    assert "Ada Platz" in confirmed and "Kiezladen Oranienstraße" in confirmed and "Rollstuhl" in confirmed
    assert "Bert Wartend" in waiting and "Cem Abgemeldet" in cancelled
    consent = confirmed.split("data-photo-consent>")[1].split("</td>")[0]
    assert "ja" in consent
    assert "nein" in waiting.split("data-photo-consent>")[1].split("</td>")[0]


def test_the_team_cancels_a_registration_and_the_waitlist_moves_up(client_as):
    # Given a full event with one person waiting
    event = EventFactory(capacity=1)
    holder = RegistrationFactory(event=event, name="Ada Platz")
    waiting = RegistrationFactory(event=event, name="Bert Wartend")
    # When the team cancels the first
    response = client_as("team_external").post(reverse("events:registration_cancel", args=[event.pk, holder.pk]))
    # Then the second gets the place
    assert response.status_code == 302
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    # And cancelling again is refused with a message
    again = client_as("team_external").post(reverse("events:registration_cancel", args=[event.pk, holder.pk]))
    assert again.status_code == 422 and "schon abgemeldet" in again.content.decode()


def test_a_registration_of_another_event_is_not_found(client_as):
    event, other = EventFactory(), EventFactory()
    registration = RegistrationFactory(event=other)
    response = client_as("team_external").post(reverse("events:registration_cancel", args=[event.pk, registration.pk]))
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED


def registrations(event, count, offset=0):
    question = event.questions.first()
    for number in range(offset, offset + count):
        RegistrationFactory(
            event=event,
            name=f"Person {number}",
            email=f"person{number}@example.org",
            answers={question.pk: f"Antwort {number}"} if question else {},
        )


def test_the_registration_list_needs_a_fixed_number_of_queries(client_as):
    event = EventFactory(capacity=4, questions=[actions.QuestionInput(label="Projekt?")])
    client = client_as("team_internal")
    url = reverse("events:registrations", args=[event.pk])
    registrations(event, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    registrations(event, 8, offset=2)  # places full, then the waitlist
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_thousand_registrations_cost_no_more_queries_than_two(client_as):
    event = EventFactory(questions=[actions.QuestionInput(label="Projekt?")])
    client = client_as("team_internal")
    url = reverse("events:registrations", args=[event.pk])
    registrations(event, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    registrations(event, 998, offset=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("data-registration=") == 1000
    assert "Antwort 999" in response.content.decode()
    assert len(many) == len(few)
