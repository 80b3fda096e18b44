"""The public side of events: calendar, month view, archive, event page, registration and its private link."""

import datetime
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinwohl.committees.tests.factories import CommitteeFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.events import actions
from gemeinwohl.events.models import (
    Ask,
    Event,
    EventFormat,
    Provision,
    QuestionKind,
    Registration,
    RegistrationStatus,
)
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days
from gemeinwohl.events.tokens import registration_token

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def fresh_limits():
    # The rate limit counts in the cache; every test starts with none used.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def team(users):
    return users["team_internal"]


def register_form(**fields) -> dict:
    return {"name": "Alex Beispiel", "email": "alex@example.org", **fields}


def private_path(registration: Registration) -> str:
    return f"/veranstaltungen/anmeldung/{registration_token(registration)}/"


def body(response) -> str:
    return response.content.decode()


def add_photo(event, *, by, alt_text="Menschen an einem Tisch mit Stadtplan", visibility=None):
    return actions.photo_add(
        event=event,
        upload=SimpleUploadedFile("foto.png", PNG_BYTES, content_type="image/png"),
        alt_text=alt_text,
        visibility=visibility,
        by=by,
    )


def add_file(event, *, by, title="Präsentation", visibility=None):
    return actions.file_add(
        event=event,
        upload=SimpleUploadedFile("folien.pdf", PDF_BYTES, content_type="application/pdf"),
        title=title,
        visibility=visibility,
        by=by,
    )


# --- calendar --------------------------------------------------------------------------------


def test_the_calendar_lists_upcoming_events_earliest_first_without_past_ones(client, team):
    # given two coming events and one that is over
    later = EventFactory(title="Kiezspaziergang Wrangelkiez", start=in_days(14), by=team)
    sooner = EventFactory(title="Werkstattgespräch Bodenfonds", start=in_days(3), by=team)
    EventFactory(title="Rückblick-Workshop", start=in_days(-10), by=team)

    # when the public opens the calendar
    response = client.get("/veranstaltungen/")

    # then it lists the coming ones, the sooner first, and not the past one
    page = body(response)
    assert response.status_code == 200
    assert page.index(sooner.title) < page.index(later.title)
    assert "Rückblick-Workshop" not in page
    assert "2 Veranstaltungen" in page


def test_the_calendar_filters_by_format_and_keeps_the_filter_in_its_links(client, team):
    # given a walk and a workshop
    walk = EventFormat.objects.get(slug="kiezspaziergang")
    EventFactory(title="Spaziergang am Kanal", event_format=walk, by=team)
    EventFactory(title="Workshop Konzeptverfahren", by=team)

    # when the public picks the format "Kiezspaziergang"
    response = client.get("/veranstaltungen/?format=kiezspaziergang")

    # then only the walk is listed, and the views keep the filter
    page = body(response)
    assert "Spaziergang am Kanal" in page
    assert "Workshop Konzeptverfahren" not in page
    assert "?format=kiezspaziergang" in page


def test_an_unknown_format_shows_everything(client, team):
    EventFactory(title="Workshop Konzeptverfahren", by=team)

    response = client.get("/veranstaltungen/?format=gibt-es-nicht")

    assert response.status_code == 200
    assert "Workshop Konzeptverfahren" in body(response)


def test_a_cancelled_event_stays_in_the_calendar_marked_as_such(client, team):
    # given an event that was called off
    event = EventFactory(title="Netzwerktreffen Herbst", by=team)
    actions.event_cancel(event=event, by=team)

    # then the calendar still lists it, marked
    page = body(client.get("/veranstaltungen/"))
    assert "Netzwerktreffen Herbst" in page
    assert "abgesagt" in page


def test_the_calendar_pages_through_many_events(client, team):
    # given 25 coming events
    fmt = EventFormat.objects.get(slug="workshop")
    Event.objects.bulk_create(
        Event(title=f"Termin {n:02d}", event_format=fmt, start=in_days(n + 1), end=in_days(n + 1, hour=20))
        for n in range(25)
    )

    # then the first page shows 20 of them and links the next page
    first = body(client.get("/veranstaltungen/"))
    assert "Termin 19" in first and "Termin 20" not in first
    assert "seite=2" in first
    second = body(client.get("/veranstaltungen/?seite=2"))
    assert "Termin 24" in second and "Termin 19" not in second


def test_the_team_sees_its_links_and_the_public_does_not(client_as, team):
    event = EventFactory(by=team)
    team_links = [f"/veranstaltungen/{event.pk}/bearbeiten/", f"/veranstaltungen/{event.pk}/anmeldungen/"]
    team_links += [f"/veranstaltungen/{event.pk}/einlass/", f"/veranstaltungen/{event.pk}/dokumentation/"]

    for url in ("/veranstaltungen/", f"/veranstaltungen/{event.pk}/"):
        as_team = body(client_as("team_external").get(url))
        as_public = body(client_as("anonymous").get(url))
        as_registered = body(client_as("registered").get(url))
        for link in team_links:
            assert link in as_team
            assert link not in as_public
            assert link not in as_registered
    assert "Veranstaltung anlegen" in body(client_as("team_external").get("/veranstaltungen/"))
    assert "Veranstaltung anlegen" not in body(client_as("bezirksamt").get("/veranstaltungen/"))


# --- month view ------------------------------------------------------------------------------


def test_the_month_view_shows_each_event_on_its_days_with_links_to_the_neighbouring_months(client, team):
    # given a one-day event and one over two days in March 2031
    berlin = timezone.get_default_timezone()
    EventFactory(
        title="Fachtag Bodenpolitik",
        start=datetime.datetime(2031, 3, 4, 10, tzinfo=berlin),
        end=datetime.datetime(2031, 3, 4, 16, tzinfo=berlin),
        by=team,
    )
    EventFactory(
        title="Zukunftswerkstatt",
        start=datetime.datetime(2031, 3, 14, 18, tzinfo=berlin),
        end=datetime.datetime(2031, 3, 15, 14, tzinfo=berlin),
        by=team,
    )
    EventFactory(
        title="Aprilveranstaltung",
        start=datetime.datetime(2031, 4, 1, 18, tzinfo=berlin),
        end=datetime.datetime(2031, 4, 1, 20, tzinfo=berlin),
        by=team,
    )

    # when the public opens March 2031
    response = client.get("/veranstaltungen/monat/2031/3/")

    # then the table names the month and shows the events on their days only
    page = body(response)
    assert response.status_code == 200
    assert "<caption>Veranstaltungen im März 2031</caption>" in page
    days = dict(re.findall(r'data-day="(\d{4}-\d\d-\d\d)">(.*?)</td>', page, re.S))
    assert "Fachtag Bodenpolitik" in days["2031-03-04"]
    assert "Zukunftswerkstatt" in days["2031-03-14"] and "Zukunftswerkstatt" in days["2031-03-15"]
    assert "Zukunftswerkstatt" not in days["2031-03-16"]
    assert "Aprilveranstaltung" not in page
    assert "/veranstaltungen/monat/2031/2/" in page
    assert "/veranstaltungen/monat/2031/4/" in page


@pytest.mark.parametrize(
    "url", ["/veranstaltungen/monat/2031/13/", "/veranstaltungen/monat/2031/0/", "/veranstaltungen/monat/9999/1/"]
)
def test_a_month_that_does_not_exist_is_not_found(client, db, url):
    assert client.get(url).status_code == 404


# --- archive ---------------------------------------------------------------------------------


def test_the_archive_lists_past_events_latest_first_and_points_to_their_documentation(client, team):
    # given two past events, one documented, and a coming one
    older = EventFactory(title="Werkstatt Januar", start=in_days(-60), by=team)
    newer = EventFactory(title="Werkstatt Mai", start=in_days(-5), by=team)
    actions.report_save(event=newer, report="Wir haben **viel** besprochen.", by=team)
    EventFactory(title="Kommende Werkstatt", by=team)

    # when the public opens the archive
    page = body(client.get("/veranstaltungen/rueckblick/"))

    # then the past events are there, the latest first, the documented one linked to its documentation
    assert page.index("Werkstatt Mai") < page.index(older.title)
    assert "Kommende Werkstatt" not in page
    assert f"/veranstaltungen/{newer.pk}/#dokumentation" in page


# --- the event page --------------------------------------------------------------------------


def test_the_event_page_tells_when_where_access_and_places(client, team):
    # given a workshop with 12 places, two taken, step-free access and childcare on request
    event = EventFactory(
        title="Workshop Gemeinwohl-Bilanz",
        description="Wir schauen auf **Kriterien** für eine Vergabe.",
        capacity=12,
        step_free=Provision.YES,
        childcare=Provision.ON_REQUEST,
        accessibility_note="Eingang über den Hof.",
        online_url="https://meet.example.org/gemeinwohl",
        by=team,
    )
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)

    # when the public opens the event
    page = body(client.get(f"/veranstaltungen/{event.pk}/"))

    # then everything is there in plain words, the description rendered from Markdown
    assert "Workshop Gemeinwohl-Bilanz" in page
    assert "Rathaus Kreuzberg, BVV-Saal" in page
    assert "<strong>Kriterien</strong>" in page
    assert "Der Ort ist stufenlos zugänglich." in page
    assert "Kinderbetreuung gibt es auf Anfrage" in page
    assert "Eingang über den Hof." in page
    assert "https://meet.example.org/gemeinwohl" in page
    assert "Noch 10 Plätze frei." in page
    assert f"/veranstaltungen/{event.pk}/anmeldung/" in page
    assert f"/veranstaltungen/{event.pk}/termin.ics" in page


def test_the_event_page_names_only_the_organisers_the_reader_may_see(client_as, team):
    # given an event by a public organisation with a co-organiser only the team may see in the address book
    public = OrganisationFactory(name="LokalBau Plattform", visibility=Visibility.PUBLIC, by=team)
    hidden = OrganisationFactory(name="Stiftung im Hintergrund", visibility=Visibility.TEAM, by=team)
    event = EventFactory(organiser=public, co_organisers=[hidden], by=team)

    # then the public reads the public one only, the team both
    as_public = body(client_as("anonymous").get(f"/veranstaltungen/{event.pk}/"))
    as_team = body(client_as("team_external").get(f"/veranstaltungen/{event.pk}/"))
    assert "LokalBau Plattform" in as_public and "Stiftung im Hintergrund" not in as_public
    assert "LokalBau Plattform" in as_team and "Stiftung im Hintergrund" in as_team


def test_the_event_page_names_no_registrant_to_anyone_but_the_team(client_as, team):
    # given someone registered
    event = EventFactory(by=team)
    RegistrationFactory(event=event, name="Deniz Aydın", email="deniz@example.org")

    # then no page a visitor, a member or the Bezirksamt sees names them
    for role in ("anonymous", "registered", "bezirksamt"):
        for url in ("/veranstaltungen/", f"/veranstaltungen/{event.pk}/", f"/veranstaltungen/{event.pk}/anmeldung/"):
            page = body(client_as(role).get(url))
            assert "Deniz" not in page and "deniz@example.org" not in page


def test_the_event_page_says_when_registration_opens_and_when_it_has_closed(client, team):
    not_yet = EventFactory(registration_opens_at=in_days(2), start=in_days(10), by=team)
    closed = EventFactory(registration_closes_at=in_days(-1), by=team)

    assert "Die Anmeldung beginnt am" in body(client.get(f"/veranstaltungen/{not_yet.pk}/"))
    assert "Die Anmeldung ist geschlossen." in body(client.get(f"/veranstaltungen/{closed.pk}/"))


def test_a_full_event_offers_the_waitlist(client, team):
    event = EventFactory(capacity=1, by=team)
    RegistrationFactory(event=event)

    page = body(client.get(f"/veranstaltungen/{event.pk}/"))

    assert "Alle Plätze sind vergeben" in page
    assert "Auf die Warteliste" in page


def test_a_past_event_shows_its_documentation_with_alt_texts_and_files(client, team):
    # given a past event with a report, a photo and a file
    event = EventFactory(title="Kiezspaziergang Oranienstraße", start=in_days(-7), by=team)
    actions.report_save(event=event, report="## Was wir gesehen haben\n\nViele Läden.", by=team)
    photo = add_photo(event, by=team, alt_text="Gruppe vor einem Ladenlokal")
    document = add_file(event, by=team, title="Route als PDF")

    # when the public opens it
    page = body(client.get(f"/veranstaltungen/{event.pk}/"))

    # then the report, the photo with its text and the file are there
    assert "<h3>Was wir gesehen haben</h3>" in page
    assert f'src="/veranstaltungen/{event.pk}/fotos/{photo.pk}/"' in page
    assert 'alt="Gruppe vor einem Ladenlokal"' in page
    assert f"/veranstaltungen/{event.pk}/dateien/{document.pk}/" in page
    assert "Route als PDF" in page


def test_a_photo_is_served_inline_with_its_checked_type_and_a_file_as_download(client, team):
    event = EventFactory(start=in_days(-7), by=team)
    photo = add_photo(event, by=team)
    document = add_file(event, by=team)

    shown = client.get(f"/veranstaltungen/{event.pk}/fotos/{photo.pk}/")
    downloaded = client.get(f"/veranstaltungen/{event.pk}/dateien/{document.pk}/")

    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/png"
    assert shown["X-Content-Type-Options"] == "nosniff"
    assert not shown.get("Content-Disposition", "").startswith("attachment")
    assert b"".join(shown.streaming_content) == PNG_BYTES
    assert downloaded.status_code == 200
    assert downloaded["Content-Disposition"].startswith("attachment")
    assert downloaded["X-Content-Type-Options"] == "nosniff"


def test_a_photo_of_another_event_is_not_found(client, team):
    event = EventFactory(start=in_days(-7), by=team)
    other = EventFactory(start=in_days(-8), by=team)
    photo = add_photo(other, by=team)

    assert client.get(f"/veranstaltungen/{event.pk}/fotos/{photo.pk}/").status_code == 404


# --- who sees what ---------------------------------------------------------------------------


def _hidden_events(team) -> list[Event]:
    """Events the public must not see: team, members and internal level, and one of a members-only committee."""
    committee = CommitteeFactory(name="Steuerungsrunde intern", visibility=Visibility.MEMBERS, by=team)
    events = [
        EventFactory(title=f"Verborgen {level.label}", visibility=level, by=team)
        for level in (Visibility.MEMBERS, Visibility.TEAM, Visibility.INTERNAL)
    ]
    events.append(EventFactory(title="Verborgen Gremium", committee=committee, visibility=Visibility.MEMBERS, by=team))
    return events


def test_hidden_events_appear_nowhere_for_the_public(client, team):
    # given hidden events, each also in the past with documentation
    coming = _hidden_events(team)
    past = []
    for event in coming:
        data = actions.EventInput(
            **{
                **{name: getattr(event, name) for name in actions.EVENT_FIELDS},
                "event_format": event.event_format,
                "title": event.title + " (vorbei)",
                "start": in_days(-5),
                "end": in_days(-5, hour=20),
            }
        )
        old = actions.event_create(data=data, by=team)
        actions.report_save(event=old, report="Geheimer Bericht", by=team)
        past.append((old, add_photo(old, by=team), add_file(old, by=team)))
    today = timezone.localdate()

    # then the public finds none of them on any page or calendar file
    for url in (
        "/veranstaltungen/",
        f"/veranstaltungen/monat/{today.year}/{today.month}/",
        f"/veranstaltungen/monat/{in_days(7).year}/{in_days(7).month}/",
        f"/veranstaltungen/monat/{in_days(-5).year}/{in_days(-5).month}/",
        "/veranstaltungen/rueckblick/",
        "/veranstaltungen/kalender.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "Verborgen" not in body(response), url
    for event in coming:
        for url in (f"/{event.pk}/", f"/{event.pk}/termin.ics", f"/{event.pk}/anmeldung/"):
            assert client.get(f"/veranstaltungen{url}").status_code == 404, url
        assert client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form()).status_code == 404
    for old, photo, document in past:
        assert client.get(f"/veranstaltungen/{old.pk}/").status_code == 404
        assert client.get(f"/veranstaltungen/{old.pk}/fotos/{photo.pk}/").status_code == 404
        assert client.get(f"/veranstaltungen/{old.pk}/dateien/{document.pk}/").status_code == 404
    assert not Registration.objects.exists()


def test_the_team_sees_what_the_public_does_not(client_as, team):
    hidden = _hidden_events(team)
    team_page = body(client_as("team_internal").get("/veranstaltungen/"))
    for event in hidden:
        assert event.title in team_page
    assert client_as("team_external").get(f"/veranstaltungen/{hidden[1].pk}/").status_code == 200


def test_hidden_photos_and_files_of_a_public_event_stay_hidden(client, client_as, team):
    # given a public past event with a public photo and a team-only photo and file
    event = EventFactory(start=in_days(-3), by=team)
    shown = add_photo(event, by=team, alt_text="Öffentliches Foto")
    hidden_photo = add_photo(event, by=team, alt_text="Internes Foto", visibility=Visibility.TEAM)
    hidden_file = add_file(event, by=team, title="Interne Auswertung", visibility=Visibility.TEAM)

    # then the public sees the public photo only; the others answer 404
    page = body(client.get(f"/veranstaltungen/{event.pk}/"))
    assert "Öffentliches Foto" in page
    assert "Internes Foto" not in page and "Interne Auswertung" not in page
    assert client.get(f"/veranstaltungen/{event.pk}/fotos/{shown.pk}/").status_code == 200
    assert client.get(f"/veranstaltungen/{event.pk}/fotos/{hidden_photo.pk}/").status_code == 404
    assert client.get(f"/veranstaltungen/{event.pk}/dateien/{hidden_file.pk}/").status_code == 404
    # and the team sees them all
    as_team = client_as("team_external")
    assert "Internes Foto" in body(as_team.get(f"/veranstaltungen/{event.pk}/"))
    assert as_team.get(f"/veranstaltungen/{event.pk}/fotos/{hidden_photo.pk}/").status_code == 200


# --- registering -----------------------------------------------------------------------------


def test_registering_confirms_a_place_and_sends_the_mail(client, team, django_capture_on_commit_callbacks):
    # given an event with places
    event = EventFactory(title="Werkstatt Vorkaufsrecht", capacity=5, by=team)

    # when someone registers, consenting to photos
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/veranstaltungen/{event.pk}/anmeldung/",
            register_form(email="Alex@Example.org", photo_consent="on"),
        )

    # then the place is confirmed, with the consent, and the page says so
    assert response.status_code == 302
    assert response["Location"] == f"/veranstaltungen/{event.pk}/anmeldung/gesendet/"
    registration = Registration.objects.get(event=event)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.email == "alex@example.org"
    assert registration.photo_consent is True
    sent = client.get(response["Location"])
    assert "Ihr Platz ist bestätigt" in body(sent)
    assert sent["Cache-Control"] == "private, no-store"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alex@example.org"]
    # the confirmation is shown once only
    assert client.get(response["Location"]).status_code == 302


def test_photo_consent_is_optional_and_off_unless_ticked(client, team):
    event = EventFactory(by=team)

    client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form())

    assert Registration.objects.get(event=event).photo_consent is False


def test_a_full_event_puts_people_on_the_waitlist_in_order(client, team):
    # given an event with one place, taken
    event = EventFactory(capacity=1, by=team)
    RegistrationFactory(event=event)

    # when two more people register
    for email in ("zwei@example.org", "drei@example.org"):
        other = Client()
        response = other.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form(email=email))
        page = body(other.get(response["Location"]))

    # then they wait, the second one as number 2
    assert "Sie stehen auf der Warteliste" in page
    assert re.search(r"Nummer 2</strong> auf der Warteliste", page)
    assert event.registrations.waitlisted().count() == 2


def test_the_form_asks_what_the_event_asks(client, team):
    # given an event that wants the organisation, not the sector, and has its own questions
    event = EventFactory(
        ask_organisation=Ask.REQUIRED,
        ask_sector=Ask.NO,
        ask_accessibility=Ask.OPTIONAL,
        questions=[
            actions.QuestionInput(label="Essen Sie vegetarisch?", kind=QuestionKind.YES_NO, required=True),
            actions.QuestionInput(label="Welcher Workshop?", kind=QuestionKind.CHOICE, options="A\nB"),
        ],
        by=team,
    )

    page = body(client.get(f"/veranstaltungen/{event.pk}/anmeldung/"))

    assert 'name="organisation"' in page
    assert 'name="sector"' not in page
    assert "(freiwillig)" in page
    assert "Essen Sie vegetarisch?" in page
    assert "Welcher Workshop? (freiwillig)" in page
    assert 'name="photo_consent"' in page


def test_answers_to_the_events_questions_are_kept(client, team):
    event = EventFactory(
        questions=[actions.QuestionInput(label="Essen Sie vegetarisch?", kind=QuestionKind.YES_NO, required=True)],
        by=team,
    )
    question = event.questions.get()

    response = client.post(
        f"/veranstaltungen/{event.pk}/anmeldung/", register_form(**{f"question_{question.pk}": "ja"})
    )

    assert response.status_code == 302
    assert Registration.objects.get(event=event).answers.get().value == "ja"


def _refused(response, message: str) -> None:
    assert response.status_code == 422
    assert message in body(response)


@pytest.mark.parametrize(
    ("event_fields", "form_fields", "message"),
    [
        ({"registration_opens_at": "in_2_days", "start": "in_10_days"}, {}, "Die Anmeldung beginnt erst am"),
        ({"registration_closes_at": "yesterday"}, {}, "Die Anmeldung ist seit"),
        ({}, {"email": "keine-adresse"}, "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({}, {"name": ""}, "Bitte geben Sie Ihren Namen an."),
        ({"ask_organisation": Ask.REQUIRED}, {}, "Bitte geben Sie Ihre Organisation an."),
        ({"required_question": True}, {}, "Bitte beantworten Sie diese Frage."),
    ],
    ids=["not-open-yet", "closed", "invalid-email", "no-name", "required-detail", "required-answer"],
)
def test_bad_input_is_refused_in_german_and_changes_nothing(client, team, event_fields, form_fields, message):
    # given an event set up as the case needs
    moments = {"in_2_days": in_days(2), "in_10_days": in_days(10), "yesterday": in_days(-1)}
    fields = {
        name: moments.get(value, value) if isinstance(value, str) else value for name, value in event_fields.items()
    }
    if fields.pop("required_question", False):
        fields["questions"] = [actions.QuestionInput(label="Woher kommen Sie?", required=True)]
    event = EventFactory(by=team, **fields)

    # when someone sends the form
    response = client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form(**form_fields))

    # then a German message, and nothing saved or sent
    _refused(response, message)
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_a_closed_window_is_named_even_when_the_form_is_incomplete(client, team):
    event = EventFactory(registration_closes_at=in_days(-1), by=team)

    response = client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form(name=""))

    _refused(response, "Die Anmeldung ist seit")


def test_a_full_event_without_waitlist_refuses(client, team):
    event = EventFactory(capacity=1, waitlist_enabled=False, by=team)
    RegistrationFactory(event=event)

    response = client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form())

    _refused(response, "Die Veranstaltung ist leider ausgebucht, und es gibt keine Warteliste.")
    assert event.registrations.count() == 1


def test_the_same_address_twice_gives_one_registration_and_a_clear_message(client, team):
    event = EventFactory(by=team)
    client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form())

    response = client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form(email="ALEX@example.org "))

    _refused(response, "Mit dieser E-Mail-Adresse ist schon eine Anmeldung für diese Veranstaltung eingegangen.")
    assert event.registrations.count() == 1


def test_the_form_is_not_offered_when_registration_is_closed(client, team):
    event = EventFactory(registration_closes_at=in_days(-1), by=team)

    page = body(client.get(f"/veranstaltungen/{event.pk}/anmeldung/"))

    assert "data-registration-form" not in page
    assert "Die Anmeldung ist geschlossen." in page


def test_the_honeypot_refuses_with_400(client, team):
    event = EventFactory(by=team)

    response = client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form(homepage="http://spam.example"))

    assert response.status_code == 400
    assert "Bitte leer lassen" in body(response)
    assert not Registration.objects.exists()


def test_the_rate_limit_counts_registrations_per_address(client, team, settings):
    # given a limit of two registrations an hour
    settings.EVENTS_REGISTRATION_RATE = "2/h"
    events = [EventFactory(by=team) for _ in range(3)]

    # when the same address registers for three events
    first = client.post(f"/veranstaltungen/{events[0].pk}/anmeldung/", register_form())
    second = client.post(f"/veranstaltungen/{events[1].pk}/anmeldung/", register_form())
    third = client.post(f"/veranstaltungen/{events[2].pk}/anmeldung/", register_form())

    # then the third is refused with 429 and a clear message
    assert first.status_code == second.status_code == 302
    assert third.status_code == 429
    assert "Bitte versuchen Sie es in einer Stunde noch einmal" in body(third)
    assert Registration.objects.count() == 2


def test_failed_attempts_do_not_use_up_the_limit(client, team, settings):
    settings.EVENTS_REGISTRATION_RATE = "1/h"
    event = EventFactory(by=team)

    for _ in range(3):
        assert client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form(email="kaputt")).status_code == 422
    assert client.post(f"/veranstaltungen/{event.pk}/anmeldung/", register_form()).status_code == 302


# --- the private link ------------------------------------------------------------------------


def test_the_private_page_shows_the_registration_and_keeps_out_of_caches(client, team):
    event = EventFactory(
        title="Werkstatt Erbbaurecht",
        questions=[actions.QuestionInput(label="Woher kommen Sie?")],
        by=team,
    )
    question = event.questions.get()
    registration = RegistrationFactory(
        event=event, name="Kim Sommer", organisation="Mietergemeinschaft", answers={question.pk: "Aus Kreuzberg"}
    )

    response = client.get(private_path(registration))

    page = body(response)
    assert "Werkstatt Erbbaurecht" in page
    assert "Kim Sommer" in page and "Mietergemeinschaft" in page
    assert "Woher kommen Sie?" in page and "Aus Kreuzberg" in page
    assert "angemeldet" in page
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


@pytest.mark.parametrize("token", ["nonsense", "MQ:1sKx2:forged"])
def test_a_forged_link_is_not_found(client, db, token):
    assert client.get(f"/veranstaltungen/anmeldung/{token}/").status_code == 404
    assert client.get(f"/veranstaltungen/anmeldung/{token}/termin.ics").status_code == 404


def test_cancelling_asks_first_then_frees_the_place_for_the_waitlist(client, team, django_capture_on_commit_callbacks):
    # given a full event with one person waiting
    event = EventFactory(capacity=1, by=team)
    holder = RegistrationFactory(event=event, email="platz@example.org")
    waiting = RegistrationFactory(event=event, email="warten@example.org")
    assert waiting.status == RegistrationStatus.WAITLISTED
    path = private_path(holder)

    # when the holder presses "Abmelden" they are asked first, and nothing changes yet
    asked = client.post(path, {})
    assert "Möchten Sie sich wirklich abmelden?" in body(asked)
    holder.refresh_from_db()
    assert holder.status == RegistrationStatus.CONFIRMED

    # and when they confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"confirm": "ja"})

    # then they are out, the person waiting moves up, and both hear of it
    assert response.status_code == 302
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert sorted(message.to[0] for message in mail.outbox) == ["platz@example.org", "warten@example.org"]
    page = body(client.get(path))
    assert "Sie sind abgemeldet." in page
    assert "data-cancel" not in page


def test_cancelling_twice_changes_nothing(client, team):
    event = EventFactory(by=team)
    registration = RegistrationFactory(event=event)
    actions.registration_cancel(registration=registration)

    response = client.post(private_path(registration), {"confirm": "ja"})

    assert response.status_code == 422
    assert "Diese Anmeldung ist schon abgemeldet." in body(response)


def test_a_waitlisted_person_sees_their_number(client, team):
    event = EventFactory(capacity=1, by=team)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event)
    third = RegistrationFactory(event=event)

    page = body(client.get(private_path(third)))

    assert "Sie sind Nummer 2 auf der Warteliste." in page


def test_the_registration_page_links_the_event_only_where_the_reader_may_open_it(client, team):
    public_event = EventFactory(by=team)
    members_event = EventFactory(visibility=Visibility.MEMBERS, by=team)
    public_registration = RegistrationFactory(event=public_event)
    members_registration = RegistrationFactory(event=members_event)

    assert f'href="/veranstaltungen/{public_event.pk}/"' in body(client.get(private_path(public_registration)))
    members_page = body(client.get(private_path(members_registration)))
    assert members_event.title in members_page
    assert f'href="/veranstaltungen/{members_event.pk}/"' not in members_page


# --- queries ---------------------------------------------------------------------------------


def _bulk_events(count: int, *, first_day: int = 1) -> None:
    """``count`` public events in the coming days, made in one go (the calendar only reads them)."""
    fmt = EventFormat.objects.get(slug="workshop")
    Event.objects.bulk_create(
        Event(
            title=f"Massentermin {n}",
            event_format=fmt,
            start=in_days(first_day + n % 20, hour=10 + n % 8),
            end=in_days(first_day + n % 20, hour=11 + n % 8),
            capacity=10,
        )
        for n in range(count)
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["anonymous", "team_internal"])
def test_the_calendar_and_the_month_cost_the_same_queries_for_3_or_40_events(client_as, team, role):
    # given three events with registrations, seen by the public or the team
    client = client_as(role)
    for event in [EventFactory(start=in_days(2 + n), capacity=3, by=team) for n in range(3)]:
        RegistrationFactory(event=event)
    day = in_days(2)
    urls = ["/veranstaltungen/", f"/veranstaltungen/monat/{day.year}/{day.month}/", "/veranstaltungen/rueckblick/"]
    few = [_queries(client, url) for url in urls]

    # when 37 more are planned
    _bulk_events(37)

    # then every view costs what it cost before
    assert [_queries(client, url) for url in urls] == few


def test_a_calendar_of_2000_events_answers_in_as_many_queries_as_one_of_3(client, db):
    _bulk_events(3)
    few = _queries(client, "/veranstaltungen/")
    feed_few = _queries(client, "/veranstaltungen/kalender.ics")

    _bulk_events(1997)

    assert _queries(client, "/veranstaltungen/") == few
    assert _queries(client, "/veranstaltungen/?seite=50") == few
    assert _queries(client, "/veranstaltungen/kalender.ics") == feed_few


def test_selectors_see_public_events_for_anonymous(team):
    # a sanity check of the scoping the pages rely on
    EventFactory(visibility=Visibility.TEAM, by=team)
    shown = EventFactory(by=team)
    assert list(Event.objects.visible_to(AnonymousUser())) == [shown]
