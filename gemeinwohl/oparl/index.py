"""Keeps the OParl index (``oparl.Entry``) in step with the committees and the address book.

``refresh_*`` recompute the rows for everything a change can touch: a
meeting's agenda, documents and decisions; a committee's whole content; a
person's memberships. Signals (``oparl.signals``) call them after every
save; ``reindex`` rebuilds everything (``manage.py oparl_reindex``).
"""

import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from gemeinwohl.committees.models import Membership
from gemeinwohl.oparl.kinds import KINDS, Kind
from gemeinwohl.oparl.models import Entry

_state = threading.local()


@contextmanager
def paused():
    """Skip index updates inside the block (bulk loads); call ``reindex`` afterwards."""
    previous = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def is_paused() -> bool:
    return getattr(_state, "paused", False)


def _rows(kind: Kind, scope: Q) -> list[tuple]:
    parent_fields = [name for _, name in kind.parents]
    return list(
        kind.model.objects.filter(scope)
        .annotate(
            _public=Case(When(kind.public(), then=Value(True)), default=Value(False)),
            _modified=kind.modified(),
        )
        .order_by()
        .values_list("pk", kind.created, "_public", "_modified", *parent_fields)
    )


def refresh(kind: Kind, scope: Q) -> None:
    """Bring the index rows of ``kind`` for the objects in ``scope`` up to date."""
    now = timezone.now()
    rows = _rows(kind, scope)
    existing = {}
    ids = [row[0] for row in rows]
    for chunk in (ids[start : start + 500] for start in range(0, len(ids), 500)):
        existing.update((entry.object_id, entry) for entry in Entry.objects.filter(kind=kind.name, object_id__in=chunk))
    new, changed, flipped = [], [], []
    for pk, created, public, modified, *parents in rows:
        entry = existing.get(pk)
        if entry is None:
            if public:
                new.append(Entry(kind=kind.name, object_id=pk, public=True, created=created, modified=modified))
                flipped.append(parents)
            continue
        if entry.public != public:
            entry.public = public
            entry.modified = max(modified, now)
            changed.append(entry)
            flipped.append(parents)
        elif public and entry.modified < modified:
            entry.modified = modified
            changed.append(entry)
    Entry.objects.bulk_create(new)
    Entry.objects.bulk_update(changed, ["public", "modified"])
    _touch_parents(kind, flipped, now)


def _touch_parents(kind: Kind, flipped: list, now) -> None:
    """An embedded object appeared or disappeared: its parents changed now."""
    for index, (parent_kind, _) in enumerate(kind.parents):
        ids = {parents[index] for parents in flipped if parents[index] is not None}
        if ids:
            Entry.objects.filter(kind=parent_kind, object_id__in=ids, modified__lt=now).update(modified=now)


def withdraw(kind: Kind, instance) -> None:
    """An object was deleted from the database: OParl reports it as deleted from now on."""
    now = timezone.now()
    if Entry.objects.filter(kind=kind.name, object_id=instance.pk, public=True).update(public=False, modified=now):
        _touch_parents(kind, [[getattr(instance, name) for _, name in kind.parents]], now)


@transaction.atomic
def refresh_meeting(meeting_id: int) -> None:
    """A meeting or something in it changed: the meeting, its location, agenda, files, papers."""
    refresh(KINDS["meeting"], Q(pk=meeting_id))
    refresh(KINDS["location"], Q(pk=meeting_id))
    refresh(KINDS["agendaItem"], Q(meeting=meeting_id))
    refresh(KINDS["file"], Q(meeting=meeting_id))
    refresh(KINDS["paper"], Q(agenda_item__meeting=meeting_id))
    refresh(KINDS["consultation"], Q(agenda_item__meeting=meeting_id))


@transaction.atomic
def refresh_committee(committee_id: int) -> None:
    """A committee changed: everything in it may have become public or private."""
    refresh(KINDS["organization"], Q(pk=committee_id))
    refresh(KINDS["meeting"], Q(committee=committee_id))
    refresh(KINDS["location"], Q(committee=committee_id))
    refresh(KINDS["agendaItem"], Q(meeting__committee=committee_id))
    refresh(KINDS["file"], Q(meeting__committee=committee_id))
    refresh(KINDS["paper"], Q(agenda_item__meeting__committee=committee_id))
    refresh(KINDS["consultation"], Q(agenda_item__meeting__committee=committee_id))
    refresh(KINDS["membership"], Q(committee=committee_id))
    refresh(KINDS["person"], Q(pk__in=Membership.objects.filter(committee=committee_id).values("person")))


@transaction.atomic
def refresh_person(person_id: int) -> None:
    """A person, their consent or their memberships changed."""
    refresh(KINDS["membership"], Q(person=person_id))
    refresh(KINDS["person"], Q(pk=person_id))
    refresh(KINDS["organization"], Q(pk__in=Membership.objects.filter(person=person_id).values("committee")))


@transaction.atomic
def refresh_legislative_term(term_id: int) -> None:
    refresh(KINDS["legislativeTerm"], Q(pk=term_id))


@transaction.atomic
def reindex() -> int:
    """Rebuild the whole index; returns the number of published objects."""
    for kind in KINDS.values():
        refresh(kind, Q())
    # Rows whose objects are gone from the database count as deleted.
    now = timezone.now()
    for kind in KINDS.values():
        Entry.objects.filter(kind=kind.name, public=True).exclude(object_id__in=kind.model.objects.values("pk")).update(
            public=False, modified=now
        )
    return Entry.objects.filter(public=True).count()
