"""Reading an address-book CSV file into action inputs, or into a list of what is wrong.

Nothing here writes. A file is read whole; every bad row is reported with
its line number and reason, so the person importing can fix them all at once.
"""

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gemeinwohl.core.visibility import Visibility, clearance_for
from gemeinwohl.directory.inputs import AffiliationInput, ContactInput, OrganisationInput, PersonInput
from gemeinwohl.directory.models import (
    AffiliationKind,
    ContactContext,
    ContactDetail,
    ContactKind,
    Organisation,
    Person,
)
from gemeinwohl.directory.table_format import (
    AFFILIATION_WORDS,
    COLUMNS,
    LEGAL_FORM_WORDS,
    REQUIRED_COLUMNS,
    SECTOR_WORDS,
    TOPIC_SEPARATOR,
    VISIBILITY_WORDS,
    unprotect_cell,
)


class ImportRefused(Exception):
    """The file as a whole cannot be read (size, type, columns)."""


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class ParsedRow:
    line: int
    entry: PersonInput | OrganisationInput
    contacts: list[ContactInput] = field(default_factory=list)
    affiliation: AffiliationInput | None = None
    topic_names: list[str] = field(default_factory=list)
    parent_name: str = ""


@dataclass
class ParsedFile:
    rows: list[ParsedRow]
    errors: list[RowError]


def decode(data: bytes) -> tuple[str, set[int]]:
    """The file's text and the line numbers whose bytes do not fit its encoding.

    UTF-8 (with or without BOM) and Windows-1252 (what Excel writes) are read.
    A file mixing both has its minority lines reported rather than silently garbled.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        raise ImportRefused(
            _(
                "Die Datei ist keine Textdatei in UTF-8 oder Windows-1252. Bitte als „CSV (Trennzeichen-getrennt)“ speichern."
            )
        )
    try:
        return data.decode("utf-8"), set()
    except UnicodeDecodeError:
        pass
    utf8_lines, other_lines = set(), set()
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.isascii():
            continue
        try:
            raw.decode("utf-8")
            utf8_lines.add(number)
        except UnicodeDecodeError:
            other_lines.add(number)
    bad = set(utf8_lines)
    lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if number in utf8_lines:
            lines.append(raw.decode("utf-8"))
            continue
        try:
            lines.append(raw.decode("cp1252"))
        except UnicodeDecodeError:
            bad.add(number)
            lines.append(raw.decode("cp1252", errors="replace"))
    if len(utf8_lines) > len(other_lines):
        bad = (bad - utf8_lines) | other_lines
    return "\n".join(lines), bad


QUOTES = gettext_lazy(
    "Ein Anführungszeichen ist nicht geschlossen oder steht an der falschen Stelle: "
    "Eine Zelle in Anführungszeichen muss direkt vor dem Trennzeichen oder dem Zeilenende enden."
)


def _quoted_list(cells: list[str], most: int = 5, length: int = 40) -> str:
    """Cells named in a message, shortened, so that a file that is no table gives a short message."""
    shown = [f"„{cell[:length]}…“" if len(cell) > length else f"„{cell}“" for cell in cells[:most]]
    return ", ".join(shown) + (", …" if len(cells) > most else "")


def _sniff_delimiter(header_line: str) -> str:
    counts = {delimiter: header_line.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ";"


def read_rows(data: bytes, *, kind: str) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    """The file's data rows as (line number, column → value), and encoding errors by line."""
    text, bad_lines = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ImportRefused(_("Die Datei ist leer."))
    delimiter = _sniff_delimiter(text.split("\n", 1)[0])
    # Strict, so that a quote left open ends in an error instead of swallowing the rows after it.
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        header = [cell.strip() for cell in next(reader)]
    except csv.Error:
        raise ImportRefused(_("Die Kopfzeile ist keine gültige CSV-Zeile. %(reason)s") % {"reason": QUOTES}) from None
    known = {column.lower(): column for column in COLUMNS[kind]}
    unknown = [cell for cell in header if cell and cell.lower() not in known]
    if unknown:
        raise ImportRefused(
            _("Unbekannte Spalten: %(unknown)s. Erlaubt sind: %(known)s.")
            % {"unknown": _quoted_list(unknown), "known": ", ".join(COLUMNS[kind])}
        )
    columns = [known.get(cell.lower(), "") for cell in header]
    missing = [column for column in REQUIRED_COLUMNS[kind] if column not in columns]
    if missing:
        raise ImportRefused(_("Es fehlen die Spalten: %(missing)s.") % {"missing": ", ".join(missing)})
    doubled = [column for column, count in Counter(c for c in columns if c).items() if count > 1]
    if doubled:
        raise ImportRefused(_("Doppelte Spalten: %(doubled)s.") % {"doubled": ", ".join(doubled)})

    rows, errors = [], []
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            # The reader goes on with the next line, so the rows after a broken one are still checked.
            errors.append(RowError(start, _("Die Zeile ist keine gültige CSV-Zeile. %(reason)s") % {"reason": QUOTES}))
            start = reader.line_num + 1
            continue
        end = reader.line_num
        line = start
        start = end + 1
        if not any(cell.strip() for cell in cells):
            continue
        if any(number in bad_lines for number in range(line, end + 1)):
            errors.append(
                RowError(
                    line,
                    _(
                        "Die Zeichenkodierung der Zeile passt nicht zum Rest der Datei (UTF-8 und Windows-1252 gemischt)."
                    ),
                )
            )
            continue
        if len(cells) > len(columns):
            errors.append(RowError(line, _("Die Zeile hat mehr Spalten als die Kopfzeile.")))
            continue
        values = {column: unprotect_cell(cell.strip()) for column, cell in zip(columns, cells, strict=False) if column}
        rows.append((line, values))
    return rows, errors


class RowProblems:
    """Collects what is wrong with one row."""

    def __init__(self, line: int):
        self.line = line
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)

    def errors(self) -> list[RowError]:
        return [RowError(self.line, message) for message in self.messages]


def _choice(value: str, words: dict, problems: RowProblems, label: str, *, default=None):
    if not value:
        return default
    key = words.get(value.lower())
    if key is None:
        problems.add(_("Unbekannter Wert „%(value)s“ in der Spalte %(label)s.") % {"value": value, "label": label})
    return key


def _visibility(value: str, user, problems: RowProblems) -> int:
    level = _choice(value, VISIBILITY_WORDS, problems, "Sichtbarkeit", default=Visibility.TEAM)
    if level is not None and level > clearance_for(user):
        problems.add(_("Die Sichtbarkeit „%(value)s“ können Sie nicht vergeben.") % {"value": value})
    return level if level is not None else Visibility.TEAM


def _contact(kind: str, value: str, level: int, problems: RowProblems) -> ContactInput | None:
    if not value:
        return None
    contact = ContactDetail(kind=kind, value=value, context=ContactContext.WORK, visibility=level)
    try:
        contact.clean_fields(exclude=["person", "organisation"])
        contact.clean()
    except ValidationError as error:
        for messages in error.message_dict.values():
            for message in messages:
                problems.add(message)
        return None
    return ContactInput(kind=kind, value=contact.value, visibility=level)


def _model_problems(instance, problems: RowProblems, exclude=()) -> None:
    try:
        instance.clean_fields(exclude=list(exclude))
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            label = instance._meta.get_field(name).verbose_name
            for message in messages:
                problems.add(f"{label}: {message}")


def _topics(value: str) -> list[str]:
    names = [" ".join(name.split()) for name in value.split(TOPIC_SEPARATOR)]
    return [name[:80] for name in names if name]


def parse_people(rows, *, by) -> ParsedFile:
    """People rows to inputs; duplicates are checked against what ``by`` can see."""
    known_emails = dict(
        ContactDetail.objects.visible_to(by)
        .filter(kind=ContactKind.EMAIL, person__isnull=False)
        .annotate(email=Lower("value"))
        .values_list("email", "person__family_name")
    )
    known_names = {
        (given.lower(), family.lower())
        for given, family in Person.objects.visible_to(by).values_list("given_name", "family_name")
    }
    organisations = {}
    for organisation in Organisation.objects.visible_to(by).active().order_by("pk"):
        organisations.setdefault(organisation.name.lower(), organisation)
        if organisation.short_name:
            organisations.setdefault(organisation.short_name.lower(), organisation)

    parsed, errors = [], []
    seen_emails, seen_names = {}, {}
    for line, values in rows:
        problems = RowProblems(line)
        family, given = values.get("Nachname", ""), values.get("Vorname", "")
        if not family:
            problems.add(_("Der Nachname fehlt."))
        level = _visibility(values.get("Sichtbarkeit", ""), by, problems)
        person = Person(
            family_name=family or "-",
            given_name=given,
            title=values.get("Titel", ""),
            pronouns=values.get("Pronomen", ""),
        )
        _model_problems(person, problems, exclude=["visibility"])
        email = _contact(ContactKind.EMAIL, values.get("E-Mail", ""), level, problems)
        phone = _contact(ContactKind.PHONE, values.get("Telefon", ""), level, problems)

        if email is not None:
            if email.value in known_emails:
                problems.add(
                    _("Eine Person mit der E-Mail-Adresse %(email)s ist schon im Adressbuch.") % {"email": email.value}
                )
            elif email.value in seen_emails:
                problems.add(
                    _("Die E-Mail-Adresse %(email)s steht schon in Zeile %(line)s.")
                    % {"email": email.value, "line": seen_emails[email.value]}
                )
            seen_emails.setdefault(email.value, line)
        elif family:
            key = (given.lower(), family.lower())
            if key in known_names:
                problems.add(_("%(name)s ist schon im Adressbuch.") % {"name": f"{given} {family}".strip()})
            elif key in seen_names:
                problems.add(
                    _("%(name)s steht schon in Zeile %(line)s.")
                    % {"name": f"{given} {family}".strip(), "line": seen_names[key]}
                )
            seen_names.setdefault(key, line)

        affiliation = None
        organisation_name = values.get("Organisation", "")
        if organisation_name:
            organisation = organisations.get(organisation_name.lower())
            if organisation is None:
                problems.add(
                    _(
                        "Die Organisation „%(name)s“ ist nicht im Adressbuch. Bitte zuerst die Organisationen importieren."
                    )
                    % {"name": organisation_name}
                )
            else:
                kind = _choice(
                    values.get("Beziehung", ""),
                    AFFILIATION_WORDS,
                    problems,
                    "Beziehung",
                    default=AffiliationKind.WORKS_AT,
                )
                affiliation = AffiliationInput(
                    organisation=organisation,
                    kind=kind or AffiliationKind.WORKS_AT,
                    function=values.get("Funktion", "")[:150],
                    visibility=max(level, organisation.visibility),
                )
        elif values.get("Beziehung") or values.get("Funktion"):
            problems.add(_("Beziehung oder Funktion ohne Organisation."))

        if problems.messages:
            errors.extend(problems.errors())
            continue
        parsed.append(
            ParsedRow(
                line=line,
                entry=PersonInput(
                    family_name=family, given_name=given, title=person.title, pronouns=person.pronouns, visibility=level
                ),
                contacts=[c for c in (email, phone) if c is not None],
                affiliation=affiliation,
                topic_names=_topics(values.get("Themen", "")),
            )
        )
    return ParsedFile(parsed, errors)


def _parents_first(rows: list[ParsedRow], errors: list[RowError]) -> list[ParsedRow]:
    """The rows reordered so that each comes after its parent from the same file.

    An export lists organisations by name, so a unit often stands above its
    parent. Rows that would end up part of themselves are reported.
    """
    in_file = {row.entry.name.lower(): row for row in rows}
    ordered, placed = [], set()
    for row in rows:
        # Walk up through parents from the file until one is placed already, then place the walk top down.
        chain, current = [], row
        while current is not None and current.line not in placed:
            lines = [member.line for member in chain]
            if current.line in lines:
                errors.extend(
                    RowError(
                        member.line,
                        _("„%(name)s“ wäre über die Spalte „Teil von“ Teil von sich selbst.")
                        % {"name": member.entry.name},
                    )
                    for member in chain[lines.index(current.line) :]
                )
                break
            chain.append(current)
            current = in_file.get(current.parent_name.lower()) if current.entry.parent is None else None
        for member in reversed(chain):
            placed.add(member.line)
            ordered.append(member)
    return ordered


def parse_organisations(rows, *, by) -> ParsedFile:
    """Organisation rows to inputs; duplicates are checked against what ``by`` can see.

    A parent ("Teil von") may be in the address book or anywhere in the file;
    the rows come back ordered so that parents are created first.
    """
    existing = {}
    for organisation in Organisation.objects.visible_to(by).order_by("pk"):
        existing.setdefault(organisation.name.lower(), organisation)
    names_in_file = {values["Name"].lower() for _line, values in rows if values.get("Name")}
    parsed, errors = [], []
    seen = {}
    for line, values in rows:
        problems = RowProblems(line)
        name = values.get("Name", "")
        if not name:
            problems.add(_("Der Name fehlt."))
        elif name.lower() in existing:
            problems.add(_("Die Organisation „%(name)s“ ist schon im Adressbuch.") % {"name": name})
        elif name.lower() in seen:
            problems.add(_("„%(name)s“ steht schon in Zeile %(line)s.") % {"name": name, "line": seen[name.lower()]})
        sector_value = values.get("Sektor", "")
        if not sector_value:
            problems.add(_("Der Sektor fehlt."))
        sector = _choice(sector_value, SECTOR_WORDS, problems, "Sektor")
        legal_form = _choice(values.get("Rechtsform", ""), LEGAL_FORM_WORDS, problems, "Rechtsform", default="")
        level = _visibility(values.get("Sichtbarkeit", ""), by, problems)
        organisation = Organisation(
            name=name or "-", short_name=values.get("Kurzname", ""), sector=sector or "sonstige"
        )
        _model_problems(organisation, problems, exclude=["visibility", "legal_form"])
        parent_name = values.get("Teil von", "")
        if parent_name and parent_name.lower() not in existing and parent_name.lower() not in names_in_file:
            problems.add(
                _("Die übergeordnete Organisation „%(name)s“ ist weder im Adressbuch noch in der Datei.")
                % {"name": parent_name}
            )
        contacts = [
            _contact(ContactKind.WEBSITE, values.get("Website", ""), level, problems),
            _contact(ContactKind.EMAIL, values.get("E-Mail", ""), level, problems),
            _contact(ContactKind.PHONE, values.get("Telefon", ""), level, problems),
            _contact(ContactKind.ADDRESS, values.get("Anschrift", ""), level, problems),
        ]
        if name:
            seen.setdefault(name.lower(), line)
        if problems.messages:
            errors.extend(problems.errors())
            continue
        parsed.append(
            ParsedRow(
                line=line,
                entry=OrganisationInput(
                    name=name,
                    sector=sector,
                    short_name=organisation.short_name,
                    legal_form=legal_form or "",
                    parent=existing.get(parent_name.lower()) if parent_name else None,
                    visibility=level,
                ),
                contacts=[c for c in contacts if c is not None],
                topic_names=_topics(values.get("Themen", "")),
                parent_name=parent_name,
            )
        )
    return ParsedFile(_parents_first(parsed, errors), errors)


def parse(data: bytes, *, kind: str, by) -> ParsedFile:
    """Read a whole file of ``kind`` ("personen" or "organisationen")."""
    rows, encoding_errors = read_rows(data, kind=kind)
    parse_rows = parse_people if kind == "personen" else parse_organisations
    result = parse_rows(rows, by=by)
    result.errors = sorted(encoding_errors + result.errors, key=lambda error: error.line)
    if not result.rows and not result.errors:
        raise ImportRefused(_("Die Datei enthält keine Datenzeilen."))
    return result
