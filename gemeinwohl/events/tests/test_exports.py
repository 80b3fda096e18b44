"""Registrations as CSV and XLSX, and the check-in list as PDF: what the team finds in the files."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinwohl.committees import pdf
from gemeinwohl.committees.tests.test_pdf import page_texts
from gemeinwohl.events import actions, mails
from gemeinwohl.events.models import QuestionKind
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_mails(monkeypatch):
    for name in ("send_registration_received", "send_moved_up", "send_cancellation_confirmed", "send_event_changed"):
        monkeypatch.setattr(mails, name, lambda **kwargs: None)


@pytest.fixture
def laid_out(monkeypatch):
    """The documents WeasyPrint lays out during a test, in order."""
    documents = []
    original = pdf.layout

    def layout_and_keep(html):
        document = original(html)
        documents.append(document)
        return document

    monkeypatch.setattr(pdf, "layout", layout_and_keep)
    return documents


@pytest.fixture
def event(users):
    """A workshop with one place, two questions, a person with the place, one waiting and one who cancelled."""
    event = EventFactory(
        title="Werkstatt Erbbaurecht",
        capacity=1,
        questions=[
            actions.QuestionInput(label="Welches Projekt?"),
            actions.QuestionInput(label="Vegetarisch?", kind=QuestionKind.YES_NO),
        ],
    )
    project, vegetarian = event.questions.order_by("position")
    RegistrationFactory(
        event=event,
        name="Ada Platz",
        email="ada@example.org",
        organisation='=HYPERLINK("http://evil.example")',
        photo_consent=True,
        answers={project.pk: "Kiezladen", vegetarian.pk: "ja"},
    )
    RegistrationFactory(event=event, name="Bert Wartend", email="bert@example.org")
    gone = RegistrationFactory(event=event, name="Cem Abgemeldet", email="cem@example.org")
    actions.registration_cancel(registration=gone, by=users["team_internal"])
    return event


def export_url(event, file_format):
    return reverse("events:registrations_export", args=[event.pk, file_format])


def test_the_csv_holds_every_registration_with_its_answers_as_columns(client_as, event):
    # When the team downloads the CSV
    response = client_as("team_external").get(export_url(event, "csv"))
    # Then it is an attachment for German Excel
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="anmeldungen-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, *people = rows
    # With the questions as the last columns
    assert header[-2:] == ["Welches Projekt?", "Vegetarisch?"]
    by_name = {row[header.index("Name")]: row for row in people}
    assert set(by_name) == {"Ada Platz", "Bert Wartend", "Cem Abgemeldet"}
    ada = by_name["Ada Platz"]
    assert ada[header.index("Stand")] == "angemeldet"
    assert ada[header.index("einverstanden mit Fotos")] == "ja"
    assert ada[-2:] == ["Kiezladen", "ja"]
    # A text that looks like a formula never runs as one
    assert ada[header.index("Organisation")].startswith("'=")
    assert by_name["Bert Wartend"][header.index("Stand")] == "auf der Warteliste"
    assert by_name["Bert Wartend"][header.index("Platz auf der Warteliste")] == "1"
    assert by_name["Cem Abgemeldet"][header.index("Stand")] == "abgemeldet"


def test_the_xlsx_holds_the_same_table(client_as, event):
    response = client_as("team_internal").get(export_url(event, "xlsx"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    names = [row[header.index("Name")] for row in rows[1:]]
    assert names == ["Ada Platz", "Bert Wartend", "Cem Abgemeldet"]
    assert rows[1][header.index("Welches Projekt?")] == "Kiezladen"
    assert sheet["A1"].font.bold


def test_an_unknown_file_format_is_not_found(client_as, event):
    assert client_as("team_internal").get(export_url(event, "ods")).status_code == 404


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_export_needs_a_fixed_number_of_queries(client_as, file_format):
    event = EventFactory(questions=[actions.QuestionInput(label="Projekt?")])
    question = event.questions.get()
    client = client_as("team_internal")
    RegistrationFactory(event=event, answers={question.pk: "A"})
    client.get(export_url(event, file_format))
    with CaptureQueriesContext(connection) as few:
        client.get(export_url(event, file_format))
    RegistrationFactory.create_batch(15, event=event, answers={question.pk: "B"})
    with CaptureQueriesContext(connection) as many:
        response = client.get(export_url(event, file_format))
    assert response.status_code == 200
    assert len(many) == len(few)


def test_the_check_in_list_names_everyone_with_a_place_by_name_with_photo_consent(client_as, laid_out):
    # Given an event with three people with a place, registered out of alphabetical order, and one waiting
    event = EventFactory(title="Netzwerktreffen Gemeinwohl", capacity=3)
    RegistrationFactory(event=event, name="Zora Zeisig", organisation="Mieterinitiative", photo_consent=True)
    RegistrationFactory(event=event, name="anna Amsel", organisation="Bezirksamt")
    RegistrationFactory(event=event, name="Malte Meise", photo_consent=True)
    RegistrationFactory(event=event, name="Wanda Warteliste")
    # When the team downloads the check-in list
    response = client_as("team_external").get(reverse("events:check_in_pdf", args=[event.pk]))
    # Then it is a PDF download
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith('attachment; filename="einlass-')
    text = " ".join(page_texts(laid_out[-1]))
    # With the people sorted by name, organisation and who may not be photographed
    assert "Einlassliste Netzwerktreffen Gemeinwohl" in text
    positions = [text.index(name) for name in ("anna Amsel", "Malte Meise", "Zora Zeisig")]
    assert positions == sorted(positions)
    assert "anna Amsel Bezirksamt keine Fotos" in text
    assert "Zora Zeisig Mieterinitiative ja" in text
    assert "Wanda Warteliste" not in text


def test_the_check_in_list_needs_a_fixed_number_of_queries(client_as):
    event = EventFactory()
    client = client_as("team_internal")
    url = reverse("events:check_in_pdf", args=[event.pk])
    RegistrationFactory(event=event)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    RegistrationFactory.create_batch(12, event=event)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
