"""Reading address-book CSV files: what is imported, and every bad line with its reason.

The files here are written the way people bring them: Excel's Windows-1252 or
UTF-8 with BOM, semicolons or commas, CRLF line ends.
"""

import codecs

import pytest
from django.core.exceptions import PermissionDenied

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import actions
from gemeinwohl.directory.imports import ImportRefused
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
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory, TopicFactory

pytestmark = pytest.mark.django_db

ORGANISATION_HEADER = "Name;Kurzname;Sektor;Rechtsform;Teil von;Website;E-Mail;Telefon;Anschrift;Themen;Sichtbarkeit"
PERSON_HEADER = "Nachname;Vorname;Titel;Pronomen;E-Mail;Telefon;Organisation;Beziehung;Funktion;Themen;Sichtbarkeit"
MIXED_ENCODING = "Die Zeichenkodierung der Zeile passt nicht zum Rest der Datei (UTF-8 und Windows-1252 gemischt)."


def csv_file(*lines: str, encoding: str = "utf-8") -> bytes:
    """A CSV file as a spreadsheet program writes it: one line per string, CRLF line ends."""
    return "".join(f"{line}\r\n" for line in lines).encode(encoding)


def import_organisations(data: bytes, by, **kwargs) -> actions.ImportResult:
    return actions.directory_import(kind="organisationen", data=data, by=by, **kwargs)


def import_people(data: bytes, by, **kwargs) -> actions.ImportResult:
    return actions.directory_import(kind="personen", data=data, by=by, **kwargs)


def errors_of(result) -> list[tuple[int, str]]:
    return [(error.line, error.message) for error in result.errors]


def refusal(data: bytes, by, kind: str = "organisationen") -> str:
    with pytest.raises(ImportRefused) as refused:
        actions.directory_import(kind=kind, data=data, by=by)
    return str(refused.value)


# --- a good file -------------------------------------------------------------


def test_a_good_organisation_file_imports_every_row_with_its_contacts_and_topics(users):
    # Given an organisation file as the AKS team keeps it
    data = csv_file(
        ORGANISATION_HEADER,
        "Mieterinitiative Görlitzer Straße;MI Görli;Zivilgesellschaft/Initiative;Initiative (nicht eingetragen);;"
        "https://mi-goerli.example;Kontakt@MI-Goerli.example;+49 30 1234567;Görlitzer Str. 1, 10997 Berlin;"
        "Vorkaufsrecht, Milieuschutz;öffentlich",
        "Stadtentwicklungsamt;SE-Amt;Verwaltung;Behörde/Amt;;;;;;;verwaltungsintern",
    )

    # When an administration-internal team member imports it
    result = import_organisations(data, users["team_internal"])

    # Then both organisations are there, as written
    assert result.ok and result.rows == 2
    initiative = Organisation.objects.get(name="Mieterinitiative Görlitzer Straße")
    assert (initiative.short_name, initiative.sector, initiative.legal_form, initiative.visibility) == (
        "MI Görli",
        Sector.CIVIL_SOCIETY,
        LegalForm.INITIATIVE,
        Visibility.PUBLIC,
    )
    assert initiative.created_by == users["team_internal"]
    assert sorted((c.kind, c.value, c.visibility) for c in initiative.contacts.all()) == [
        (ContactKind.ADDRESS, "Görlitzer Str. 1, 10997 Berlin", Visibility.PUBLIC),
        (ContactKind.EMAIL, "kontakt@mi-goerli.example", Visibility.PUBLIC),
        (ContactKind.PHONE, "+49 30 1234567", Visibility.PUBLIC),
        (ContactKind.WEBSITE, "https://mi-goerli.example", Visibility.PUBLIC),
    ]
    assert sorted(topic.name for topic in initiative.topics.all()) == ["Milieuschutz", "Vorkaufsrecht"]
    office = Organisation.objects.get(name="Stadtentwicklungsamt")
    assert (office.sector, office.visibility, office.contacts.count()) == (
        Sector.ADMINISTRATION,
        Visibility.INTERNAL,
        0,
    )
    assert {entry.name for entry in result.created} == {initiative.name, office.name}


def test_a_good_person_file_links_people_to_their_organisation(users):
    # Given an organisation in the address book, known by its name and its short name
    organisation = OrganisationFactory(name="Mieterinitiative Görlitzer Straße", short_name="MI Görli")
    data = csv_file(
        PERSON_HEADER,
        "Yılmaz;Ayşe;Dr.;sie/ihr;Ayse.Yilmaz@example.org;030 987654;mieterinitiative görlitzer straße;"
        "spricht für;Sprecherin;Vorkaufsrecht;Team",
        "Kowalski;Jan;;;;;MI Görli;;;;",
        "Nguyen;;;;;;;;;;öffentlich",
    )

    # When the external team imports the people
    result = import_people(data, users["team_external"])

    # Then each person is there with contact and relation to the organisation
    assert result.ok and result.rows == 3
    ayse = Person.objects.get(family_name="Yılmaz")
    assert (ayse.given_name, ayse.title, ayse.pronouns, ayse.visibility) == ("Ayşe", "Dr.", "sie/ihr", Visibility.TEAM)
    assert sorted((c.kind, c.value) for c in ayse.contacts.all()) == [
        (ContactKind.EMAIL, "ayse.yilmaz@example.org"),
        (ContactKind.PHONE, "030 987654"),
    ]
    assert [(a.organisation, a.kind, a.function) for a in ayse.affiliations.all()] == [
        (organisation, AffiliationKind.SPEAKS_FOR, "Sprecherin")
    ]
    jan = Person.objects.get(family_name="Kowalski")
    assert [(a.organisation, a.kind) for a in jan.affiliations.all()] == [(organisation, AffiliationKind.WORKS_AT)]
    nguyen = Person.objects.get(family_name="Nguyen")
    assert (nguyen.given_name, nguyen.visibility, nguyen.affiliations.count()) == ("", Visibility.PUBLIC, 0)


def test_an_empty_visibility_cell_files_the_entry_for_the_team(users):
    data = csv_file("Name;Sektor;Sichtbarkeit", "Kiezladen;Zivilgesellschaft;")

    import_organisations(data, users["team_external"])

    assert Organisation.objects.get(name="Kiezladen").visibility == Visibility.TEAM


def test_an_affiliation_is_never_looser_than_its_organisation(users):
    # Given a team-only organisation and a public person working there
    OrganisationFactory(name="Stadtteilbüro", visibility=Visibility.TEAM)
    data = csv_file("Nachname;Organisation;Sichtbarkeit", "Schulz;Stadtteilbüro;öffentlich")

    import_people(data, users["team_internal"])

    person = Person.objects.get(family_name="Schulz")
    assert person.visibility == Visibility.PUBLIC
    assert person.affiliations.get().visibility == Visibility.TEAM


# --- encodings and delimiters ---------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ";"),
        ("utf-8", ","),
        ("utf-8-sig", ";"),
        ("utf-8-sig", ","),
        ("cp1252", ";"),
        ("cp1252", ","),
    ],
)
def test_utf8_with_or_without_bom_and_windows_1252_with_either_delimiter_read_the_same(users, encoding, delimiter):
    # Given the same file, saved in each encoding Excel offers and with either delimiter
    data = csv_file(
        delimiter.join(["Name", "Sektor", "Themen", "Sichtbarkeit"]),
        delimiter.join(["Mieterinitiative Görlitzer Straße", "Zivilgesellschaft", "Straßenfest", "öffentlich"]),
        delimiter.join(["Café Kotti – Treffpunkt", "Gemeinwohlorientierte Wirtschaft", "", "Team"]),
        encoding=encoding,
    )

    result = import_organisations(data, users["team_external"])

    # Then the umlauts, ß, é and the dash arrive unharmed
    assert errors_of(result) == []
    assert sorted(Organisation.objects.values_list("name", "sector", "visibility")) == [
        ("Café Kotti – Treffpunkt", Sector.COMMON_GOOD_ECONOMY, Visibility.TEAM),
        ("Mieterinitiative Görlitzer Straße", Sector.CIVIL_SOCIETY, Visibility.PUBLIC),
    ]
    assert list(Topic.objects.values_list("name", flat=True)) == ["Straßenfest"]


def test_quoted_cells_may_hold_the_delimiter_and_line_breaks(users):
    # Given a cell with a semicolon and an address over two lines, quoted as Excel does
    data = csv_file(
        "Name;Sektor;Anschrift",
        '"Haus; Hof und Garten e.V.";Zivilgesellschaft;"Wrangelstr. 1',
        '10997 Berlin"',
        "Kiezladen;Zivilgesellschaft;",
    )

    result = import_organisations(data, users["team_external"])

    assert result.ok
    organisation = Organisation.objects.get(name="Haus; Hof und Garten e.V.")
    assert organisation.contacts.get().value == "Wrangelstr. 1\n10997 Berlin"


def test_a_line_in_windows_1252_inside_a_utf8_file_is_reported(users):
    # Given a UTF-8 file into which one line was pasted in Windows-1252
    data = (
        csv_file("Name;Sektor")
        + csv_file("Mieterinitiative Görlitzer Straße;Zivilgesellschaft")
        + csv_file("Café Kotti;Zivilgesellschaft", encoding="cp1252")
        + csv_file("Bürgerverein Wrangelkiez;Zivilgesellschaft")
    )

    result = import_organisations(data, users["team_external"])

    # Then that line is named, and nothing is imported
    assert errors_of(result) == [(3, MIXED_ENCODING)]
    assert Organisation.objects.count() == 0


def test_a_line_in_utf8_inside_a_windows_1252_file_is_reported(users):
    # Given a Windows-1252 file (most lines) with one UTF-8 line
    data = (
        csv_file("Name;Sektor")
        + csv_file("Mieterinitiative Görlitzer Straße;Zivilgesellschaft", encoding="cp1252")
        + csv_file("Café Kotti;Zivilgesellschaft", encoding="cp1252")
        + csv_file("Bürgerverein Wrangelkiez;Zivilgesellschaft")
    )

    result = import_organisations(data, users["team_external"])

    assert errors_of(result) == [(4, MIXED_ENCODING)]
    assert Organisation.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "Name;Sektor\r\nKiezladen;Zivilgesellschaft\r\n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Name;Sektor\r\nKiezladen;Zivilgesellschaft\r\n".encode("utf-16-be"),
        "Name;Sektor\r\nKiezladen;Zivilgesellschaft\r\n".encode("utf-16-le"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml",
    ],
    ids=["utf-16-le", "utf-16-be", "utf-16-without-bom", "png", "xlsx"],
)
def test_utf16_and_binary_files_are_refused_with_a_hint_how_to_save(users, data):
    message = refusal(data, users["team_external"])

    assert message == (
        "Die Datei ist keine Textdatei in UTF-8 oder Windows-1252. Bitte als „CSV (Trennzeichen-getrennt)“ speichern."
    )
    assert Organisation.objects.count() == 0


# --- the header -----------------------------------------------------------------


def test_unknown_columns_are_refused_and_the_allowed_ones_named(users):
    message = refusal(csv_file("Name;Sektor;Gründungsjahr", "Kiezladen;Zivilgesellschaft;1999"), users["admin"])

    assert message.startswith("Unbekannte Spalten: „Gründungsjahr“. Erlaubt sind: Name, Kurzname, Sektor,")
    assert Organisation.objects.count() == 0


def test_a_person_file_offered_as_organisations_is_refused(users):
    message = refusal(csv_file(PERSON_HEADER, "Schulz;Eva;;;;;;;;;"), users["admin"])

    assert message.startswith("Unbekannte Spalten: „Nachname“, „Vorname“, „Titel“, „Pronomen“, „Organisation“")


@pytest.mark.parametrize(
    ("kind", "header", "expected"),
    [
        ("organisationen", "Name;Kurzname", "Es fehlen die Spalten: Sektor."),
        ("organisationen", "Kurzname;Themen", "Es fehlen die Spalten: Name, Sektor."),
        ("personen", "Vorname;E-Mail", "Es fehlen die Spalten: Nachname."),
    ],
)
def test_missing_required_columns_are_refused(users, kind, header, expected):
    assert refusal(csv_file(header, "x;y"), users["admin"], kind=kind) == expected


def test_a_column_given_twice_is_refused(users):
    # Column names are matched whatever their case, so "name" and "Name" are the same column
    message = refusal(csv_file("Name;Sektor;name", "A;Politik;B"), users["admin"])

    assert message == "Doppelte Spalten: Name."


def test_column_names_are_matched_whatever_their_case_and_order(users):
    data = csv_file("sektor;NAME", "Politik;Fraktion im Rathaus")

    import_organisations(data, users["admin"])

    assert Organisation.objects.get().sector == Sector.POLITICS


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "Die Datei ist leer."),
        (b"\r\n \r\n", "Die Datei ist leer."),
        (codecs.BOM_UTF8, "Die Datei ist leer."),
        (csv_file("Name;Sektor"), "Die Datei enthält keine Datenzeilen."),
        (csv_file("Name;Sektor", ";", ""), "Die Datei enthält keine Datenzeilen."),
    ],
    ids=["nothing", "blank-lines", "bom-only", "header-only", "empty-rows"],
)
def test_a_file_without_data_rows_is_refused(users, data, expected):
    assert refusal(data, users["admin"]) == expected


# --- bad rows: nothing is imported, every bad line is named ---------------------------------


def test_a_file_with_bad_rows_imports_nothing_and_names_every_bad_line(users):
    # Given a file with good rows between rows that each have one mistake
    data = csv_file(
        "Name;Sektor;E-Mail;Website;Telefon;Sichtbarkeit",
        "Kiezladen;Zivilgesellschaft;;;;",
        ";Politik;;;;",
        "Stadtteilbüro;Kirche;;;;",
        "Nachbarschaftshaus;Zivilgesellschaft;info(at)nachbarschaft.example;;;",
        "Kinderbauernhof;;;;;",
        "Gartenprojekt;Zivilgesellschaft;;www.garten.example;;",
        "Hausprojekt;Zivilgesellschaft;;;ruf an;",
        "Genossenschaft Eins;Gemeinwohlorientierte Wirtschaft;;;;geheim",
        "Genossenschaft Zwei;Gemeinwohlorientierte Wirtschaft;;;;öffentlich",
    )

    # When it is imported
    result = import_organisations(data, users["team_internal"])

    # Then every bad line is listed with its number and reason, in German
    assert errors_of(result) == [
        (3, "Der Name fehlt."),
        (4, "Unbekannter Wert „Kirche“ in der Spalte Sektor."),
        (5, "„info(at)nachbarschaft.example“ ist keine gültige E-Mail-Adresse."),
        (6, "Der Sektor fehlt."),
        (7, "Bitte eine vollständige Adresse angeben, die mit https:// beginnt."),
        (8, "Bitte eine Telefonnummer aus Ziffern angeben, z. B. +49 30 12345-678."),
        (9, "Unbekannter Wert „geheim“ in der Spalte Sichtbarkeit."),
    ]
    # And nothing at all was saved, not even the good rows or their contacts
    assert not result.ok
    assert Organisation.objects.count() == 0
    assert ContactDetail.objects.count() == 0
    assert result.created == []


def test_a_row_with_several_mistakes_lists_each(users):
    data = csv_file("Name;Sektor;E-Mail", ";Kirche;keine-adresse")

    result = import_organisations(data, users["team_internal"])

    assert errors_of(result) == [
        (2, "Der Name fehlt."),
        (2, "Unbekannter Wert „Kirche“ in der Spalte Sektor."),
        (2, "„keine-adresse“ ist keine gültige E-Mail-Adresse."),
    ]


def test_a_person_without_family_name_or_with_a_bad_email_is_reported(users):
    data = csv_file(
        "Nachname;Vorname;E-Mail",
        ";Eva;eva@example.org",
        "Schulz;Jonas;jonas@",
        "Berg;Mia;mia@example.org",
    )

    result = import_people(data, users["team_external"])

    assert errors_of(result) == [
        (2, "Der Nachname fehlt."),
        (3, "„jonas@“ ist keine gültige E-Mail-Adresse."),
    ]
    assert Person.objects.count() == 0


def test_values_longer_than_the_field_are_reported_with_the_field_name(users):
    data = csv_file("Name;Kurzname;Sektor", f"Kiezladen;{'K' * 61};Zivilgesellschaft")

    result = import_organisations(data, users["admin"])

    assert errors_of(result) == [
        (
            2,
            "Kurzname: Bitte sicherstellen, dass der Wert aus höchstens 60 Zeichen besteht. (Er besteht aus 61 Zeichen.)",
        )
    ]
    assert Organisation.objects.count() == 0


def test_a_row_with_more_cells_than_the_header_is_reported(users):
    data = csv_file("Name;Sektor", "Kiezladen;Zivilgesellschaft;übrig", "Stadtteilbüro;Zivilgesellschaft")

    result = import_organisations(data, users["admin"])

    assert errors_of(result) == [(2, "Die Zeile hat mehr Spalten als die Kopfzeile.")]
    assert Organisation.objects.count() == 0


QUOTES = (
    "Die Zeile ist keine gültige CSV-Zeile. Ein Anführungszeichen ist nicht geschlossen oder steht an der "
    "falschen Stelle: Eine Zelle in Anführungszeichen muss direkt vor dem Trennzeichen oder dem Zeilenende enden."
)


def test_a_quote_left_open_is_reported_instead_of_swallowing_the_rows_after_it(users):
    # Given a file whose address cell opens a quote that is never closed
    data = csv_file(
        "Name;Sektor;Anschrift",
        "Kiezladen;Zivilgesellschaft;Wrangelstr. 1",
        'Stadtteilbüro;Zivilgesellschaft;"Oranienstr. 2',
        "Nachbarschaftshaus;Zivilgesellschaft;",
        "Hausprojekt;Zivilgesellschaft;",
    )

    result = import_organisations(data, users["admin"])

    # Then the line is named; the rows after it are not silently lost in the address
    assert errors_of(result) == [(3, QUOTES)]
    assert Organisation.objects.count() == 0


def test_text_after_a_closing_quote_is_reported_and_the_rows_after_it_still_checked(users):
    data = csv_file(
        "Name;Sektor",
        '"Haus Hof" e.V.;Zivilgesellschaft',
        "Kiezladen;Kirche",
        '"Haus ""Hof"" e.V.";Zivilgesellschaft',
        'Laden "Ecke";Zivilgesellschaft',
    )

    result = import_organisations(data, users["admin"])

    assert errors_of(result) == [(2, QUOTES), (3, "Unbekannter Wert „Kirche“ in der Spalte Sektor.")]


def test_quotes_written_as_excel_writes_them_are_read(users):
    data = csv_file("Name;Sektor", '"Haus ""Hof"" e.V.";Zivilgesellschaft', 'Laden "Ecke";Zivilgesellschaft')

    import_organisations(data, users["admin"])

    assert sorted(Organisation.objects.values_list("name", flat=True)) == ['Haus "Hof" e.V.', 'Laden "Ecke"']


def test_a_header_with_a_quote_left_open_is_refused(users):
    message = refusal(csv_file('Name;"Sektor', "Kiezladen;Politik"), users["admin"])

    assert message == QUOTES.replace("Die Zeile", "Die Kopfzeile")


def test_a_text_that_is_no_table_is_refused_with_a_short_message(users):
    # Given a long text file uploaded by mistake
    data = csv_file("Liebe Nachbarinnen und Nachbarn im Wrangelkiez " * 200, "wir laden herzlich ein.")

    message = refusal(data, users["admin"])

    assert message.startswith("Unbekannte Spalten: „Liebe Nachbarinnen und Nachbarn im Wrang…“. Erlaubt sind: Name,")
    assert len(message) < 300


def test_many_unknown_columns_are_named_up_to_five(users):
    message = refusal(csv_file("Name;Sektor;A;B;C;D;E;F;G", "Kiezladen;Politik"), users["admin"])

    assert message.startswith("Unbekannte Spalten: „A“, „B“, „C“, „D“, „E“, …. Erlaubt sind: Name,")


def test_line_numbers_count_blank_lines_and_lines_inside_quoted_cells(users):
    # Given a file whose second row spans two lines, followed by a blank line
    data = csv_file(
        "Name;Sektor;Anschrift",
        'Kiezladen;Zivilgesellschaft;"Wrangelstr. 1',
        '10997 Berlin"',
        "",
        "Stadtteilbüro;Kirche;",
    )

    result = import_organisations(data, users["admin"])

    # Then the bad row is reported with the line number a text editor shows
    assert errors_of(result) == [(5, "Unbekannter Wert „Kirche“ in der Spalte Sektor.")]


# --- duplicates ------------------------------------------------------------------


def test_an_organisation_already_in_the_address_book_is_a_duplicate_whatever_its_case(users):
    OrganisationFactory(name="Kiezladen Wrangelkiez")
    data = csv_file("Name;Sektor", "Stadtteilbüro;Zivilgesellschaft", "KIEZLADEN wrangelkiez;Zivilgesellschaft")

    result = import_organisations(data, users["team_external"])

    assert errors_of(result) == [(3, "Die Organisation „KIEZLADEN wrangelkiez“ ist schon im Adressbuch.")]
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Kiezladen Wrangelkiez"]


def test_an_organisation_twice_in_the_file_is_reported_with_the_earlier_line(users):
    data = csv_file(
        "Name;Sektor",
        "Kiezladen;Zivilgesellschaft",
        "Stadtteilbüro;Zivilgesellschaft",
        "kiezladen;Politik",
    )

    result = import_organisations(data, users["team_external"])

    assert errors_of(result) == [(4, "„kiezladen“ steht schon in Zeile 2.")]
    assert Organisation.objects.count() == 0


def test_a_person_whose_email_is_already_in_the_address_book_is_a_duplicate(users):
    PersonFactory(family_name="Schulz", given_name="Eva", email="eva.schulz@example.org")
    data = csv_file("Nachname;Vorname;E-Mail", "Schulz-Berg;Eva;Eva.Schulz@Example.org")

    result = import_people(data, users["team_external"])

    assert errors_of(result) == [
        (2, "Eine Person mit der E-Mail-Adresse eva.schulz@example.org ist schon im Adressbuch.")
    ]
    assert Person.objects.count() == 1


def test_a_person_without_email_is_a_duplicate_by_name(users):
    PersonFactory(family_name="Schulz", given_name="Eva")
    data = csv_file("Nachname;Vorname", "schulz;eva", "Schulz;Jonas")

    result = import_people(data, users["team_external"])

    assert errors_of(result) == [(2, "eva schulz ist schon im Adressbuch.")]
    assert Person.objects.count() == 1


def test_people_twice_in_the_file_are_reported_with_the_earlier_line(users):
    data = csv_file(
        "Nachname;Vorname;E-Mail",
        "Schulz;Eva;eva@example.org",
        "Berg;Mia;",
        "Schulz;Eva Maria;EVA@example.org",
        "berg;mia;",
    )

    result = import_people(data, users["team_external"])

    assert errors_of(result) == [
        (4, "Die E-Mail-Adresse eva@example.org steht schon in Zeile 2."),
        (5, "mia berg steht schon in Zeile 3."),
    ]
    assert Person.objects.count() == 0


def test_a_hidden_entry_is_no_duplicate_for_a_reader_who_may_not_see_it(users):
    # Given an administration-internal person and organisation
    OrganisationFactory(name="Vertrauliche Runde", visibility=Visibility.INTERNAL)
    PersonFactory(family_name="Geheim", email="geheim@example.org", visibility=Visibility.INTERNAL)

    # When the external team imports entries with the same name and e-mail
    people = import_people(csv_file("Nachname;E-Mail", "Anders;geheim@example.org"), users["team_external"])
    organisations = import_organisations(csv_file("Name;Sektor", "Vertrauliche Runde;Politik"), users["team_external"])

    # Then no message gives away that the hidden entries exist
    assert people.ok and organisations.ok


# --- people and their organisations ----------------------------------------------


def test_a_person_at_an_unknown_organisation_is_reported(users):
    OrganisationFactory(name="Kiezladen")
    data = csv_file("Nachname;Organisation", "Schulz;Kiezladen", "Berg;Mietergemeinschaft Oranienstraße")

    result = import_people(data, users["team_external"])

    assert errors_of(result) == [
        (
            3,
            "Die Organisation „Mietergemeinschaft Oranienstraße“ ist nicht im Adressbuch. "
            "Bitte zuerst die Organisationen importieren.",
        )
    ]
    assert Person.objects.count() == 0


def test_an_organisation_hidden_from_the_importer_counts_as_unknown(users):
    OrganisationFactory(name="Vertrauliche Runde", visibility=Visibility.INTERNAL)
    data = csv_file("Nachname;Organisation", "Schulz;Vertrauliche Runde")

    external = import_people(data, users["team_external"])

    assert [line for line, _message in errors_of(external)] == [2]
    assert "nicht im Adressbuch" in external.errors[0].message
    # The administration-internal team may link to it
    assert import_people(data, users["team_internal"]).ok


def test_an_archived_organisation_cannot_be_linked(users):
    organisation = OrganisationFactory(name="Aufgelöster Verein")
    actions.entry_archive(entry=organisation, by=users["team_internal"])

    result = import_people(csv_file("Nachname;Organisation", "Schulz;Aufgelöster Verein"), users["team_internal"])

    assert [line for line, _message in errors_of(result)] == [2]


def test_a_relation_or_function_without_organisation_is_reported(users):
    data = csv_file(
        "Nachname;Organisation;Beziehung;Funktion",
        "Schulz;;Mitglied von;",
        "Berg;;;Vorstand",
    )

    result = import_people(data, users["team_external"])

    assert errors_of(result) == [
        (2, "Beziehung oder Funktion ohne Organisation."),
        (3, "Beziehung oder Funktion ohne Organisation."),
    ]


def test_an_unknown_relation_is_reported(users):
    OrganisationFactory(name="Kiezladen")

    result = import_people(csv_file("Nachname;Organisation;Beziehung", "Schulz;Kiezladen;befreundet"), users["admin"])

    assert errors_of(result) == [(2, "Unbekannter Wert „befreundet“ in der Spalte Beziehung.")]


# --- visibility --------------------------------------------------------------------


def test_nobody_imports_above_their_own_clearance(users):
    # Given a file with an administration-internal row
    people = csv_file("Nachname;Sichtbarkeit", "Schulz;Team", "Berg;verwaltungsintern")
    organisations = csv_file("Name;Sektor;Sichtbarkeit", "Amtsrunde;Verwaltung;verwaltungsintern")

    # When the external team imports it, it is refused and nothing is saved
    refused = import_people(people, users["team_external"])
    assert errors_of(refused) == [(3, "Die Sichtbarkeit „verwaltungsintern“ können Sie nicht vergeben.")]
    assert errors_of(import_organisations(organisations, users["team_external"])) == [
        (2, "Die Sichtbarkeit „verwaltungsintern“ können Sie nicht vergeben.")
    ]
    assert Person.objects.count() == Organisation.objects.count() == 0

    # And the administration-internal team may import the same files
    assert import_people(people, users["team_internal"]).ok
    assert import_organisations(organisations, users["team_internal"]).ok
    assert Person.objects.get(family_name="Berg").visibility == Visibility.INTERNAL


@pytest.mark.parametrize(
    ("word", "level"),
    [("öffentlich", Visibility.PUBLIC), ("Mitglieder", Visibility.MEMBERS), ("TEAM", Visibility.TEAM)],
)
def test_visibility_words_are_read_whatever_their_case(users, word, level):
    import_organisations(csv_file("Name;Sektor;Sichtbarkeit", f"Kiezladen;Politik;{word}"), users["team_external"])

    assert Organisation.objects.get().visibility == level


# --- topics, parents, formula protection -------------------------------------------


def test_new_topics_are_created_once_and_known_ones_reused(users):
    # Given the topic "Vorkaufsrecht" in the address book
    known = TopicFactory(name="Vorkaufsrecht")
    data = csv_file(
        "Name;Sektor;Themen",
        "Kiezladen;Zivilgesellschaft;vorkaufsrecht, Gewerbemieten",
        "Stadtteilbüro;Zivilgesellschaft;gewerbemieten,  Grün   und Freiraum ",
    )

    # When a file mentions it in other case, and two new topics in varying case and spacing
    result = import_organisations(data, users["team_external"])

    # Then each new topic is named once and made once; the known one is reused
    assert result.new_topics == ["Gewerbemieten", "Grün und Freiraum"]
    assert sorted(Topic.objects.values_list("name", flat=True)) == [
        "Gewerbemieten",
        "Grün und Freiraum",
        "Vorkaufsrecht",
    ]
    kiezladen = Organisation.objects.get(name="Kiezladen")
    assert set(kiezladen.topics.all()) == {known, Topic.objects.get(name="Gewerbemieten")}


def test_a_dry_run_checks_everything_and_saves_nothing(users):
    data = csv_file("Name;Sektor;Themen", "Kiezladen;Zivilgesellschaft;Neues Thema", "Stadtteilbüro;Politik;")

    result = import_organisations(data, users["team_external"], dry_run=True)

    assert result.ok and result.dry_run
    assert result.rows == 2
    assert result.new_topics == ["Neues Thema"]
    assert Organisation.objects.count() == Topic.objects.count() == ContactDetail.objects.count() == 0


def test_a_dry_run_reports_the_same_errors_as_an_import(users):
    data = csv_file("Name;Sektor", "Kiezladen;Kirche")

    result = import_organisations(data, users["team_external"], dry_run=True)

    assert errors_of(result) == [(2, "Unbekannter Wert „Kirche“ in der Spalte Sektor.")]


def test_an_organisation_may_be_part_of_one_earlier_in_the_file_or_already_known(users):
    OrganisationFactory(name="Bezirksamt Friedrichshain-Kreuzberg", sector=Sector.ADMINISTRATION)
    data = csv_file(
        "Name;Sektor;Teil von",
        "Stadtentwicklungsamt;Verwaltung;bezirksamt friedrichshain-kreuzberg",
        "Fachbereich Stadtplanung;Verwaltung;Stadtentwicklungsamt",
    )

    result = import_organisations(data, users["team_external"])

    assert result.ok
    office = Organisation.objects.get(name="Stadtentwicklungsamt")
    assert office.parent.name == "Bezirksamt Friedrichshain-Kreuzberg"
    assert Organisation.objects.get(name="Fachbereich Stadtplanung").parent == office


def test_an_organisation_may_be_part_of_one_further_down_the_file(users):
    # An export lists organisations by name, so a unit often comes before its parent.
    data = csv_file(
        "Name;Sektor;Teil von",
        "Amt für Soziales;Verwaltung;Bezirksamt Friedrichshain-Kreuzberg",
        "Bezirksamt Friedrichshain-Kreuzberg;Verwaltung;",
    )

    result = import_organisations(data, users["team_external"])

    assert errors_of(result) == []
    assert Organisation.objects.get(name="Amt für Soziales").parent.name == "Bezirksamt Friedrichshain-Kreuzberg"


def test_a_parent_neither_known_nor_in_the_file_is_reported(users):
    OrganisationFactory(name="Vertrauliche Runde", visibility=Visibility.INTERNAL)
    data = csv_file(
        "Name;Sektor;Teil von",
        "Arbeitsgruppe;Verwaltung;Senatsverwaltung",
        "Unterrunde;Verwaltung;Vertrauliche Runde",
    )

    result = import_organisations(data, users["team_external"])

    assert errors_of(result) == [
        (2, "Die übergeordnete Organisation „Senatsverwaltung“ ist weder im Adressbuch noch in der Datei."),
        (3, "Die übergeordnete Organisation „Vertrauliche Runde“ ist weder im Adressbuch noch in der Datei."),
    ]
    assert Organisation.objects.count() == 1


def test_an_organisation_cannot_be_part_of_itself_in_a_file(users):
    data = csv_file(
        "Name;Sektor;Teil von",
        "Kiezladen;Zivilgesellschaft;Kiezladen",
        "Runde A;Politik;Runde B",
        "Runde B;Politik;Runde A",
        "Runde C;Politik;Runde A",
    )

    result = import_organisations(data, users["team_external"])

    assert errors_of(result) == [
        (2, "„Kiezladen“ wäre über die Spalte „Teil von“ Teil von sich selbst."),
        (3, "„Runde A“ wäre über die Spalte „Teil von“ Teil von sich selbst."),
        (4, "„Runde B“ wäre über die Spalte „Teil von“ Teil von sich selbst."),
    ]
    assert Organisation.objects.count() == 0


def test_cells_protected_against_formulas_are_read_without_the_apostrophe(users):
    # Given cells as the export writes them: a leading apostrophe before = + - @
    data = csv_file(
        "Name;Sektor;Telefon;Themen",
        "'=Gemeinwohl;Zivilgesellschaft;'+49 30 1234567;'@Kiez",
        "'-minus-;Zivilgesellschaft;;",
        "'s Kiezhaus;Zivilgesellschaft;;",
    )

    result = import_organisations(data, users["team_external"])

    assert result.ok
    organisation = Organisation.objects.get(name="=Gemeinwohl")
    assert organisation.contacts.get().value == "+49 30 1234567"
    assert [topic.name for topic in organisation.topics.all()] == ["@Kiez"]
    # An apostrophe before anything else is part of the value
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["'s Kiezhaus", "-minus-", "=Gemeinwohl"]


# --- who may import -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "may_import"),
    [("registered", False), ("bezirksamt", False), ("team_external", True), ("team_internal", True), ("admin", True)],
)
def test_only_the_team_may_import(users, role, may_import):
    data = csv_file("Name;Sektor", "Kiezladen;Zivilgesellschaft")

    if may_import:
        assert import_organisations(data, users[role]).ok
    else:
        with pytest.raises(PermissionDenied):
            import_organisations(data, users[role])
    assert Organisation.objects.count() == (1 if may_import else 0)
