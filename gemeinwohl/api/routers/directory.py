"""The address book, for the AKS team: everyone else is refused (403) as on the web.

Reads go through ``directory.selectors`` (each contact, relation and note
scoped by the reader), changes through ``directory.actions``, all or nothing.
"""

from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from gemeinwohl.api.auth import SIGNED_IN, reader_of
from gemeinwohl.api.errors import errors
from gemeinwohl.api.schemas.common import Id, Page, PageParams, SearchText, level_of, paginate
from gemeinwohl.api.schemas.directory import (
    AffiliationIn,
    ContactIn,
    LegalFormName,
    OrganisationDetailOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    PersonDetailOut,
    PersonIn,
    PersonOut,
    PersonPatch,
    SectorName,
)
from gemeinwohl.directory import actions, selectors
from gemeinwohl.directory.inputs import AffiliationInput, ContactInput, OrganisationInput, PersonInput
from gemeinwohl.directory.models import Affiliation, ContactDetail, Organisation, Topic

router = Router(tags=["Adressbuch"], auth=SIGNED_IN)


def _directory_reader(request):
    """The reader, if the address book is theirs (the team); everyone else gets 403, as on the web."""
    reader = reader_of(request)
    if not reader.has_perm("directory.view_directory"):
        raise PermissionDenied
    return reader


def _require(user, perm: str, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


class EntryFilterParams(Schema):
    q: SearchText = Field("", description="Suchwörter (Name, Kontaktangaben, Organisation)")
    sector: SectorName | None = None
    topic: Id | None = Field(None, description="Id eines Themas")
    archived: bool = Field(False, description="Das Archiv statt der aktiven Einträge")
    order: Literal["name", "geaendert"] = "name"


def _filters(params: EntryFilterParams, legal_form: str = "") -> selectors.EntryFilter:
    return selectors.EntryFilter(
        search=params.q,
        sector=params.sector or "",
        topic=params.topic,
        legal_form=legal_form,
        archived=params.archived,
        order=params.order,
    )


def _topics(ids: list[int]) -> list[Topic]:
    found = list(Topic.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"topics": _("Mindestens eines dieser Themen gibt es nicht.")})
    return found


def _keyed(error: ValidationError, prefix: str) -> ValidationError:
    """An error of one row, named after the row: ``contacts.2.value``."""
    if hasattr(error, "error_dict"):
        return ValidationError({f"{prefix}.{field}": messages for field, messages in error.message_dict.items()})
    return ValidationError({prefix: error.messages})


def _contacts(rows: list[ContactIn]) -> list[ContactInput]:
    """The rows as the actions take them; each new or changed row checked like the model checks it."""
    inputs = []
    for number, row in enumerate(rows):
        if not row.delete:
            probe = ContactDetail(
                kind=row.kind, value=row.value, context=row.context, visibility=level_of(row.visibility)
            )
            try:
                probe.clean()
            except ValidationError as error:
                raise _keyed(error, f"contacts.{number}") from None
            row.value = probe.value
        inputs.append(
            ContactInput(
                kind=row.kind,
                value=row.value,
                context=row.context,
                visibility=level_of(row.visibility),
                id=row.id,
                delete=row.delete,
            )
        )
    return inputs


def _affiliations(reader, rows: list[AffiliationIn]) -> list[AffiliationInput]:
    inputs = []
    for number, row in enumerate(rows):
        organisation = Organisation.objects.visible_to(reader).filter(pk=row.organisation).first()
        if organisation is None:
            raise ValidationError({f"affiliations.{number}.organisation": _("Diese Organisation gibt es nicht.")})
        try:
            Affiliation(start_date=row.start_date, end_date=row.end_date).clean()
        except ValidationError as error:
            raise _keyed(error, f"affiliations.{number}") from None
        inputs.append(
            AffiliationInput(
                organisation=organisation,
                kind=row.kind,
                function=row.function,
                start_date=row.start_date,
                end_date=row.end_date,
                visibility=level_of(row.visibility),
                id=row.id,
                delete=row.delete,
            )
        )
    return inputs


def given_or(obj, given: dict, name: str):
    return getattr(obj, name) if given.get(name) is None else given[name]


# --- people ------------------------------------------------------------------------------


@router.get("/persons", response={200: Page[PersonOut], **errors(401, 403, 422)})
def list_persons(request, filters: Query[EntryFilterParams], page: Query[PageParams]):
    """Personen im Adressbuch (AKS-Team), mit Kontakten und heutigen Beziehungen, soweit für Sie sichtbar."""
    reader = _directory_reader(request)
    return paginate(selectors.person_list(fetched_by=reader, filters=_filters(filters)), page)


@router.get("/persons/{id}", response={200: PersonDetailOut, **errors(401, 403, 404, 422)})
def get_person(request, id: Id):
    """Eine Person mit Kontakten, Beziehungen, Notizen und Einwilligungen, soweit für Sie sichtbar."""
    return selectors.person_get(pk=id, fetched_by=_directory_reader(request))


@router.post("/persons", response={201: PersonDetailOut, **errors(400, 401, 403, 413, 422)})
def create_person(request, data: PersonIn):
    """Eine Person mit Kontakten und Beziehungen anlegen, alles oder nichts."""
    reader = _directory_reader(request)
    _require(reader, "directory.add_person")
    person = actions.person_create(
        by=reader,
        data=PersonInput(
            family_name=data.family_name,
            given_name=data.given_name,
            title=data.title,
            pronouns=data.pronouns,
            visibility=level_of(data.visibility),
            topics=_topics(data.topics),
        ),
        contacts=_contacts(data.contacts),
        affiliations=_affiliations(reader, data.affiliations),
    )
    return Status(201, selectors.person_get(pk=person.pk, fetched_by=reader))


@router.patch("/persons/{id}", response={200: PersonDetailOut, **errors(400, 401, 403, 404, 413, 422)})
def update_person(request, id: Id, data: PersonPatch):
    """Eine Person ändern; ``contacts`` und ``affiliations`` nennen nur die Zeilen, die neu sind, sich ändern
    (mit ``id``) oder wegfallen (``delete``). Was Sie nicht sehen, bleibt unberührt."""
    reader = _directory_reader(request)
    person = selectors.person_get(pk=id, fetched_by=reader)
    _require(reader, "directory.change_person", person)
    given = data.model_dump(exclude_unset=True)
    actions.person_update(
        person=person,
        by=reader,
        data=PersonInput(
            family_name=given_or(person, given, "family_name"),
            given_name=given_or(person, given, "given_name"),
            title=given_or(person, given, "title"),
            pronouns=given_or(person, given, "pronouns"),
            visibility=level_of(given["visibility"]) if given.get("visibility") else person.visibility,
            topics=_topics(data.topics) if data.topics is not None else list(person.topics.all()),
        ),
        contacts=_contacts(data.contacts),
        affiliations=_affiliations(reader, data.affiliations),
    )
    return selectors.person_get(pk=id, fetched_by=reader)


# --- organisations ---------------------------------------------------------------------


class OrganisationFilterParams(EntryFilterParams):
    legal_form: LegalFormName | None = None


def _parent(reader, pk: int | None) -> Organisation | None:
    if pk is None:
        return None
    parent = Organisation.objects.visible_to(reader).active().filter(pk=pk).first()
    if parent is None:
        raise ValidationError({"parent": _("Diese Organisation gibt es nicht.")})
    return parent


@router.get("/organisations", response={200: Page[OrganisationOut], **errors(401, 403, 422)})
def list_organisations(request, filters: Query[OrganisationFilterParams], page: Query[PageParams]):
    """Organisationen im Adressbuch (AKS-Team), mit Kontakten, soweit für Sie sichtbar."""
    reader = _directory_reader(request)
    entries = selectors.organisation_list(fetched_by=reader, filters=_filters(filters, filters.legal_form or ""))
    return paginate(entries, page)


@router.get("/organisations/{id}", response={200: OrganisationDetailOut, **errors(401, 403, 404, 422)})
def get_organisation(request, id: Id):
    """Eine Organisation mit Kontakten, Untereinheiten, Personen und Notizen, soweit für Sie sichtbar."""
    return selectors.organisation_get(pk=id, fetched_by=_directory_reader(request))


@router.post("/organisations", response={201: OrganisationDetailOut, **errors(400, 401, 403, 413, 422)})
def create_organisation(request, data: OrganisationIn):
    """Eine Organisation mit Kontakten anlegen, alles oder nichts."""
    reader = _directory_reader(request)
    _require(reader, "directory.add_organisation")
    organisation = actions.organisation_create(
        by=reader,
        data=OrganisationInput(
            name=data.name,
            sector=data.sector,
            short_name=data.short_name,
            legal_form=data.legal_form,
            parent=_parent(reader, data.parent),
            description=data.description,
            visibility=level_of(data.visibility),
            topics=_topics(data.topics),
        ),
        contacts=_contacts(data.contacts),
    )
    return Status(201, selectors.organisation_get(pk=organisation.pk, fetched_by=reader))


@router.patch("/organisations/{id}", response={200: OrganisationDetailOut, **errors(400, 401, 403, 404, 413, 422)})
def update_organisation(request, id: Id, data: OrganisationPatch):
    """Eine Organisation ändern; ``parent: null`` löst sie von der übergeordneten, ``contacts`` nennt nur Änderungen."""
    reader = _directory_reader(request)
    organisation = selectors.organisation_get(pk=id, fetched_by=reader)
    _require(reader, "directory.change_organisation", organisation)
    given = data.model_dump(exclude_unset=True)
    parent = _parent(reader, given["parent"]) if "parent" in given else organisation.visible_parent
    actions.organisation_update(
        organisation=organisation,
        by=reader,
        data=OrganisationInput(
            name=given_or(organisation, given, "name"),
            sector=given_or(organisation, given, "sector"),
            short_name=given_or(organisation, given, "short_name"),
            legal_form=given_or(organisation, given, "legal_form"),
            parent=parent,
            description=given_or(organisation, given, "description"),
            visibility=level_of(given["visibility"]) if given.get("visibility") else organisation.visibility,
            topics=_topics(data.topics) if data.topics is not None else list(organisation.topics.all()),
        ),
        contacts=_contacts(data.contacts),
    )
    return selectors.organisation_get(pk=id, fetched_by=reader)
