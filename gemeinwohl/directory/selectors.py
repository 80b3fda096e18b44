"""Reads of the address book, each scoped by the reader.

Every function takes the reader as ``fetched_by`` and returns only what that
reader may see, down to each contact detail, affiliation and note; list
querysets come with everything their rows show prefetched, so a page costs
the same number of queries whatever its length.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.core.periods import current_q
from gemeinwohl.directory.models import (
    Affiliation,
    ConsentPurpose,
    ConsentRecord,
    ContactDetail,
    ContactKind,
    Note,
    Organisation,
    Person,
    Topic,
)


def consenting_people():
    """Ids of the people whose latest word on being named publicly (with name and organisation) is yes."""
    latest = (
        ConsentRecord.objects.filter(person=OuterRef("pk"), consent_text__purpose=ConsentPurpose.PUBLIC_LISTING)
        .order_by("-given_on", "-pk")
        .values("granted")[:1]
    )
    return Person.objects.annotate(_consents=Subquery(latest)).filter(_consents=True).values("pk")


@dataclass(frozen=True)
class EntryFilter:
    """What a list of people or organisations is narrowed to."""

    search: str = ""
    sector: str = ""
    topic: int | None = None
    legal_form: str = ""
    archived: bool = False
    order: str = "name"


ORDERINGS = {
    "name": {"person": ["family_name", "given_name", "pk"], "organisation": ["name", "pk"]},
    "geaendert": {"person": ["-updated_at", "pk"], "organisation": ["-updated_at", "pk"]},
}


def visible_contacts(user):
    return ContactDetail.objects.visible_to(user)


def visible_affiliations(user):
    return Affiliation.objects.visible_to(user).select_related("organisation")


def person_list(*, fetched_by, filters: EntryFilter = EntryFilter()):
    """People ``fetched_by`` may see, narrowed by ``filters``, with their visible
    contacts, current visible affiliations and topics prefetched."""
    today = timezone.localdate()
    people = Person.objects.visible_to(fetched_by)
    people = people.archived() if filters.archived else people.active()
    contacts = visible_contacts(fetched_by)
    affiliations = visible_affiliations(fetched_by).filter(current_q(today))
    # Every word must match somewhere the reader can see: a hidden e-mail must not find its person.
    for word in filters.search.split()[:5]:
        people = people.filter(
            Q(family_name__icontains=word)
            | Q(given_name__icontains=word)
            | Exists(contacts.filter(person=OuterRef("pk"), value__icontains=word))
            | Exists(
                affiliations.filter(person=OuterRef("pk")).filter(
                    Q(organisation__name__icontains=word)
                    | Q(organisation__short_name__icontains=word)
                    | Q(function__icontains=word)
                )
            )
        )
    if filters.sector:
        people = people.filter(Exists(affiliations.filter(person=OuterRef("pk"), organisation__sector=filters.sector)))
    if filters.topic:
        people = people.filter(topics=filters.topic)
    return people.order_by(*ORDERINGS.get(filters.order, ORDERINGS["name"])["person"]).prefetch_related(
        Prefetch("contacts", queryset=contacts.order_by("kind", "pk"), to_attr="visible_contacts"),
        Prefetch("affiliations", queryset=affiliations.order_by("organisation__name"), to_attr="current_affiliations"),
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
    )


def organisation_list(*, fetched_by, filters: EntryFilter = EntryFilter()):
    """Organisations ``fetched_by`` may see, narrowed by ``filters``, with their
    visible contacts, parent and topics prefetched."""
    organisations = Organisation.objects.visible_to(fetched_by)
    organisations = organisations.archived() if filters.archived else organisations.active()
    contacts = visible_contacts(fetched_by)
    for word in filters.search.split()[:5]:
        organisations = organisations.filter(
            Q(name__icontains=word)
            | Q(short_name__icontains=word)
            | Exists(contacts.filter(organisation=OuterRef("pk"), value__icontains=word))
        )
    if filters.sector:
        organisations = organisations.filter(sector=filters.sector)
    if filters.legal_form:
        organisations = organisations.filter(legal_form=filters.legal_form)
    if filters.topic:
        organisations = organisations.filter(topics=filters.topic)
    visible_parents = Organisation.objects.visible_to(fetched_by)
    return organisations.order_by(*ORDERINGS.get(filters.order, ORDERINGS["name"])["organisation"]).prefetch_related(
        Prefetch("contacts", queryset=contacts.order_by("kind", "pk"), to_attr="visible_contacts"),
        Prefetch("topics", queryset=Topic.objects.order_by("name")),
        Prefetch("parent", queryset=visible_parents),
    )


def person_get(*, pk, fetched_by) -> Person:
    """One person with everything ``fetched_by`` may see of them, or 404."""
    person = get_visible_or_404(Person.objects.select_related("account", "created_by"), fetched_by, pk=pk)
    person.visible_contacts = list(visible_contacts(fetched_by).filter(person=person))
    person.visible_affiliations = list(visible_affiliations(fetched_by).filter(person=person))
    person.visible_notes = list(Note.objects.visible_to(fetched_by).filter(person=person).select_related("author"))
    person.visible_consents = list(
        ConsentRecord.objects.visible_to(fetched_by).filter(person=person).select_related("consent_text", "recorded_by")
    )
    return person


def organisation_get(*, pk, fetched_by) -> Organisation:
    """One organisation with everything ``fetched_by`` may see of it, or 404."""
    organisation = get_visible_or_404(Organisation.objects.select_related("created_by"), fetched_by, pk=pk)
    organisation.visible_parent = (
        Organisation.objects.visible_to(fetched_by).filter(pk=organisation.parent_id).first()
        if organisation.parent_id
        else None
    )
    organisation.visible_units = list(Organisation.objects.visible_to(fetched_by).active().filter(parent=organisation))
    organisation.visible_contacts = list(visible_contacts(fetched_by).filter(organisation=organisation))
    organisation.visible_affiliations = list(
        visible_affiliations(fetched_by)
        .select_related("person")
        .filter(organisation=organisation, person__archived_at__isnull=True)
        .order_by("-end_date", "person__family_name", "person__given_name")
    )
    organisation.visible_notes = list(
        Note.objects.visible_to(fetched_by).filter(organisation=organisation).select_related("author")
    )
    return organisation


def recently_changed(*, fetched_by, limit: int = 8) -> list:
    """The address-book entries changed last, people and organisations mixed, newest first."""
    people = list(Person.objects.visible_to(fetched_by).active().order_by("-updated_at")[:limit])
    organisations = list(Organisation.objects.visible_to(fetched_by).active().order_by("-updated_at")[:limit])
    return sorted(people + organisations, key=lambda entry: entry.updated_at, reverse=True)[:limit]


def primary_contact(entry, kind: str) -> str:
    """The first visible contact of ``kind`` among an entry's prefetched ``visible_contacts``."""
    kinds = (ContactKind.PHONE, ContactKind.MOBILE) if kind == ContactKind.PHONE else (kind,)
    return next((c.value for c in entry.visible_contacts if c.kind in kinds), "")


def organisation_choices(*, fetched_by) -> list[tuple[int, str]]:
    """(id, name) of the active organisations ``fetched_by`` may see, for pickers."""
    return list(Organisation.objects.visible_to(fetched_by).active().order_by("name", "pk").values_list("pk", "name"))
