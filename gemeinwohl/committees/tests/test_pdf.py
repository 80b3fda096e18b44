"""Agenda and approved minutes as PDF: what each reader finds in the file, and that nothing is fetched from outside.

The text a reader sees is read from WeasyPrint's laid-out pages, the very
document the view then writes as the PDF (no PDF parser is installed); the
response itself is checked as a PDF download.
"""

import contextlib
import datetime
import re
import zlib
from zoneinfo import ZoneInfo

import pytest
import tinycss2
import weasyprint
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from weasyprint.formatting_structure.boxes import MarginBox, TextBox
from weasyprint.urls import URLFetcher

from conftest import logged_in_client
from gemeinwohl.accounts.models import Role
from gemeinwohl.committees import actions, pdf
from gemeinwohl.committees.models import AgendaItemKind, AttendanceStatus, TaskStatus
from gemeinwohl.committees.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    TaskFactory,
    member,
)
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Sector
from gemeinwohl.directory.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
HEADER_NAME = "AKS Gemeinwohl"
HEADER_LINE = (
    "Arbeits- und Koordinierungsstruktur für gemeinwohlorientierte Stadtentwicklung · Friedrichshain-Kreuzberg"
)


# --- reading a PDF as its reader does ----------------------------------------------------


@pytest.fixture
def laid_out(monkeypatch):
    """The documents WeasyPrint lays out during a test, in order; each is what the next PDF response holds."""
    documents = []
    original = pdf.layout

    def layout_and_keep(html):
        document = original(html)
        documents.append(document)
        return document

    monkeypatch.setattr(pdf, "layout", layout_and_keep)
    return documents


def page_texts(document: weasyprint.Document) -> list[str]:
    """The text on each page as read from top to bottom: header, body, footer; spaces collapsed."""

    def text(box) -> str:
        return " ".join(part.text for part in box.descendants() if isinstance(part, TextBox))

    def region(box) -> int:
        if not isinstance(box, MarginBox):
            return 1
        return 0 if box.at_keyword.startswith("@top") else 2

    pages = []
    # Page._page_box is WeasyPrint's laid-out page (WeasyPrint is pinned in requirements/base.txt).
    for page in document.pages:
        boxes = sorted(page._page_box.children, key=region)
        pages.append(" ".join(" ".join(text(box) for box in boxes).split()))
    return pages


def download(client: Client, name: str, meeting, documents: list):
    """GET a PDF address; on success, the response and the text of its pages."""
    response = client.get(reverse(f"committees:{name}", kwargs={"pk": meeting.pk}))
    if response.status_code != 200:
        return response, None
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    return response, page_texts(documents[-1])


def today(format_name: str = "DATE_FORMAT") -> str:
    with translation.override("de"):
        return date_format(timezone.localdate(), format_name)


# --- data, made through the actions the pages use (committees/tests/factories.py) ---------------


def berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def minutes_text(agenda_item, by, text):
    actions.minutes_save_entry(item=agenda_item, text=text, base_version=0, by=by)


@pytest.fixture
def steering():
    """The Steuerungsrunde: a public committee."""
    return CommitteeFactory(
        name="Steuerungsrunde der AKS Gemeinwohl", short_name="SR", slug="steuerungsrunde", visibility=Visibility.PUBLIC
    )


@pytest.fixture
def regelrunde():
    """The administration-internal Regelrunde of the councillor's office."""
    return CommitteeFactory(
        name="Regelrunde des Büros des Bezirksstadtrats",
        short_name="RR",
        slug="regelrunde",
        visibility=Visibility.INTERNAL,
    )


@pytest.fixture
def public_meeting_with_internal_item(steering):
    """A public meeting of the Steuerungsrunde whose second point is administration-internal."""
    session = MeetingFactory(
        committee=steering,
        start=berlin(2027, 3, 2, 18, 0),
        room="Raum 1.04",
        address="Yorckstraße 4–11, 10965 Berlin",
        online_url="https://konferenz.example.org/steuerungsrunde",
    )
    AgendaItemFactory(
        meeting=session,
        title="Bericht aus dem Bezirksamt",
        kind=AgendaItemKind.INFORMATION,
        presenter="Bezirksstadtrat",
    )
    AgendaItemFactory(meeting=session, title="Personalangelegenheit im Fachbereich", visibility=Visibility.INTERNAL)
    AgendaItemFactory(
        meeting=session,
        title="Vorkaufsrecht Wrangelstraße 66",
        kind=AgendaItemKind.DECISION,
        presenter="Mieterinitiative",
    )
    return session


# --- the agenda ---------------------------------------------------------------------------------


def test_the_agenda_shows_an_internal_point_to_internal_staff_only(
    client_as, public_meeting_with_internal_item, laid_out
):
    # Given a public meeting whose second of three points is administration-internal
    session = public_meeting_with_internal_item

    # When an internal team member downloads the agenda
    _response, pages = download(client_as("team_internal"), "agenda_pdf", session, laid_out)

    # Then they find all three points, numbered in order, with kind and presenter
    text = " ".join(pages)
    assert "TOP 1 Bericht aus dem Bezirksamt" in text
    assert "TOP 2 Personalangelegenheit im Fachbereich" in text
    assert "TOP 3 Vorkaufsrecht Wrangelstraße 66" in text
    assert "Information · Berichterstattung: Bezirksstadtrat" in text
    assert "Beschluss · Berichterstattung: Mieterinitiative" in text

    # When the external team and the public download it
    for role in ("team_external", "anonymous"):
        _response, pages = download(client_as(role), "agenda_pdf", session, laid_out)

        # Then the internal point is not in their file, and the others are numbered without a gap
        text = " ".join(pages)
        assert "Personalangelegenheit" not in text, role
        assert "TOP 1 Bericht aus dem Bezirksamt" in text, role
        assert "TOP 2 Vorkaufsrecht Wrangelstraße 66" in text, role
        assert "TOP 3" not in text, role


def test_the_agenda_names_committee_time_place_and_state_under_the_aks_header(
    client, public_meeting_with_internal_item, laid_out
):
    # Given a public meeting on Tuesday, 2 March 2027, 18:00 in Berlin, in a room and online

    # When the public downloads its agenda
    response, pages = download(client, "agenda_pdf", public_meeting_with_internal_item, laid_out)

    # Then it is an A4 download named after committee and day
    assert response["Content-Disposition"] == 'attachment; filename="tagesordnung-steuerungsrunde-2027-03-02.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    page = laid_out[-1].pages[0]
    assert (round(page.width * 0.75), round(page.height * 0.75)) == (595, 842)  # A4 in PDF points
    # ... under the AKS header, with the footer's date and page number
    text = pages[0]
    assert text.startswith(f"AKS {HEADER_NAME} {HEADER_LINE}")
    assert "Erstellt am" in text
    assert "Seite 1 von 1" in text
    # ... and it names committee, meeting, time in Berlin, place, online access and state
    assert "Tagesordnung Steuerungsrunde der AKS Gemeinwohl" in text
    assert "Gremium Steuerungsrunde der AKS Gemeinwohl" in text
    assert "Termin Dienstag, 2. März 2027, 18:00–20:00 Uhr" in text
    assert "Ort Raum 1.04, Yorckstraße 4–11, 10965 Berlin" in text
    assert "Online-Zugang https://konferenz.example.org/steuerungsrunde" in text
    assert "Stand geplant" in text


def pdf_structure(content: bytes) -> bytes:
    """The PDF's objects as bytes, its compressed streams unpacked (for looking up catalogue entries)."""
    # A stream's data may itself end in a carriage return, so the end-of-line before "endstream" is
    # left in: a decompressor object stops at the end of the compressed data and ignores what follows.
    streams = re.findall(rb"stream\r?\n(.*?)\nendstream", content, re.S)
    unpacked = []
    for stream in streams:
        with contextlib.suppress(zlib.error):
            unpacked.append(zlib.decompressobj().decompress(stream))
    return content + b"".join(unpacked)


def test_a_pdf_is_tagged_with_language_and_title_for_screen_readers(
    client, public_meeting_with_internal_item, laid_out
):
    # When the public downloads the agenda
    response, _pages = download(client, "agenda_pdf", public_meeting_with_internal_item, laid_out)

    # Then the file is a tagged PDF/UA-1 that says its language and shows its title
    structure = pdf_structure(response.content)
    assert b"/Lang (de)" in structure
    assert b"/StructTreeRoot" in structure
    assert b"/MarkInfo <</Marked true>>" in structure
    assert b'pdfuaid:part="1"' in structure
    assert b"/DisplayDocTitle true" in structure
    title = "Tagesordnung: Steuerungsrunde der AKS Gemeinwohl, 02.03.2027"
    assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>'.encode() in structure


def test_a_cancelled_meeting_is_marked_as_cancelled(client, users, steering, laid_out):
    # Given a meeting that was called off
    session = MeetingFactory(committee=steering, start=berlin(2027, 4, 6, 18, 0))
    actions.meeting_cancel(meeting=session, by=users["team_internal"])

    # When the public downloads its agenda
    _response, pages = download(client, "agenda_pdf", session, laid_out)

    # Then the first thing under the title says it does not take place
    assert "Tagesordnung Steuerungsrunde der AKS Gemeinwohl Diese Sitzung ist abgesagt." in pages[0]
    assert "Stand abgesagt" in pages[0]
    assert laid_out[-1].metadata.title.endswith("(abgesagt)")


def test_a_reader_who_may_see_no_point_still_gets_a_valid_agenda(client, steering, laid_out):
    # Given a public meeting whose only point is for the team
    session = MeetingFactory(committee=steering, start=berlin(2027, 5, 4, 18, 0))
    AgendaItemFactory(meeting=session, title="Vorbereitung im Team", visibility=Visibility.TEAM)

    # When the public downloads the agenda
    response, pages = download(client, "agenda_pdf", session, laid_out)

    # Then they get a one-page PDF that says there is nothing on it for them
    assert response.status_code == 200
    assert len(pages) == 1
    assert "Vorbereitung" not in pages[0]
    assert "keine Punkte freigegeben" in pages[0]


def test_the_agenda_lists_the_committees_open_tasks(client_as, steering, laid_out):
    # Given tasks of the committee before a planned meeting: one open, one done, one for the team only
    TaskFactory(
        committee=steering,
        title="Stellungnahme zum B-Plan entwerfen",
        assignee=PersonFactory(family_name="Okafor", given_name="Ada", visibility=Visibility.PUBLIC),
        due_date=datetime.date(2027, 2, 15),
    )
    TaskFactory(committee=steering, title="Raum buchen", status=TaskStatus.DONE)
    TaskFactory(committee=steering, title="Budget klären", visibility=Visibility.TEAM)
    session = MeetingFactory(committee=steering)  # next week: tasks noted before it follow to it

    # When the public downloads the agenda
    _response, pages = download(client_as("anonymous"), "agenda_pdf", session, laid_out)

    # Then the open public task is listed with until when, and that someone has it, but not who
    # (names are for the members' part); the done and the team's task are not listed
    text = " ".join(pages)
    assert "Offene Aufgaben" in text
    assert "Stellungnahme zum B-Plan entwerfen zugeordnet 15.02.2027 offen" in text
    assert "Okafor" not in text
    assert "Raum buchen" not in text
    assert "Budget klären" not in text


def test_a_long_agenda_runs_over_pages_with_header_and_page_numbers_on_each(client, users, steering, laid_out):
    # Given a meeting with forty points
    by = users["team_internal"]
    session = MeetingFactory(committee=steering, start=berlin(2027, 6, 1, 18, 0), by=by)
    for number in range(1, 41):
        AgendaItemFactory(
            meeting=session, title=f"Punkt Nummer {number}", description="Erläuterung in zwei Sätzen. " * 3, by=by
        )

    # When the public downloads the agenda
    _response, pages = download(client, "agenda_pdf", session, laid_out)

    # Then every page has the AKS header and "Seite x von y", and the fortieth point is on the last page
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert text.startswith(f"AKS {HEADER_NAME} {HEADER_LINE}")
        assert f"Seite {number} von {len(pages)}" in text
        assert "Tagesordnung · Steuerungsrunde der AKS Gemeinwohl · 01.06.2027" in text
    assert "TOP 40 Punkt Nummer 40" in pages[-1]


def test_the_agenda_speaks_english_after_the_language_switch(client, public_meeting_with_internal_item, laid_out):
    # Given a reader who chose English
    client.cookies["django_language"] = "en"

    # When they download the agenda
    response, pages = download(client, "agenda_pdf", public_meeting_with_internal_item, laid_out)

    # Then the document is declared English, and its labels are English where the catalogue has them
    assert b"/Lang (en)" in pdf_structure(response.content)
    assert "Status" in pages[0]


# --- who may download at all ---------------------------------------------------------------------


@pytest.fixture
def regelrunde_meeting(users, regelrunde):
    by = users["team_internal"]
    session = MeetingFactory(committee=regelrunde, start=berlin(2026, 10, 6, 10, 0), by=by)
    point = AgendaItemFactory(meeting=session, title="Haushaltsplanung Stadtentwicklungsamt", by=by)
    minutes_text(point, by, "Die Mittel werden umgeschichtet.")
    actions.minutes_approve(meeting=session, by=by)
    return session


@pytest.mark.parametrize("name", ["agenda_pdf", "minutes_pdf"])
@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 404),
        ("registered", 404),
        ("bezirksamt", 404),  # Bezirksamt staff who do not belong to the Regelrunde
        ("team_external", 404),
        ("team_internal", 200),
        ("admin", 200),
    ],
)
def test_the_regelrundes_pdfs_exist_only_for_internal_accounts(
    client_as, regelrunde_meeting, laid_out, name, role, status
):
    # Given a meeting of the administration-internal Regelrunde with approved minutes

    # When someone asks for its agenda or minutes as PDF
    response, pages = download(client_as(role), name, regelrunde_meeting, laid_out)

    # Then only internal accounts get it; for everyone else it does not exist
    assert response.status_code == status
    if status == 200:
        assert "Haushaltsplanung Stadtentwicklungsamt" in " ".join(pages)


def test_bezirksamt_staff_of_the_regelrunde_get_its_pdfs(regelrunde, regelrunde_meeting, laid_out):
    # Given a Bezirksamt account whose address-book entry sits in the Regelrunde
    seat = member(regelrunde, account_role=Role.BEZIRKSAMT, sector=Sector.ADMINISTRATION)
    client = Client()
    logged_in_client(seat.person.account, client)

    # When they download agenda and minutes
    for name in ("agenda_pdf", "minutes_pdf"):
        response, pages = download(client, name, regelrunde_meeting, laid_out)

        # Then they get both
        assert response.status_code == 200, name
        assert "Haushaltsplanung Stadtentwicklungsamt" in " ".join(pages)


def test_a_missing_meeting_answers_404(laid_out):
    response = Client().get(reverse("committees:agenda_pdf", kwargs={"pk": 999999}))

    assert response.status_code == 404
    assert not laid_out


def test_the_pdfs_only_answer_reading_requests(client_as, public_meeting_with_internal_item):
    url = reverse("committees:agenda_pdf", kwargs={"pk": public_meeting_with_internal_item.pk})

    assert client_as("team_internal").post(url).status_code == 405


# --- the minutes --------------------------------------------------------------------------------------


def test_draft_minutes_are_refused_with_a_german_explanation(
    client_as, users, public_meeting_with_internal_item, laid_out
):
    # Given minutes being written, not yet approved
    by = users["team_internal"]
    first = public_meeting_with_internal_item.agenda_items.order_by("position").first()
    minutes_text(first, by, "Der Bezirksstadtrat berichtet über den Haushalt.")

    # When a team member asks for them as PDF
    response = client_as("team_internal").get(
        reverse("committees:minutes_pdf", kwargs={"pk": public_meeting_with_internal_item.pk})
    )

    # Then they get no PDF but a page saying why (409: the meeting is there, its minutes are not final)
    assert response.status_code == 409
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Protokoll noch nicht genehmigt" in page
    assert "Als PDF gibt es nur genehmigte Protokolle." in page
    assert "Der Bezirksstadtrat berichtet" not in page
    assert not laid_out


def test_a_meeting_without_minutes_is_refused_the_same_way(client, public_meeting_with_internal_item, laid_out):
    response = client.get(reverse("committees:minutes_pdf", kwargs={"pk": public_meeting_with_internal_item.pk}))

    assert response.status_code == 409
    assert "Protokoll noch nicht genehmigt" in response.content.decode()


@pytest.fixture
def approved_minutes(users, steering):
    """A held public meeting of the Steuerungsrunde with approved minutes, a decision, a task and attendance."""
    by = users["team_internal"]
    session = MeetingFactory(committee=steering, start=berlin(2026, 11, 3, 18, 0), by=by)
    report = AgendaItemFactory(
        meeting=session, title="Bericht aus dem Bezirksamt", kind=AgendaItemKind.INFORMATION, by=by
    )
    internal = AgendaItemFactory(
        meeting=session, title="Personalangelegenheit im Fachbereich", visibility=Visibility.INTERNAL, by=by
    )
    preemption = AgendaItemFactory(
        meeting=session, title="Vorkaufsrecht Wrangelstraße 66", kind=AgendaItemKind.DECISION, by=by
    )
    minutes_text(report, by, "Der Bezirksstadtrat berichtet über den Stand der Haushaltsberatungen.")
    minutes_text(internal, by, "Eine Stelle wird neu besetzt.")
    minutes_text(preemption, by, "Die Initiative stellt die Lage der Mieter*innen dar.")
    DecisionFactory(
        agenda_item=preemption,
        text="Die Steuerungsrunde empfiehlt dem Bezirksamt, das Vorkaufsrecht auszuüben.",
        votes_yes=9,
        votes_no=1,
        votes_abstain=2,
        by=by,
    )
    TaskFactory(agenda_item=preemption, title="Empfehlung an das Bezirksamt senden", by=by)
    present = member(steering, person__family_name="Yılmaz", person__given_name="Ayşe", sector=Sector.CIVIL_SOCIETY)
    excused = member(steering, person__family_name="Weber", person__given_name="Jonas", sector=Sector.POLITICS)
    actions.attendance_record(
        meeting=session,
        statuses={present.person: AttendanceStatus.PRESENT, excused.person: AttendanceStatus.EXCUSED},
        by=by,
    )
    actions.meeting_mark_held(meeting=session, by=by)
    actions.minutes_approve(meeting=session, by=by)
    return session


def test_approved_minutes_hold_texts_decisions_tasks_and_the_approval(client_as, approved_minutes, laid_out):
    # Given approved minutes of a public meeting

    # When an external team member downloads them
    response, pages = download(client_as("team_external"), "minutes_pdf", approved_minutes, laid_out)

    # Then they are a PDF named after committee and day
    assert response["Content-Disposition"] == 'attachment; filename="protokoll-steuerungsrunde-2026-11-03.pdf"'
    text = " ".join(pages)
    assert text.startswith(f"AKS {HEADER_NAME} {HEADER_LINE}")
    assert "Protokoll Steuerungsrunde der AKS Gemeinwohl" in text
    # ... with the minutes of each point they may see, numbered among those
    assert "TOP 1 Bericht aus dem Bezirksamt" in text
    assert "Der Bezirksstadtrat berichtet über den Stand der Haushaltsberatungen." in text
    assert "TOP 2 Vorkaufsrecht Wrangelstraße 66" in text
    assert "Die Initiative stellt die Lage der Mieter*innen dar." in text
    # ... but not the internal point nor what was written about it
    assert "Personalangelegenheit" not in text
    assert "Eine Stelle wird neu besetzt." not in text
    # ... the decision with number, result, text and votes
    assert "Beschluss SR-2026/01 – angenommen" in text
    assert (
        "Die Steuerungsrunde empfiehlt dem Bezirksamt, das Vorkaufsrecht auszuüben. Ja: 9, Nein: 1, Enthaltungen: 2"
        in text
    )
    # ... the task from this meeting, and when and by whom the minutes were approved (today, by the internal team)
    assert "Aufgaben aus dieser Sitzung" in text
    assert "TOP 2: Empfehlung an das Bezirksamt senden niemand zugeordnet – offen" in text
    assert f"Genehmigt am {today()} von Testkonto 3." in text


def test_attendance_by_name_is_for_readers_of_the_members_part(client_as, approved_minutes, laid_out):
    # When the team downloads the approved minutes
    _response, pages = download(client_as("team_external"), "minutes_pdf", approved_minutes, laid_out)

    # Then they read who was there, for which sector
    text = " ".join(pages)
    assert "Anwesenheit Name Sektor Anwesenheit" in text
    assert "Ayşe Yılmaz Zivilgesellschaft/Initiative anwesend" in text
    assert "Jonas Weber Politik entschuldigt" in text

    # When the public downloads them
    _response, pages = download(client_as("anonymous"), "minutes_pdf", approved_minutes, laid_out)

    # Then they read the minutes and their approval (as on the meeting page), but not who attended
    text = " ".join(pages)
    assert "Der Bezirksstadtrat berichtet über den Stand der Haushaltsberatungen." in text
    assert f"Genehmigt am {today()} von Testkonto 3." in text
    assert "Anwesenheit" not in text
    assert "Yılmaz" not in text
    assert "Weber" not in text


def test_corrections_after_approval_are_noted(client_as, users, approved_minutes, laid_out):
    # Given approved minutes corrected afterwards, with a reason
    report = approved_minutes.agenda_items.get(title="Bericht aus dem Bezirksamt")
    actions.minutes_correct(
        item=report,
        text="Der Bezirksstadtrat berichtet über den Stand der Haushaltsberatungen 2027.",
        reason="Jahreszahl ergänzt",
        base_version=1,
        by=users["team_internal"],
    )

    # When the public downloads them
    _response, pages = download(client_as("anonymous"), "minutes_pdf", approved_minutes, laid_out)

    # Then they read the corrected text and the note of the correction at the point
    text = " ".join(pages)
    assert "Haushaltsberatungen 2027." in text
    assert f"Nach der Genehmigung korrigiert am {today('SHORT_DATE_FORMAT')}: Jahreszahl ergänzt" in text
    assert "die Korrekturen sind bei den Punkten vermerkt" in text


# --- nothing from outside ---------------------------------------------------------------------------------


@pytest.fixture
def fetcher():
    return pdf.LocalOnlyFetcher(pdf.static_roots())


def test_the_fetcher_refuses_the_network(fetcher):
    for url in (
        "https://example.org/logo.png",
        "http://127.0.0.1:8000/static/gemeinwohl/css/site.css",
        "ftp://example.org/file.css",
    ):
        with pytest.raises(pdf.RefusedResource):
            fetcher.fetch(url)


def test_the_fetcher_refuses_files_outside_the_static_folder(fetcher):
    root = pdf.static_roots()[0]
    for url in (
        "file:///etc/passwd",
        f"{root.as_uri()}/../../settings/base.py",
        f"{root.as_uri()}/gemeinwohl/../../settings/base.py",
    ):
        with pytest.raises(pdf.RefusedResource):
            fetcher.fetch(url)


def test_the_fetcher_hands_out_own_static_files_and_inline_data(fetcher):
    root = pdf.static_roots()[0]

    css = fetcher.fetch((root / "gemeinwohl" / "css" / "site.css").as_uri())
    inline = fetcher.fetch("data:image/svg+xml;base64,PHN2Zy8+")

    assert css.content_type == "text/css"
    assert css.read().startswith(b"/*")
    assert inline.content_type == "image/svg+xml"
    assert inline.read() == b"<svg/>"


def test_an_external_image_in_a_pdf_is_never_fetched(monkeypatch, caplog):
    # Given HTML with an image, a stylesheet and a font from the internet
    asked = []
    monkeypatch.setattr(URLFetcher, "fetch", lambda self, url, headers=None: asked.append(url))
    html = (
        '<html lang="de"><head><title>Test</title>'
        '<link rel="stylesheet" href="https://fonts.example.org/style.css">'
        '<style>@font-face { font-family: Fremd; src: url("https://fonts.example.org/fremd.woff2"); }'
        "p { font-family: Fremd, sans-serif; }</style></head>"
        '<body><p>Text</p><img src="https://tracker.example.org/pixel.png" alt="Logo"></body></html>'
    )

    # When it is laid out as a PDF
    document = pdf.layout(html)

    # Then the document is made, and no address outside was opened
    assert pdf.write(document).startswith(b"%PDF-")
    assert asked == []
    assert "tracker.example.org" in caplog.text  # WeasyPrint reports the refused image


def test_text_put_into_css_stays_one_string():
    # Given a label with quotes, a backslash, a line break and the end of a <style> element
    label = 'Seite "1" \\ \nvon </style><script>'

    # When it is written as a CSS string
    css = pdf.css_string(label)

    # Then the stylesheet cannot be left, and CSS reads back exactly the label
    assert "<" not in css and css.count('"') == 2
    (token,) = [t for t in tinycss2.parse_component_value_list(css) if t.type != "whitespace"]
    assert token.type == "string"
    assert token.value == label


def test_page_numbers_are_counters_around_the_translated_words():
    with translation.override("de"):
        assert pdf.page_numbers_css() == '"Seite " counter(page) " von " counter(pages)'
