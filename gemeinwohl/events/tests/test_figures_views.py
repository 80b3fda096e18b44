"""The figures page and its CSV/XLSX files: who may open them, what they show."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gemeinwohl.directory.models import Sector
from gemeinwohl.events import actions, mails
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days

pytestmark = pytest.mark.django_db

PAGE = reverse("events:figures")
ALLOWED = ["bezirksamt", "team_external", "team_internal", "admin"]


@pytest.fixture(autouse=True)
def quiet_mails(monkeypatch):
    for name in dir(mails):
        if name.startswith("send_"):
            monkeypatch.setattr(mails, name, lambda **kwargs: None)


@pytest.fixture
def held(users):
    """A Kiezspaziergang ten days ago: three registered (two initiatives, one office), two came, check-in closed."""
    team = users["team_internal"]
    event = EventFactory(title="Kiezspaziergang Samariterkiez", start=in_days(-10), capacity=20, by=team)
    before = event.start - datetime.timedelta(days=5)
    came = [RegistrationFactory(event=event, sector=Sector.CIVIL_SOCIETY, now=before) for _ in range(2)]
    RegistrationFactory(event=event, sector=Sector.ADMINISTRATION, now=before)
    for registration in came:
        actions.attendance_record(registration=registration, attended=True, by=team, now=event.start)
    actions.attendance_close(event=event, by=team, now=event.end)
    return event


def query():
    today = timezone.localdate()
    return f"?von={(today - datetime.timedelta(days=30)).isoformat()}&bis={today.isoformat()}"


@pytest.mark.parametrize(
    "url", [PAGE, reverse("events:figures_export", args=["csv"]), reverse("events:figures_export", args=["xlsx"])]
)
def test_anonymous_readers_are_sent_to_log_in(client_as, url):
    response = client_as("anonymous").get(url)

    assert response.status_code == 302
    assert response.url.startswith("/konto/anmelden/?next=")


@pytest.mark.parametrize(
    "url", [PAGE, reverse("events:figures_export", args=["csv"]), reverse("events:figures_export", args=["xlsx"])]
)
def test_registered_accounts_are_refused(client_as, url):
    assert client_as("registered").get(url).status_code == 403


@pytest.mark.parametrize("role", ALLOWED)
def test_team_and_bezirksamt_see_the_page(client_as, role):
    response = client_as(role).get(PAGE)

    assert response.status_code == 200
    assert "Auswertung der Veranstaltungen" in response.content.decode()


def figure(html: str, name: str) -> str:
    return re.search(rf'data-figure="{name}">([^<]*)<', html).group(1)


def test_the_page_shows_the_numbers_and_what_they_mean(client_as, held):
    # when the Bezirksamt opens the figures for the last thirty days
    html = client_as("bezirksamt").get(PAGE + query()).content.decode()

    # then it reads one event, three registrations, two present, one no-show, and the definitions
    assert (figure(html, "events"), figure(html, "registrations"), figure(html, "attended")) == ("1", "3", "2")
    assert figure(html, "no_shows") == "1"
    assert "Kiezspaziergang Samariterkiez" in html
    assert "Was die Zahlen bedeuten" in html
    assert "Nur bei Veranstaltungen, deren Anwesenheit abgeschlossen ist" in html


def test_a_wrong_period_answers_400_with_a_german_message(client_as):
    response = client_as("team_external").get(PAGE + "?von=2026-05-01&bis=2026-04-01")

    assert response.status_code == 400
    assert "Das Ende darf nicht vor dem Beginn liegen." in response.content.decode()


def test_csv_export_has_the_same_numbers(client_as, held):
    # when the team downloads the figures as CSV
    response = client_as("team_external").get(reverse("events:figures_export", args=["csv"]) + query())

    # then a German CSV file with the sections of the page
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="veranstaltungen-auswertung-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Anmeldungen", "3"] in rows
    assert ["nicht erschienen", "1"] in rows
    event_row = next(row for row in rows if "Kiezspaziergang Samariterkiez" in row)
    assert event_row[2:] == ["Workshop", "20", "nein", "ja", "3", "3", "2", "1", "0", "0", "0"]
    assert ["Zivilgesellschaft/Initiative", "2", "2"] in rows
    assert ["Verwaltung", "1", "0"] in rows


def test_xlsx_export_has_a_sheet_per_figure(client_as, held):
    response = client_as("admin").get(reverse("events:figures_export", args=["xlsx"]) + query())

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Überblick", "Veranstaltungen", "Formate", "Bereiche"]
    overview = {row[0]: row[1] for row in workbook["Überblick"].iter_rows(values_only=True)}
    assert overview["Veranstaltungen"] == 1
    assert overview["teilgenommen"] == 2
    formats = {row[0]: row[1:] for row in workbook["Formate"].iter_rows(min_row=2, values_only=True)}
    assert formats["Workshop"] == (1, 3, 3, 2, 1, 0, 0, 0)


def test_an_unknown_file_format_is_404(client_as):
    assert client_as("team_internal").get("/veranstaltungen/zahlen/export.pdf").status_code == 404


def test_the_table_per_event_is_paged_and_the_file_holds_every_event(client_as, users, monkeypatch):
    # Given 52 events in the period, and pages of 50
    from gemeinwohl.events.views import figures as figures_views

    monkeypatch.setattr(figures_views, "EVENTS_PER_PAGE", 50)
    team = users["team_internal"]
    for number in range(52):
        EventFactory(title=f"Werkstatt Nummer {number:02d}", start=in_days(-1 - number % 20), by=team)
    client = client_as("team_internal")

    # When a team member opens the figures and then the table's second page
    first = client.get(PAGE + query()).content.decode()
    second = client.get(PAGE + query() + "&seite=2").content.decode()
    exported = client.get(reverse("events:figures_export", args=["csv"]) + query()).content.decode()

    # Then the first page lists 50 events and links on; the second the remaining two; the file all 52
    assert first.count("data-event=") == 50
    assert 'rel="next"' in first
    assert second.count("data-event=") == 2
    assert exported.count("Werkstatt Nummer") == 52
