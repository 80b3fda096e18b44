"""Address-book lists as CSV (for Excel: UTF-8 with BOM, semicolons) and XLSX.

Rows come from the reader-scoped selectors, so an export holds exactly what
the exporting person sees in the list, no hidden contact or entry.
"""

from collections.abc import Iterable, Iterator

from django.http import HttpResponse

from gemeinwohl.core import spreadsheets
from gemeinwohl.directory.models import ContactKind
from gemeinwohl.directory.selectors import primary_contact
from gemeinwohl.directory.table_format import (
    ORGANISATION_COLUMNS,
    PERSON_COLUMNS,
    TOPIC_SEPARATOR,
    visibility_label,
)


def _topics(entry) -> str:
    return f"{TOPIC_SEPARATOR} ".join(topic.name for topic in entry.topics.all())


def person_rows(people) -> Iterator[list[str]]:
    for person in people:
        affiliation = person.current_affiliations[0] if person.current_affiliations else None
        yield [
            person.family_name,
            person.given_name,
            person.title,
            person.pronouns,
            primary_contact(person, ContactKind.EMAIL),
            primary_contact(person, ContactKind.PHONE),
            affiliation.organisation.name if affiliation else "",
            affiliation.get_kind_display() if affiliation else "",
            affiliation.function if affiliation else "",
            _topics(person),
            visibility_label(person.visibility),
        ]


def organisation_rows(organisations) -> Iterator[list[str]]:
    for organisation in organisations:
        yield [
            organisation.name,
            organisation.short_name,
            organisation.get_sector_display(),
            organisation.get_legal_form_display() if organisation.legal_form else "",
            organisation.parent.name if organisation.parent else "",
            primary_contact(organisation, ContactKind.WEBSITE),
            primary_contact(organisation, ContactKind.EMAIL),
            primary_contact(organisation, ContactKind.PHONE),
            primary_contact(organisation, ContactKind.ADDRESS),
            _topics(organisation),
            visibility_label(organisation.visibility),
        ]


def csv_response(filename: str, header: list[str], rows: Iterable[list[str]]) -> HttpResponse:
    return spreadsheets.csv_response(filename, [spreadsheets.Sheet(title="", header=header, rows=rows)])


def xlsx_response(filename: str, title: str, header: list[str], rows: Iterable[list[str]]) -> HttpResponse:
    return spreadsheets.xlsx_response(filename, [spreadsheets.Sheet(title=title, header=header, rows=rows)])


COLUMNS_BY_KIND = {"personen": PERSON_COLUMNS, "organisationen": ORGANISATION_COLUMNS}
ROWS_BY_KIND = {"personen": person_rows, "organisationen": organisation_rows}
