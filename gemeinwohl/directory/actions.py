"""Every change to the address book goes through one of these functions.

Each runs in one transaction, checks the permission of ``by`` first and
validates every row it writes, so a failure leaves nothing half saved.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.visibility import Visibility, check_not_looser, clearance_for
from gemeinwohl.directory import imports
from gemeinwohl.directory.inputs import AffiliationInput, ContactInput, OrganisationInput, PersonInput
from gemeinwohl.directory.models import (
    Affiliation,
    ConsentRecord,
    ConsentText,
    ContactDetail,
    Note,
    Organisation,
    Person,
    Topic,
)


def _check_level(*, by, level: int, floor: int = Visibility.PUBLIC) -> None:
    """Nobody files content above what they may read, nor looser than its container."""
    if level > clearance_for(by):
        raise ValidationError({"visibility": _("Diese Sichtbarkeit können Sie nicht vergeben.")})
    check_not_looser(level=level, floor=floor)


def _touch(entry) -> None:
    """Mark an entry changed when something hanging off it changed."""
    entry.save(update_fields=["updated_at"])


def _sync_contacts(*, owner, items: Iterable[ContactInput], by) -> None:
    owner_field = "person" if isinstance(owner, Person) else "organisation"
    existing = {c.pk: c for c in ContactDetail.objects.visible_to(by).filter(**{owner_field: owner})}
    for item in items:
        contact = existing.get(item.id) if item.id else ContactDetail(**{owner_field: owner})
        if contact is None:
            raise ValidationError(_("Eine Kontaktangabe gehört nicht zu diesem Eintrag."))
        if item.delete:
            if contact.pk:
                contact.delete()
            continue
        _check_level(by=by, level=item.visibility, floor=owner.visibility)
        contact.kind, contact.value, contact.context, contact.visibility = (
            item.kind,
            item.value,
            item.context,
            item.visibility,
        )
        contact.full_clean()
        contact.save()


def _sync_affiliations(*, person: Person, items: Iterable[AffiliationInput], by) -> None:
    existing = {a.pk: a for a in Affiliation.objects.visible_to(by).filter(person=person)}
    for item in items:
        affiliation = existing.get(item.id) if item.id else Affiliation(person=person)
        if affiliation is None:
            raise ValidationError(_("Eine Beziehung gehört nicht zu dieser Person."))
        if item.delete:
            if affiliation.pk:
                affiliation.delete()
            continue
        if item.organisation.visibility > clearance_for(by):
            raise ValidationError(_("Diese Organisation gibt es nicht."))
        _check_level(by=by, level=item.visibility, floor=max(person.visibility, item.organisation.visibility))
        affiliation.organisation = item.organisation
        affiliation.kind, affiliation.function = item.kind, item.function
        affiliation.start_date, affiliation.end_date = item.start_date, item.end_date
        affiliation.visibility = item.visibility
        affiliation.full_clean()
        affiliation.save()


def _raise_children(entry) -> None:
    """After an entry became stricter, nothing hanging off it may stay looser."""
    level = entry.visibility
    for related in ("contacts", "notes", "affiliations"):
        getattr(entry, related).filter(visibility__lt=level).update(visibility=level, updated_at=timezone.now())
    if isinstance(entry, Person):
        entry.consents.filter(visibility__lt=level).update(visibility=level, updated_at=timezone.now())


def _apply_person(person: Person, data: PersonInput) -> None:
    person.family_name = data.family_name.strip()
    person.given_name = data.given_name.strip()
    person.title = data.title.strip()
    person.pronouns = data.pronouns.strip()
    person.visibility = data.visibility


@transaction.atomic
def person_create(
    *, by, data: PersonInput, contacts: Iterable[ContactInput] = (), affiliations: Iterable[AffiliationInput] = ()
) -> Person:
    """Add a person with their contacts and affiliations, all or nothing."""
    require_perm(by, "directory.add_person")
    _check_level(by=by, level=data.visibility)
    person = Person(created_by=by)
    _apply_person(person, data)
    person.full_clean()
    person.save()
    person.topics.set(data.topics)
    _sync_contacts(owner=person, items=contacts, by=by)
    _sync_affiliations(person=person, items=affiliations, by=by)
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    by,
    data: PersonInput,
    contacts: Iterable[ContactInput] = (),
    affiliations: Iterable[AffiliationInput] = (),
) -> Person:
    """Change a person, their contacts and affiliations, all or nothing.

    Only contacts and affiliations ``by`` can see are touched; hidden ones stay as they are.
    """
    require_perm(by, "directory.change_person", person)
    _check_level(by=by, level=data.visibility)
    _apply_person(person, data)
    person.full_clean()
    person.save()
    person.topics.set(data.topics)
    _raise_children(person)
    _sync_contacts(owner=person, items=contacts, by=by)
    _sync_affiliations(person=person, items=affiliations, by=by)
    return person


def _apply_organisation(organisation: Organisation, data: OrganisationInput, by) -> None:
    hidden_parent = (
        organisation.parent if organisation.parent_id and organisation.parent.visibility > clearance_for(by) else None
    )
    if data.parent is None and hidden_parent is not None:
        # The editor could not see, so could not have meant to remove, a parent hidden from them.
        data.parent = hidden_parent
    elif data.parent is not None:
        if data.parent.visibility > clearance_for(by):
            raise ValidationError({"parent": _("Diese Organisation gibt es nicht.")})
        ancestor = data.parent
        while ancestor is not None:
            if organisation.pk and ancestor.pk == organisation.pk:
                raise ValidationError({"parent": _("Eine Organisation kann nicht Teil von sich selbst sein.")})
            ancestor = ancestor.parent
    organisation.name = data.name.strip()
    organisation.short_name = data.short_name.strip()
    organisation.sector = data.sector
    organisation.legal_form = data.legal_form
    organisation.parent = data.parent
    organisation.description = data.description.strip()
    organisation.visibility = data.visibility


@transaction.atomic
def organisation_create(*, by, data: OrganisationInput, contacts: Iterable[ContactInput] = ()) -> Organisation:
    """Add an organisation with its contacts, all or nothing."""
    require_perm(by, "directory.add_organisation")
    _check_level(by=by, level=data.visibility)
    organisation = Organisation(created_by=by)
    _apply_organisation(organisation, data, by)
    organisation.full_clean()
    organisation.save()
    organisation.topics.set(data.topics)
    _sync_contacts(owner=organisation, items=contacts, by=by)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by, data: OrganisationInput, contacts: Iterable[ContactInput] = ()
) -> Organisation:
    """Change an organisation and its contacts, all or nothing."""
    require_perm(by, "directory.change_organisation", organisation)
    _check_level(by=by, level=data.visibility)
    _apply_organisation(organisation, data, by)
    organisation.full_clean()
    organisation.save()
    organisation.topics.set(data.topics)
    _raise_children(organisation)
    Affiliation.objects.filter(organisation=organisation, visibility__lt=organisation.visibility).update(
        visibility=organisation.visibility, updated_at=timezone.now()
    )
    _sync_contacts(owner=organisation, items=contacts, by=by)
    return organisation


@transaction.atomic
def entry_archive(*, entry: Person | Organisation, by) -> None:
    """Move an entry to the archive: out of lists and pickers, kept with all its data."""
    require_perm(by, f"directory.archive_{entry.kind}", entry)
    entry.archived_at = timezone.now()
    entry.save(update_fields=["archived_at", "updated_at"])


@transaction.atomic
def entry_restore(*, entry: Person | Organisation, by) -> None:
    """Bring an archived entry back."""
    require_perm(by, f"directory.restore_{entry.kind}", entry)
    entry.archived_at = None
    entry.save(update_fields=["archived_at", "updated_at"])


@transaction.atomic
def note_add(*, entry: Person | Organisation, text: str, visibility: int, by) -> Note:
    """Add a note to a person or organisation, at most as open as the entry."""
    require_perm(by, "directory.add_note", entry)
    _check_level(by=by, level=visibility, floor=entry.visibility)
    note = Note(text=text.strip(), visibility=visibility, author=by, **{entry.kind: entry})
    note.full_clean()
    note.save()
    _touch(entry)
    return note


@transaction.atomic
def consent_record(
    *,
    person: Person,
    consent_text: ConsentText,
    granted: bool,
    given_on: date,
    method: str,
    by,
    note: str = "",
    visibility: int = Visibility.TEAM,
) -> ConsentRecord:
    """Record that ``person`` gave or withdrew consent to one version of a text."""
    require_perm(by, "directory.add_consentrecord", person)
    _check_level(by=by, level=visibility, floor=person.visibility)
    record = ConsentRecord(
        person=person,
        consent_text=consent_text,
        granted=granted,
        given_on=given_on,
        method=method,
        note=note.strip(),
        visibility=visibility,
        recorded_by=by,
    )
    record.full_clean()
    record.save()
    _touch(person)
    return record


@transaction.atomic
def topic_get_or_create(*, name: str) -> Topic:
    """The topic of that name, created if new (topics are a shared, open vocabulary)."""
    name = " ".join(name.split())
    topic = Topic.objects.filter(name__iexact=name).first()
    if topic is None:
        topic = Topic(name=name)
        topic.full_clean()
        topic.save()
    return topic


@dataclass
class ImportResult:
    kind: str
    rows: int
    errors: list[imports.RowError]
    created: list
    new_topics: list[str]
    dry_run: bool

    @property
    def ok(self) -> bool:
        return not self.errors


def directory_import(*, kind: str, data: bytes, by, dry_run: bool = False) -> ImportResult:
    """Import people or organisations from CSV: every row or none.

    A file with any bad row imports nothing and reports every bad row with its
    line number. Raises ``imports.ImportRefused`` for a file that cannot be
    read at all.
    """
    require_perm(by, "directory.import_entries")
    parsed = imports.parse(data, kind=kind, by=by)
    known_topics = {topic.name.lower(): topic for topic in Topic.objects.all()}
    # A new topic written in several ways is made once, spelt as where it first appears.
    first_spelling = {}
    for row in sorted(parsed.rows, key=lambda row: row.line):
        for name in row.topic_names:
            if name.lower() not in known_topics:
                first_spelling.setdefault(name.lower(), name)
    new_topics = sorted(first_spelling.values(), key=str.lower)
    result = ImportResult(kind, len(parsed.rows), parsed.errors, [], new_topics, dry_run)
    if parsed.errors or dry_run:
        return result
    with transaction.atomic():
        for name in new_topics:
            known_topics.setdefault(name.lower(), topic_get_or_create(name=name))
        created_by_name = {}
        for row in parsed.rows:
            row.entry.topics = [known_topics[name.lower()] for name in row.topic_names]
            if kind == "personen":
                entry = person_create(
                    by=by,
                    data=row.entry,
                    contacts=row.contacts,
                    affiliations=[row.affiliation] if row.affiliation else [],
                )
            else:
                if row.entry.parent is None and row.parent_name:
                    row.entry.parent = created_by_name[row.parent_name.lower()]
                entry = organisation_create(by=by, data=row.entry, contacts=row.contacts)
                created_by_name[entry.name.lower()] = entry
            result.created.append(entry)
    return result


@transaction.atomic
def person_link_account(*, person: Person, account, by) -> Person:
    """Tie an address-book entry to the platform account of the same person."""
    require_perm(by, "directory.change_person", person)
    if Person.objects.filter(account=account).exclude(pk=person.pk).exists():
        raise ValidationError({"account": _("Dieses Konto gehört schon zu einem anderen Eintrag.")})
    person.account = account
    person.save(update_fields=["account", "updated_at"])
    return person
