"""What every resource of the API shares: ids, levels of visibility, pages, checked input."""

import datetime
from typing import Annotated, Generic, Literal, TypeVar

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict, field_validator

from gemeinwohl.core.visibility import Visibility

# Database keys are 64-bit; larger numbers cannot name anything.
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]

# Levels travel by name, not by their stored number.
VISIBILITY_NAMES = {
    Visibility.PUBLIC: "oeffentlich",
    Visibility.MEMBERS: "mitglieder",
    Visibility.TEAM: "team",
    Visibility.INTERNAL: "verwaltungsintern",
}
VISIBILITY_LEVELS = {name: level for level, name in VISIBILITY_NAMES.items()}
VisibilityName = Literal["oeffentlich", "mitglieder", "team", "verwaltungsintern"]
VISIBILITY_HELP = "Wer es sehen darf: oeffentlich < mitglieder < team < verwaltungsintern."

EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)


def level_of(name: str) -> int:
    return VISIBILITY_LEVELS[name]


def name_of(level: int) -> str:
    return VISIBILITY_NAMES[Visibility(level)]


def _check_text(value):
    """Text a database can store: no NUL characters, valid Unicode."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError(_("Der Text enthält ein Nullzeichen."))
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(_("Der Text enthält ungültige Zeichen.")) from None
    elif isinstance(value, datetime.date):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if not EARLIEST <= day <= LATEST:
            raise ValueError(_("Das Datum liegt außerhalb von 1900 bis 2200."))
    elif isinstance(value, list):
        for item in value:
            _check_text(item)
    return value


SearchText = Annotated[str, Field(max_length=200), AfterValidator(_check_text)]


class InputSchema(Schema):
    """A request body: unknown fields are refused, texts and dates checked before any action sees them."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def storable(cls, value):
        return _check_text(value)


class Ref(Schema):
    """Another resource, by id and name."""

    id: int
    name: str


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=200, description="Einträge je Seite (höchstens 200)")
    offset: int = Field(0, ge=0, le=10**9, description="Wie viele Einträge übersprungen werden")


T = TypeVar("T")


class Page(Schema, Generic[T]):
    """One page of a list: ``count`` is the length of the whole list."""

    count: int
    limit: int
    offset: int
    items: list[T]


def paginate(queryset, page: PageParams, prepare=None) -> dict:
    """One page of ``queryset``; ``prepare`` may add what the rows show (on the page's rows only)."""
    rows = list(queryset[page.offset : page.offset + page.limit])
    if prepare is not None:
        rows = prepare(rows)
    return {"count": queryset.count(), "limit": page.limit, "offset": page.offset, "items": rows}
