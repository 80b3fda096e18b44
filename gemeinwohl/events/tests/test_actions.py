"""The actions behind the team's pages: what they refuse, and that a refusal changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.events import actions, mails
from gemeinwohl.events.models import Event, EventFormat, EventPhoto, QuestionKind, RegistrationStatus
from gemeinwohl.events.tests.factories import EventFactory, EventInputFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def no_mails(monkeypatch):
    for name in (
        "send_registration_received",
        "send_moved_up",
        "send_cancellation_confirmed",
        "send_event_changed",
        "send_event_cancelled",
    ):
        monkeypatch.setattr(mails, name, lambda **kwargs: None)


@pytest.fixture
def team(users):
    return users["team_internal"]


def refused(call, **kwargs) -> dict:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


# --- planning --------------------------------------------------------------------------------


def test_an_event_ending_before_it_starts_is_refused(team):
    start = in_days(5)
    errors = refused(actions.event_create, data=EventInputFactory(start=start, end=start), by=team)
    assert errors["end"] == ["Das Ende muss nach dem Beginn liegen."]
    assert not Event.objects.exists()


def test_places_cannot_sink_below_the_people_holding_one(team):
    event = EventFactory(capacity=5, title="Vorher")
    RegistrationFactory.create_batch(3, event=event)
    errors = refused(actions.event_update, event=event, data=EventInputFactory(title="Nachher", capacity=2), by=team)
    assert "Es haben schon 3 Personen einen Platz" in errors["capacity"][0]
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Vorher", 5)


def test_more_places_move_the_waitlist_up(team):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event)
    assert waiting.status == RegistrationStatus.WAITLISTED
    actions.event_update(event=event, data=EventInputFactory(title=event.title, capacity=2), by=team)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_a_format_no_longer_offered_is_refused_for_a_new_event_but_kept_on_old_ones(team):
    walk = EventFormat.objects.get(slug="kiezspaziergang")
    old = EventFactory(event_format=walk)
    actions.format_save(event_format=walk, name=walk.name, is_active=False, by=team)
    errors = refused(actions.event_create, data=EventInputFactory(event_format=walk), by=team)
    assert errors["event_format"] == ["Dieses Format wird nicht mehr angeboten."]
    # The old event keeps it when changed
    actions.event_update(event=old, data=EventInputFactory(event_format=walk, title="Neuer Titel"), by=team)
    old.refresh_from_db()
    assert old.event_format == walk and old.title == "Neuer Titel"


def test_an_organisation_the_planner_cannot_see_is_refused(users):
    hidden = OrganisationFactory(name="Interne Stelle", visibility=Visibility.INTERNAL)
    errors = refused(actions.event_create, data=EventInputFactory(co_organisers=[hidden]), by=users["team_external"])
    assert errors["co_organisers"] == ["Eine der gewählten Organisationen gibt es im Adressbuch nicht."]
    assert not Event.objects.exists()


def test_a_choice_question_needs_two_options(team):
    question = actions.QuestionInput(label="Wie kommen Sie?", kind=QuestionKind.CHOICE, options="zu Fuß\n  \n")
    errors = refused(actions.event_create, data=EventInputFactory(questions=[question]), by=team)
    assert "mindestens zwei Antwortmöglichkeiten" in errors["questions"][0]
    assert not Event.objects.exists()


def test_only_the_team_plans_events(users):
    for role in ("anonymous", "registered", "bezirksamt"):
        with pytest.raises(PermissionDenied):
            actions.event_create(data=EventInputFactory(), by=users[role])
    assert not Event.objects.exists()


def test_format_names_are_unique_and_the_short_name_stays(team):
    created = actions.format_save(name="Kiezfrühstück", by=team)
    assert created.slug == "kiezfruhstuck"
    actions.format_save(event_format=created, name="Kiezfrühstück am Sonntag", by=team)
    created.refresh_from_db()
    assert created.slug == "kiezfruhstuck"
    with pytest.raises(ValidationError):
        actions.format_save(name="Workshop", by=team)


# --- at the door -----------------------------------------------------------------------------


def test_attendance_cannot_be_recorded_before_the_event_day(team):
    event = EventFactory(start=in_days(2))
    registration = RegistrationFactory(event=event)
    with pytest.raises(ValidationError, match="erst ab dem Tag der Veranstaltung"):
        actions.attendance_record(registration=registration, attended=True, by=team)
    with pytest.raises(ValidationError, match="erst ab dem Tag der Veranstaltung"):
        actions.attendance_close(event=event, by=team)
    registration.refresh_from_db()
    assert registration.attended is None
    # On the day itself it works
    on_the_day = in_days(2, hour=9)
    actions.attendance_record(registration=registration, attended=True, by=team, now=on_the_day)
    registration.refresh_from_db()
    assert registration.attended is True and registration.checked_in_at == on_the_day


def test_a_walk_in_is_present_beyond_the_places(team):
    event = EventFactory(capacity=1, start=in_days(0, hour=23))
    RegistrationFactory(event=event, now=in_days(-1))
    walk_in = actions.walk_in_add(event=event, data=actions.WalkInInput(name="Cem Carlsson"), by=team)
    assert walk_in.walk_in and walk_in.attended is True
    assert event.registrations.confirmed().count() == 2


def test_a_walk_in_with_an_address_already_registered_is_refused(team):
    event = EventFactory(start=in_days(0, hour=23))
    RegistrationFactory(event=event, email="ada@example.org", now=in_days(-1))
    errors = refused(
        actions.walk_in_add, event=event, data=actions.WalkInInput(name="Ada", email="ADA@example.org"), by=team
    )
    assert "schon jemand angemeldet" in errors["email"][0]
    assert event.registrations.count() == 1


def test_a_walk_in_before_the_event_day_is_refused(team):
    event = EventFactory(start=in_days(1))
    with pytest.raises(ValidationError):
        actions.walk_in_add(event=event, data=actions.WalkInInput(name="Zu früh"), by=team)
    assert not event.registrations.exists()


# --- documentation ---------------------------------------------------------------------------


def test_a_photo_needs_its_alternative_text(team):
    event = EventFactory()
    errors = refused(actions.photo_add, event=event, upload=SimpleUploadedFile("a.png", PNG), alt_text="  ", by=team)
    assert errors["alt_text"] == ["Bitte beschreiben Sie, was auf dem Foto zu sehen ist (Alternativtext)."]
    assert not EventPhoto.objects.exists()


def test_a_photo_must_be_a_jpeg_or_png_by_content(team):
    event = EventFactory()
    pdf = SimpleUploadedFile("folien.pdf", b"%PDF-1.4\n%%EOF\n")
    errors = refused(actions.photo_add, event=event, upload=pdf, alt_text="Folien", by=team)
    assert "Dieser Dateityp ist nicht erlaubt" in errors["file"][0]
    assert not EventPhoto.objects.exists()


def test_documentation_is_never_looser_than_the_event(team):
    event = EventFactory(visibility=Visibility.TEAM)
    errors = refused(
        actions.photo_add,
        event=event,
        upload=SimpleUploadedFile("a.png", PNG),
        alt_text="Podium",
        visibility=Visibility.PUBLIC,
        by=team,
    )
    assert "nicht offener" in errors["visibility"][0]
    # Without a level it takes the event's
    photo = actions.photo_add(event=event, upload=SimpleUploadedFile("a.png", PNG), alt_text="Podium", by=team)
    assert photo.visibility == Visibility.TEAM


def test_an_event_in_the_past_can_still_be_documented(team):
    event = EventFactory(start=in_days(-3), end=in_days(-3) + datetime.timedelta(hours=2))
    actions.report_save(event=event, report="Rückblick", by=team)
    event.refresh_from_db()
    assert event.report == "Rückblick"
