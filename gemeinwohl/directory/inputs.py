"""What the address-book actions take: plain data, checked by the actions themselves."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import AffiliationKind, ContactContext, Organisation, Topic


@dataclass
class ContactInput:
    kind: str
    value: str
    context: str = ContactContext.WORK
    visibility: int = Visibility.TEAM
    id: int | None = None
    delete: bool = False


@dataclass
class AffiliationInput:
    organisation: Organisation
    kind: str = AffiliationKind.WORKS_AT
    function: str = ""
    start_date: date | None = None
    end_date: date | None = None
    visibility: int = Visibility.TEAM
    id: int | None = None
    delete: bool = False


@dataclass
class PersonInput:
    family_name: str
    given_name: str = ""
    title: str = ""
    pronouns: str = ""
    visibility: int = Visibility.TEAM
    topics: Sequence[Topic] = field(default_factory=list)


@dataclass
class OrganisationInput:
    name: str
    sector: str
    short_name: str = ""
    legal_form: str = ""
    parent: Organisation | None = None
    description: str = ""
    visibility: int = Visibility.TEAM
    topics: Sequence[Topic] = field(default_factory=list)
