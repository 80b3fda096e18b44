"""The address book: people and organisations with their contacts, relations, notes and consents."""

import datetime
from typing import Literal

from ninja import Field, Schema

from gemeinwohl.api.schemas.common import VISIBILITY_HELP, Id, InputSchema, Ref, VisibilityName, name_of
from gemeinwohl.directory.models import (
    AffiliationKind,
    ConsentMethod,
    ConsentPurpose,
    ContactContext,
    ContactKind,
    LegalForm,
    Sector,
)

SectorName = Literal[tuple(Sector.values)]
LegalFormName = Literal[tuple(LegalForm.values)]
ContactKindName = Literal[tuple(ContactKind.values)]
ContactContextName = Literal[tuple(ContactContext.values)]
AffiliationKindName = Literal[tuple(AffiliationKind.values)]


class _Levelled(Schema):
    visibility: VisibilityName = Field(description=VISIBILITY_HELP)

    @staticmethod
    def resolve_visibility(obj):
        return name_of(obj.visibility)


class ContactOut(_Levelled):
    id: int
    kind: ContactKindName
    context: ContactContextName
    value: str


class _Affiliation(_Levelled):
    id: int
    kind: AffiliationKindName
    function: str
    start_date: datetime.date | None
    end_date: datetime.date | None


class AffiliationOut(_Affiliation):
    """A person's relation to an organisation, seen from the person."""

    organisation: Ref

    @staticmethod
    def resolve_organisation(obj):
        return {"id": obj.organisation_id, "name": obj.organisation.name}


class AffiliatedPersonOut(_Affiliation):
    """A person's relation to an organisation, seen from the organisation."""

    person: Ref

    @staticmethod
    def resolve_person(obj):
        return {"id": obj.person_id, "name": obj.person.full_name}


class NoteOut(_Levelled):
    id: int
    text: str
    author: str | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_author(obj):
        return str(obj.author) if obj.author_id else None


class ConsentOut(_Levelled):
    id: int
    purpose: Literal[tuple(ConsentPurpose.values)]
    text_version: str
    granted: bool
    given_on: datetime.date
    method: Literal[tuple(ConsentMethod.values)]
    note: str

    @staticmethod
    def resolve_purpose(obj):
        return obj.consent_text.purpose

    @staticmethod
    def resolve_text_version(obj):
        return obj.consent_text.version


class TopicOut(Schema):
    id: int
    name: str


class _Entry(_Levelled):
    id: int
    topics: list[TopicOut]
    archived_at: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    web_url: str
    contacts: list[ContactOut] = Field(description="Kontaktangaben, soweit für Sie sichtbar.")

    @staticmethod
    def resolve_topics(obj):
        return list(obj.topics.all())

    @staticmethod
    def resolve_contacts(obj):
        return obj.visible_contacts

    @staticmethod
    def resolve_web_url(obj, context):
        return context["request"].build_absolute_uri(obj.get_absolute_url())


class PersonOut(_Entry):
    title: str
    given_name: str
    family_name: str
    full_name: str
    pronouns: str
    affiliations: list[AffiliationOut] = Field(description="Heutige Beziehungen zu Organisationen.")

    @staticmethod
    def resolve_affiliations(obj):
        return obj.current_affiliations


class PersonDetailOut(PersonOut):
    affiliations: list[AffiliationOut] = Field(description="Alle Beziehungen zu Organisationen, auch frühere.")
    notes: list[NoteOut]
    consents: list[ConsentOut]

    @staticmethod
    def resolve_affiliations(obj):
        return obj.visible_affiliations

    @staticmethod
    def resolve_notes(obj):
        return obj.visible_notes

    @staticmethod
    def resolve_consents(obj):
        return obj.visible_consents


class OrganisationOut(_Entry):
    name: str
    short_name: str
    sector: SectorName
    legal_form: LegalFormName | Literal[""]
    parent: Ref | None = Field(description="Übergeordnete Organisation, soweit für Sie sichtbar.")
    description: str

    @staticmethod
    def resolve_parent(obj):
        parent = obj.parent if obj.parent_id else None  # prefetched among the visible ones only
        return {"id": parent.pk, "name": parent.name} if parent else None


class OrganisationDetailOut(OrganisationOut):
    units: list[Ref]
    affiliations: list[AffiliatedPersonOut] = Field(description="Personen, die zu dieser Organisation gehören.")
    notes: list[NoteOut]

    @staticmethod
    def resolve_parent(obj):
        parent = obj.visible_parent
        return {"id": parent.pk, "name": parent.name} if parent else None

    @staticmethod
    def resolve_units(obj):
        return [{"id": unit.pk, "name": unit.name} for unit in obj.visible_units]

    @staticmethod
    def resolve_affiliations(obj):
        return obj.visible_affiliations

    @staticmethod
    def resolve_notes(obj):
        return obj.visible_notes


# --- input ----------------------------------------------------------------------------


class ContactIn(InputSchema):
    """A new contact detail, or (with ``id``) a change to one, or (with ``delete``) its removal."""

    id: Id | None = None
    kind: ContactKindName
    value: str = Field(max_length=300)
    context: ContactContextName = "dienstlich"
    visibility: VisibilityName = "team"
    delete: bool = False


class AffiliationIn(InputSchema):
    """A new relation to an organisation, or (with ``id``) a change to one, or (with ``delete``) its removal."""

    id: Id | None = None
    organisation: Id
    kind: AffiliationKindName = "arbeitet_bei"
    function: str = Field("", max_length=150)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    visibility: VisibilityName = "team"
    delete: bool = False


class PersonIn(InputSchema):
    family_name: str = Field(max_length=100)
    given_name: str = Field("", max_length=100)
    title: str = Field("", max_length=40)
    pronouns: str = Field("", max_length=40)
    visibility: VisibilityName = "team"
    topics: list[Id] = Field([], max_length=100, description="Ids vorhandener Themen")
    contacts: list[ContactIn] = Field([], max_length=100)
    affiliations: list[AffiliationIn] = Field([], max_length=100)


class PersonPatch(InputSchema):
    """Fields left out stay as they are; ``contacts`` and ``affiliations`` list only the rows to add, change or delete."""

    family_name: str | None = Field(None, max_length=100)
    given_name: str | None = Field(None, max_length=100)
    title: str | None = Field(None, max_length=40)
    pronouns: str | None = Field(None, max_length=40)
    visibility: VisibilityName | None = None
    topics: list[Id] | None = Field(None, max_length=100)
    contacts: list[ContactIn] = Field([], max_length=100)
    affiliations: list[AffiliationIn] = Field([], max_length=100)


class OrganisationIn(InputSchema):
    name: str = Field(max_length=200)
    sector: SectorName
    short_name: str = Field("", max_length=60)
    legal_form: LegalFormName | Literal[""] = ""
    parent: Id | None = Field(None, description="Id der übergeordneten Organisation")
    description: str = Field("", max_length=20000)
    visibility: VisibilityName = "team"
    topics: list[Id] = Field([], max_length=100)
    contacts: list[ContactIn] = Field([], max_length=100)


class OrganisationPatch(InputSchema):
    """Fields left out stay as they are; ``parent: null`` removes the parent; ``contacts`` lists changes only."""

    name: str | None = Field(None, max_length=200)
    sector: SectorName | None = None
    short_name: str | None = Field(None, max_length=60)
    legal_form: LegalFormName | Literal[""] | None = None
    parent: Id | None = None
    description: str | None = Field(None, max_length=20000)
    visibility: VisibilityName | None = None
    topics: list[Id] | None = Field(None, max_length=100)
    contacts: list[ContactIn] = Field([], max_length=100)
