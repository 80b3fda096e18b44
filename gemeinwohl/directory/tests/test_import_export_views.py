"""Importing and exporting the address book through its pages, as the team does it."""

import csv
import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import actions
from gemeinwohl.directory.inputs import AffiliationInput, ContactInput, OrganisationInput, PersonInput
from gemeinwohl.directory.models import (
    AffiliationKind,
    ContactDetail,
    ContactKind,
    LegalForm,
    Organisation,
    Person,
    Sector,
    Topic,
)
from gemeinwohl.directory.table_format import ORGANISATION_COLUMNS, PERSON_COLUMNS
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory, TopicFactory, add_contact

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "registered", "bezirksamt", "team_external", "team_internal", "admin"]
TEAM = {"team_external", "team_internal", "admin"}
EXPORTS = [
    ("directory:person_export", "csv"),
    ("directory:person_export", "xlsx"),
    ("directory:organisation_export", "csv"),
    ("directory:organisation_export", "xlsx"),
]


def csv_file(*lines: str, encoding: str = "utf-8") -> bytes:
    return "".join(f"{line}\r\n" for line in lines).encode(encoding)


def upload(client, data: bytes, *, kind="organisationen", name="adressen.csv", dry_run=False):
    payload = {"kind": kind, "file": SimpleUploadedFile(name, data, content_type="text/csv")}
    if dry_run:
        payload["dry_run"] = "on"
    return client.post(reverse("directory:import"), payload)


def page_text(response) -> str:
    """The page as a person reads it: without tags, one space between words."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(text).split())


def error_table(response) -> list[tuple[int, str]]:
    """The rows of the "Fehlerhafte Zeilen" table: line number and reason."""
    rows = re.findall(r"<tr><td>(\d+)</td><td>(.*?)</td></tr>", response.content.decode())
    return [(int(line), html.unescape(message)) for line, message in rows]


def exported_rows(response) -> list[list[str]]:
    """The cells of an exported CSV or XLSX file, header first."""
    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8").removeprefix("\ufeff")
        return list(csv.reader(io.StringIO(text), delimiter=";"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value or "" for cell in row] for row in sheet.iter_rows()]


def export(client, url_name, fmt="csv", **filters):
    return client.get(reverse(url_name, kwargs={"fmt": fmt}), filters)


def first_column(response) -> list[str]:
    return [row[0] for row in exported_rows(response)[1:]]


def counts() -> tuple[int, int, int, int]:
    return (Organisation.objects.count(), Person.objects.count(), ContactDetail.objects.count(), Topic.objects.count())


# --- who may import and export -------------------------------------------------------


def expected_status(role: str) -> int:
    if role in TEAM:
        return 200
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "url",
    [
        "/adressbuch/import/",
        "/adressbuch/import/vorlage-personen.csv",
        "/adressbuch/import/vorlage-organisationen.csv",
        "/adressbuch/personen/export.csv",
        "/adressbuch/personen/export.xlsx",
        "/adressbuch/organisationen/export.csv",
        "/adressbuch/organisationen/export.xlsx",
    ],
)
def test_only_the_team_reaches_import_export_and_templates(client_as, role, url):
    response = client_as(role).get(url)

    assert response.status_code == expected_status(role)
    if role == "anonymous":
        assert response.url == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.parametrize("role", ROLES)
def test_only_the_team_can_post_an_import(client_as, role):
    response = upload(client_as(role), csv_file("Name;Sektor", "Kiezladen;Zivilgesellschaft"))

    assert response.status_code == expected_status(role)
    assert Organisation.objects.count() == (1 if role in TEAM else 0)


# --- importing -------------------------------------------------------------------------


def test_a_good_file_is_imported_and_the_new_entries_listed(client_as):
    # Given a Windows-1252 file as Excel writes it
    data = csv_file(
        "Name;Sektor;Themen",
        "Mieterinitiative Görlitzer Straße;Zivilgesellschaft;Vorkaufsrecht",
        "Café Kotti;Gemeinwohlorientierte Wirtschaft;",
        encoding="cp1252",
    )

    # When the team uploads it
    response = upload(client_as("team_external"), data)

    # Then the page says how many entries were imported and links to them
    assert response.status_code == 200
    text = page_text(response)
    assert "2 Einträge wurden importiert." in text
    assert "Neue Themen: Vorkaufsrecht" in text
    for organisation in Organisation.objects.all():
        assert f'href="{organisation.get_absolute_url()}"' in response.content.decode()
    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Café Kotti",
        "Mieterinitiative Görlitzer Straße",
    ]


def test_people_are_imported_after_their_organisations(client_as):
    client = client_as("team_internal")

    organisations = upload(client, csv_file("Name;Sektor", "Kiezladen;Zivilgesellschaft"))
    people = upload(
        client,
        csv_file("Nachname;Vorname;E-Mail;Organisation;Funktion", "Schulz;Eva;eva@example.org;Kiezladen;Vorstand"),
        kind="personen",
    )

    assert (organisations.status_code, people.status_code) == (200, 200)
    assert "1 Eintrag wurde importiert." in page_text(people)
    affiliation = Person.objects.get(family_name="Schulz").affiliations.get()
    assert (affiliation.organisation.name, affiliation.function) == ("Kiezladen", "Vorstand")


def test_a_file_with_bad_rows_answers_422_lists_every_bad_line_and_saves_nothing(client_as):
    # Given an address book with one organisation, and a file with good and bad rows
    OrganisationFactory(name="Kiezladen")
    before = counts()
    data = csv_file(
        "Name;Sektor;E-Mail;Themen",
        "Stadtteilbüro;Zivilgesellschaft;buero@example.org;Neues Thema",
        ";Politik;;",
        "Nachbarschaftshaus;Kirche;;",
        "Hausprojekt;Zivilgesellschaft;kein-at-zeichen;",
        "kiezladen;Zivilgesellschaft;;",
        "Stadtteilbüro;Politik;;",
    )

    # When the file is uploaded
    response = upload(client_as("team_external"), data)

    # Then the page refuses it and names each bad line with its reason
    assert response.status_code == 422
    assert "Nichts importiert: 5 Fehler in der Datei" in page_text(response)
    assert error_table(response) == [
        (3, "Der Name fehlt."),
        (4, "Unbekannter Wert „Kirche“ in der Spalte Sektor."),
        (5, "„kein-at-zeichen“ ist keine gültige E-Mail-Adresse."),
        (6, "Die Organisation „kiezladen“ ist schon im Adressbuch."),
        (7, "„Stadtteilbüro“ steht schon in Zeile 2."),
    ]
    # And nothing was saved, not even the good row, its contact or its new topic
    assert counts() == before


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ","), ("utf-8", ";"), ("cp1252", ",")])
def test_excel_encodings_and_delimiters_are_read(client_as, encoding, delimiter):
    data = csv_file(
        delimiter.join(["Name", "Sektor"]), delimiter.join(["Café Kotti", "Zivilgesellschaft"]), encoding=encoding
    )

    response = upload(client_as("team_external"), data)

    assert response.status_code == 200
    assert Organisation.objects.get().name == "Café Kotti"


def test_a_file_mixing_encodings_answers_422_naming_the_odd_line(client_as):
    data = (
        csv_file("Name;Sektor", "Mieterinitiative Görlitzer Straße;Zivilgesellschaft")
        + csv_file("Café Kotti;Zivilgesellschaft", encoding="cp1252")
        + csv_file("Bürgerverein Wrangelkiez;Zivilgesellschaft")
    )

    response = upload(client_as("team_external"), data)

    assert response.status_code == 422
    assert error_table(response) == [
        (3, "Die Zeichenkodierung der Zeile passt nicht zum Rest der Datei (UTF-8 und Windows-1252 gemischt).")
    ]
    assert Organisation.objects.count() == 0


def test_a_person_at_an_unknown_organisation_answers_422(client_as):
    data = csv_file("Nachname;Organisation", "Schulz;Mietergemeinschaft Oranienstraße")

    response = upload(client_as("team_external"), data, kind="personen")

    assert response.status_code == 422
    assert error_table(response) == [
        (
            2,
            "Die Organisation „Mietergemeinschaft Oranienstraße“ ist nicht im Adressbuch. "
            "Bitte zuerst die Organisationen importieren.",
        )
    ]
    assert Person.objects.count() == 0


def test_an_external_team_member_cannot_import_administration_internal_entries(client_as):
    data = csv_file("Nachname;Sichtbarkeit", "Schulz;Team", "Berg;verwaltungsintern")

    response = upload(client_as("team_external"), data, kind="personen")

    assert response.status_code == 422
    assert error_table(response) == [(3, "Die Sichtbarkeit „verwaltungsintern“ können Sie nicht vergeben.")]
    assert Person.objects.count() == 0


def test_a_dry_run_checks_the_file_and_saves_nothing(client_as):
    data = csv_file("Name;Sektor;Themen", "Kiezladen;Zivilgesellschaft;Neues Thema", "Stadtteilbüro;Politik;")

    response = upload(client_as("team_external"), data, dry_run=True)

    assert response.status_code == 200
    text = page_text(response)
    assert "Die Datei ist in Ordnung: 2 Einträge würden importiert. Es wurde nichts gespeichert." in text
    assert counts() == (0, 0, 0, 0)


def test_a_dry_run_of_a_bad_file_lists_its_errors(client_as):
    response = upload(client_as("team_external"), csv_file("Name;Sektor", "Kiezladen;Kirche"), dry_run=True)

    assert response.status_code == 422
    assert error_table(response) == [(2, "Unbekannter Wert „Kirche“ in der Spalte Sektor.")]


@override_settings(DIRECTORY_IMPORT_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_size_limit_answers_413_and_is_not_read(client_as):
    # Given a file of 1.5 MB, where 1 MB is allowed
    row = csv_file("Kiezladen;Zivilgesellschaft")
    data = csv_file("Name;Sektor") + row * int(1.5 * 1024 * 1024 / len(row))

    response = upload(client_as("team_internal"), data)

    assert response.status_code == 413
    assert "CSV-Datei: Die Datei ist zu groß (1,5 MB). Erlaubt sind höchstens 1,0 MB." in page_text(response)
    assert Organisation.objects.count() == 0


@override_settings(DIRECTORY_IMPORT_MAX_BYTES=1024)
def test_a_file_just_at_the_size_limit_is_read(client_as):
    data = csv_file("Name;Sektor", "Kiezladen;Zivilgesellschaft")
    data += b" " * (1024 - len(data))

    response = upload(client_as("team_internal"), data)

    assert response.status_code == 200
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "adressen.csv",
            "Name;Sektor\r\nKiezladen;Zivilgesellschaft\r\n".encode("utf-16"),
            "CSV-Datei: Die Datei ist keine Textdatei in UTF-8 oder Windows-1252. "
            "Bitte als „CSV (Trennzeichen-getrennt)“ speichern.",
        ),
        (
            "adressen.csv",
            b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
            "CSV-Datei: Die Datei ist keine Textdatei in UTF-8 oder Windows-1252.",
        ),
        (
            "adressen.csv",
            csv_file("Name;Sektor;Farbe", "Kiezladen;Zivilgesellschaft;grün"),
            "CSV-Datei: Unbekannte Spalten: „Farbe“.",
        ),
        ("adressen.csv", csv_file("Name;Kurzname", "Kiezladen;KL"), "CSV-Datei: Es fehlen die Spalten: Sektor."),
        ("adressen.csv", csv_file("Name;Sektor"), "CSV-Datei: Die Datei enthält keine Datenzeilen."),
        ("adressen.xlsx", csv_file("Name;Sektor", "Kiezladen;Politik"), "Bitte eine CSV-Datei (.csv) hochladen."),
        ("adressen.csv", b"", "CSV-Datei: Die übertragene Datei ist leer."),
    ],
    ids=["utf-16", "binary", "unknown-column", "missing-column", "no-rows", "not-csv", "empty"],
)
def test_a_file_that_cannot_be_read_answers_422_with_the_reason(client_as, name, data, message):
    response = upload(client_as("team_external"), data, name=name)

    assert response.status_code == 422
    assert message in page_text(response)
    assert counts() == (0, 0, 0, 0)


def test_a_form_without_file_answers_422(client_as):
    response = client_as("team_external").post(reverse("directory:import"), {"kind": "organisationen"})

    assert response.status_code == 422
    assert "CSV-Datei: Dieses Feld ist zwingend erforderlich." in page_text(response)


def test_the_import_page_names_the_columns_and_offers_the_templates(client_as):
    response = client_as("team_external").get(reverse("directory:import"))

    text = page_text(response)
    assert "Spalten: " + "; ".join(ORGANISATION_COLUMNS) in text
    assert "Spalten: " + "; ".join(PERSON_COLUMNS) in text
    assert "Eine CSV-Datei bis 2,0 MB" in text
    assert 'href="/adressbuch/import/vorlage-personen.csv"' in response.content.decode()


@pytest.mark.parametrize(("kind", "columns"), [("personen", PERSON_COLUMNS), ("organisationen", ORGANISATION_COLUMNS)])
def test_a_template_holds_just_the_columns_and_can_be_filled_in_and_imported(client_as, kind, columns):
    client = client_as("team_internal")
    OrganisationFactory(name="Kiezladen")

    template = client.get(reverse("directory:import_template", kwargs={"kind": kind}))

    assert template["Content-Disposition"] == f'attachment; filename="vorlage-{kind}.csv"'
    assert template.content == ("\ufeff" + ";".join(columns) + "\r\n").encode()
    # Filled in with one line, the template imports
    row = {"personen": "Schulz;Eva;;;;;Kiezladen;;;;", "organisationen": "Stadtteilbüro;;Politik;;;;;;;;"}[kind]
    response = upload(client, template.content + csv_file(row), kind=kind)
    assert response.status_code == 200, error_table(response)


def test_an_unknown_template_answers_404(client_as):
    assert client_as("team_internal").get("/adressbuch/import/vorlage-orte.csv").status_code == 404


# --- exporting -------------------------------------------------------------------------


@pytest.fixture
def hidden_and_visible(users):
    """An address book where some entries and details are administration-internal.

    Returns the words that belong to the internal part only.
    """
    by = users["team_internal"]
    internal = OrganisationFactory(name="Vertrauliche Runde", visibility=Visibility.INTERNAL, by=by)
    add_contact(internal, value="runde@intern.example", visibility=Visibility.INTERNAL, by=by)
    # A team organisation that is part of the internal one, with an internal e-mail before its team e-mail
    unit = OrganisationFactory(name="Stadtteil-AG", parent=internal, by=by)
    add_contact(unit, value="ag-intern@intern.example", visibility=Visibility.INTERNAL, by=by)
    add_contact(unit, value="ag@kiez.example", by=by)
    # A team person with an internal phone number, working at the internal organisation
    person = PersonFactory(
        family_name="Offen", given_name="Olga", email="olga@kiez.example", organisation=internal, by=by
    )
    add_contact(person, kind=ContactKind.PHONE, value="030 5555555", visibility=Visibility.INTERNAL, by=by)
    PersonFactory(family_name="Verborgen", email="verborgen@intern.example", visibility=Visibility.INTERNAL, by=by)
    return ["Vertrauliche Runde", "runde@intern.example", "ag-intern@", "030 5555555", "Verborgen", "@intern.example"]


@pytest.mark.parametrize(("url_name", "fmt"), EXPORTS)
def test_an_external_team_member_exports_nothing_administration_internal(client_as, hidden_and_visible, url_name, fmt):
    # When the external team exports the list
    external = "\n".join(";".join(row) for row in exported_rows(export(client_as("team_external"), url_name, fmt)))
    # And the administration-internal team does too
    internal = "\n".join(";".join(row) for row in exported_rows(export(client_as("team_internal"), url_name, fmt)))

    # Then only the internal export holds the internal entries and contact details
    assert [word for word in hidden_and_visible if word in external] == []
    assert any(word in internal for word in hidden_and_visible)


def test_the_external_export_keeps_what_the_external_team_may_see(client_as, hidden_and_visible):
    people = exported_rows(export(client_as("team_external"), "directory:person_export"))
    organisations = exported_rows(export(client_as("team_external"), "directory:organisation_export"))

    # The person is there with her e-mail, but without the internal phone and internal organisation
    assert people[1:] == [["Offen", "Olga", "", "", "olga@kiez.example", "", "", "", "", "", "Team"]]
    # The unit is there with its team e-mail, but its internal parent is not named
    assert organisations[1:] == [
        ["Stadtteil-AG", "", "Zivilgesellschaft/Initiative", "", "", "", "ag@kiez.example", "", "", "", "Team"]
    ]


def test_a_search_for_a_hidden_contact_exports_nothing(client_as, hidden_and_visible):
    response = export(client_as("team_external"), "directory:organisation_export", q="ag-intern")

    assert first_column(response) == []
    assert first_column(export(client_as("team_internal"), "directory:organisation_export", q="ag-intern")) == [
        "Stadtteil-AG"
    ]


@pytest.fixture
def filterable(users):
    by = users["team_internal"]
    housing = TopicFactory(name="Wohnen")
    kiezladen = OrganisationFactory(name="Kiezladen Wrangelkiez", topics=[housing], by=by)
    fraction = OrganisationFactory(name="Fraktion im Rathaus", sector=Sector.POLITICS, by=by)
    closed = OrganisationFactory(name="Aufgelöster Verein", topics=[housing], by=by)
    actions.entry_archive(entry=closed, by=by)
    PersonFactory(family_name="Schulz", email="schulz@kiez.example", organisation=kiezladen, topics=[housing], by=by)
    PersonFactory(family_name="Berg", organisation=fraction, by=by)
    gone = PersonFactory(family_name="Altmann", by=by)
    actions.entry_archive(entry=gone, by=by)
    return {"housing": housing}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("url_name", "filters", "expected"),
    [
        ("directory:organisation_export", {}, ["Fraktion im Rathaus", "Kiezladen Wrangelkiez"]),
        ("directory:organisation_export", {"q": "wrangel"}, ["Kiezladen Wrangelkiez"]),
        ("directory:organisation_export", {"sector": "politik"}, ["Fraktion im Rathaus"]),
        ("directory:organisation_export", {"topic": "housing"}, ["Kiezladen Wrangelkiez"]),
        ("directory:organisation_export", {"status": "archiv"}, ["Aufgelöster Verein"]),
        ("directory:organisation_export", {"status": "archiv", "topic": "housing"}, ["Aufgelöster Verein"]),
        ("directory:person_export", {}, ["Berg", "Schulz"]),
        ("directory:person_export", {"q": "schulz@kiez"}, ["Schulz"]),
        ("directory:person_export", {"q": "Rathaus"}, ["Berg"]),
        ("directory:person_export", {"sector": "politik"}, ["Berg"]),
        ("directory:person_export", {"topic": "housing"}, ["Schulz"]),
        ("directory:person_export", {"status": "archiv"}, ["Altmann"]),
    ],
)
def test_the_export_holds_the_list_as_filtered(client_as, filterable, url_name, filters, expected, fmt):
    filters = {key: filterable[value].pk if key == "topic" else value for key, value in filters.items()}

    response = export(client_as("team_external"), url_name, fmt, **filters)

    assert response.status_code == 200
    assert first_column(response) == expected


def test_a_bad_filter_answers_400(client_as):
    response = export(client_as("team_external"), "directory:person_export", sector="kirche")

    assert response.status_code == 400
    assert response.content.decode() == "Ungültiger Filter."


def test_an_unknown_format_answers_404(client_as):
    assert client_as("team_external").get("/adressbuch/personen/export.pdf").status_code == 404


def test_the_export_file_is_named_after_list_and_day(client_as):
    response = export(client_as("team_external"), "directory:organisation_export", "xlsx")

    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="adressbuch-organisationen-{day}.xlsx"'


def _fill(kind: str, count: int, by) -> None:
    """``count`` entries with contacts, topics and a relation each, as a full list has them."""
    topic = TopicFactory(name="Wohnen")
    parent = OrganisationFactory(name="Dachverband", by=by)
    for number in range(count):
        if kind == "organisationen":
            organisation = OrganisationFactory(
                name=f"Initiative {number}", parent=parent, email=f"i{number}@kiez.example", topics=[topic], by=by
            )
            add_contact(organisation, kind=ContactKind.PHONE, value=f"030 {number:07d}", by=by)
        else:
            PersonFactory(
                family_name=f"Person {number}",
                email=f"p{number}@kiez.example",
                organisation=parent,
                topics=[topic],
                by=by,
            )


@pytest.mark.parametrize(("url_name", "fmt"), EXPORTS)
def test_the_export_costs_the_same_queries_for_3_rows_as_for_60(client_as, users, url_name, fmt):
    kind = "personen" if "person" in url_name else "organisationen"
    client = client_as("team_external")

    def queries_for(count):
        Person.objects.all().delete()
        Organisation.objects.all().delete()
        Topic.objects.all().delete()
        _fill(kind, count, users["team_internal"])
        with CaptureQueriesContext(connection) as captured:
            response = export(client, url_name, fmt)
        assert len(exported_rows(response)) == count + 1 + (kind == "organisationen")
        return len(captured)

    assert queries_for(3) == queries_for(60)


# --- round trip ------------------------------------------------------------------------


def address_book() -> dict:
    """Everything the table format carries, in a form two databases can be compared in."""

    def contacts(entry):
        return sorted((c.kind, c.value, c.context, c.visibility) for c in entry.contacts.all())

    def topics(entry):
        return sorted(topic.name for topic in entry.topics.all())

    organisations = {
        o.name: (
            o.short_name,
            o.sector,
            o.legal_form,
            o.parent.name if o.parent else None,
            o.visibility,
            contacts(o),
            topics(o),
        )
        for o in Organisation.objects.all()
    }
    people = {
        (p.family_name, p.given_name): (
            p.title,
            p.pronouns,
            p.visibility,
            contacts(p),
            sorted((a.organisation.name, a.kind, a.function, a.visibility) for a in p.affiliations.all()),
            topics(p),
        )
        for p in Person.objects.all()
    }
    return {"organisationen": organisations, "personen": people}


def _organisation(by, name, sector, *, contacts=(), **fields):
    level = fields.get("visibility", Visibility.TEAM)
    return actions.organisation_create(
        by=by,
        data=OrganisationInput(name=name, sector=sector, **fields),
        contacts=[ContactInput(kind=kind, value=value, visibility=level) for kind, value in contacts],
    )


def _person(by, family_name, *, contacts=(), affiliation=None, **fields):
    level = fields.get("visibility", Visibility.TEAM)
    affiliations = []
    if affiliation:
        organisation, kind, function = affiliation
        affiliations = [
            AffiliationInput(
                organisation=organisation, kind=kind, function=function, visibility=max(level, organisation.visibility)
            )
        ]
    return actions.person_create(
        by=by,
        data=PersonInput(family_name=family_name, **fields),
        contacts=[ContactInput(kind=kind, value=value, visibility=level) for kind, value in contacts],
        affiliations=affiliations,
    )


def test_exported_organisations_and_people_import_back_equal(client_as, users):
    # Given an address book with all that its table format holds
    by = users["team_internal"]
    housing, land = TopicFactory(name="Wohnen"), TopicFactory(name="Bodenpolitik")
    district = _organisation(
        by,
        "Bezirksamt Friedrichshain-Kreuzberg",
        Sector.ADMINISTRATION,
        short_name="BA F-K",
        legal_form=LegalForm.AUTHORITY,
        visibility=Visibility.PUBLIC,
        contacts=[(ContactKind.WEBSITE, "https://ba.example"), (ContactKind.PHONE, "+49 30 90298-0")],
        topics=[land],
    )
    # A unit whose name sorts before its parent's, so the export lists it first
    social = _organisation(by, "Amt für Soziales", Sector.ADMINISTRATION, parent=district, visibility=Visibility.PUBLIC)
    initiative = _organisation(
        by,
        'Haus "Hof; Garten" e.V.',
        Sector.CIVIL_SOCIETY,
        legal_form=LegalForm.ASSOCIATION,
        contacts=[
            (ContactKind.EMAIL, "hof@garten.example"),
            (ContactKind.ADDRESS, "Wrangelstr. 1\n10997 Berlin"),
        ],
        topics=[housing, land],
    )
    _organisation(by, "=Gemeinwohl Kollektiv", Sector.COMMON_GOOD_ECONOMY, visibility=Visibility.MEMBERS)
    _organisation(by, "Vertrauliche Runde", Sector.POLITICS, visibility=Visibility.INTERNAL, parent=district)
    _person(
        by,
        "Yılmaz",
        given_name="Ayşe",
        title="Dr.",
        pronouns="sie/ihr",
        contacts=[(ContactKind.EMAIL, "ayse@garten.example"), (ContactKind.PHONE, "+49 170 1234567")],
        affiliation=(initiative, AffiliationKind.SPEAKS_FOR, "Sprecherin"),
        topics=[housing],
    )
    _person(by, "Berg", affiliation=(social, AffiliationKind.WORKS_AT, "-Leitung-"), visibility=Visibility.PUBLIC)
    _person(by, "Nguyen", given_name="Minh", visibility=Visibility.INTERNAL)
    before = address_book()

    # When the administration-internal team exports both lists
    client = client_as("team_internal")
    organisations_csv = export(client, "directory:organisation_export").content
    people_csv = export(client, "directory:person_export").content

    # And imports them into an empty address book, organisations first
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    Topic.objects.all().delete()
    imported_organisations = upload(client, organisations_csv)
    imported_people = upload(client, people_csv, kind="personen")

    # Then everything is back as it was
    assert (imported_organisations.status_code, imported_people.status_code) == (200, 200), error_table(
        imported_organisations
    ) + error_table(imported_people)
    assert address_book() == before
    assert sorted(Topic.objects.values_list("name", flat=True)) == ["Bodenpolitik", "Wohnen"]


def test_importing_an_export_again_reports_every_row_as_a_duplicate(client_as):
    OrganisationFactory(name="Kiezladen")
    OrganisationFactory(name="Stadtteilbüro")
    client = client_as("team_internal")

    response = upload(client, export(client, "directory:organisation_export").content)

    assert response.status_code == 422
    assert error_table(response) == [
        (2, "Die Organisation „Kiezladen“ ist schon im Adressbuch."),
        (3, "Die Organisation „Stadtteilbüro“ ist schon im Adressbuch."),
    ]
    assert Organisation.objects.count() == 2


def test_an_export_made_in_english_imports_again(client_as):
    """The file's vocabulary stays German, whatever language the interface speaks."""
    from gemeinwohl.directory.tests.factories import OrganisationFactory as Organisations

    Organisations(name="Werkhof eG", sector="gemeinwohlwirtschaft", legal_form="genossenschaft")
    client = client_as("team_internal")
    client.post("/sprache/", {"language": "en", "next": "/"})
    exported = client.get("/adressbuch/organisationen/export.csv").content.decode("utf-8-sig")
    assert "Gemeinwohlorientierte Wirtschaft;Genossenschaft" in exported
