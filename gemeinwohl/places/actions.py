"""Every change to places: one function each, one transaction, the permission checked.

A place's areas follow its position: whenever the position is set or moves,
``geo.apply_areas`` recomputes district, Ortsteil, Prognoseraum and
Milieuschutz area in the same transaction. Proposals from the public
(``place_propose``) need no account and stay hidden until the team accepts
them.
"""

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.visibility import Visibility, clearance_for
from gemeinwohl.directory.models import Organisation, Person
from gemeinwohl.places import geo
from gemeinwohl.places.models import (
    ActorRole,
    Assessment,
    Criterion,
    OwnerType,
    Place,
    PlaceActor,
    PlaceKind,
    PlaceUse,
    Rating,
    Review,
    Status,
    StatusChange,
    Use,
)

TEXT_MAX = 10_000


def check_position(latitude, longitude) -> None:
    """Both or neither; numbers; on earth. Raises with a German message at the field."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        field_name = "latitude" if latitude is None else "longitude"
        raise ValidationError({field_name: _("Bitte geben Sie Breiten- und Längengrad an, oder keinen von beiden.")})
    errors = {}
    # Not a number (a text, True/False) cannot be compared; NaN and infinity fail the range test.
    if isinstance(latitude, bool) or not isinstance(latitude, int | float | Decimal):
        errors["latitude"] = _("Der Breitengrad muss eine Zahl sein (Berlin: etwa 52,5).")
    elif not -90 <= latitude <= 90:
        errors["latitude"] = _("Der Breitengrad muss zwischen -90 und 90 liegen (Berlin: etwa 52,5).")
    if isinstance(longitude, bool) or not isinstance(longitude, int | float | Decimal):
        errors["longitude"] = _("Der Längengrad muss eine Zahl sein (Berlin: etwa 13,4).")
    elif not -180 <= longitude <= 180:
        errors["longitude"] = _("Der Längengrad muss zwischen -180 und 180 liegen (Berlin: etwa 13,4).")
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class PlaceInput:
    name: str
    kind: str = PlaceKind.PROJECT
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""
    uses: Sequence[str] = ()
    visibility: int = Visibility.PUBLIC
    owner_type: str = OwnerType.UNKNOWN
    owner_note: str = ""
    owner_visibility: int = Visibility.TEAM
    negotiations: str = ""
    negotiations_visibility: int = Visibility.TEAM


PLACE_FIELDS = [name for name in PlaceInput.__dataclass_fields__ if name != "uses"]


def _check_place(data: PlaceInput, by) -> None:
    errors: dict[str, list[str]] = {}
    if not data.name.strip():
        errors.setdefault("name", []).append(_("Bitte geben Sie einen Namen an."))
    try:
        check_position(data.latitude, data.longitude)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    ceiling = clearance_for(by)
    for name in ("visibility", "owner_visibility", "negotiations_visibility"):
        if getattr(data, name) > ceiling:
            errors.setdefault(name, []).append(_("Diese Sichtbarkeit können Sie nicht wählen."))
    for name in ("owner_visibility", "negotiations_visibility"):
        if getattr(data, name) < data.visibility:
            errors.setdefault(name, []).append(_("Diese Angabe darf nicht offener sein als der Ort selbst."))
    unknown = [use for use in data.uses if use not in Use.values]
    if unknown:
        errors.setdefault("uses", []).append(_("Bitte wählen Sie nur die angebotenen Nutzungen."))
    if len(data.description) > TEXT_MAX or len(data.negotiations) > TEXT_MAX:
        errors.setdefault("description", []).append(
            _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX}
        )
    if errors:
        raise ValidationError(errors)


def _apply(place: Place, data: PlaceInput) -> None:
    for name in PLACE_FIELDS:
        value = getattr(data, name)
        setattr(place, name, value.strip() if isinstance(value, str) else value)


def _set_uses(place: Place, uses: Sequence[str]) -> None:
    wanted = set(uses)
    place.uses.exclude(use__in=wanted).delete()
    have = set(place.uses.values_list("use", flat=True))
    PlaceUse.objects.bulk_create(PlaceUse(place=place, use=use) for use in sorted(wanted - have))


@transaction.atomic
def place_create(
    *, data: PlaceInput, by, status: str = Status.IDEA, status_since: datetime.date | None = None
) -> Place:
    """A new place, its areas computed from its position and its first status recorded."""
    require_perm(by, "places.add_place")
    _check_place(data, by)
    if status not in Status.values:
        raise ValidationError({"status": _("Bitte wählen Sie einen der angebotenen Stände.")})
    place = Place(created_by=by, status=status, status_since=status_since or timezone.localdate())
    _apply(place, data)
    geo.apply_areas(place)
    place.areas_computed_at = timezone.now()
    place.full_clean()
    place.save()
    _set_uses(place, data.uses)
    StatusChange.objects.create(place=place, status=place.status, on_date=place.status_since, by=by)
    return place


@transaction.atomic
def place_update(*, place: Place, data: PlaceInput, by) -> Place:
    """Change a place; a new position brings new areas."""
    require_perm(by, "places.change_place", place)
    _check_place(data, by)
    moved = (place.latitude, place.longitude) != (data.latitude, data.longitude)
    _apply(place, data)
    if moved:
        geo.apply_areas(place)
        place.areas_computed_at = timezone.now()
    place.full_clean()
    place.save()
    _set_uses(place, data.uses)
    return place


@transaction.atomic
def place_change_status(
    *, place: Place, status: str, on_date: datetime.date | None, note: str = "", by
) -> StatusChange:
    """Record a new status with its date and a note; the latest by date is the place's status."""
    require_perm(by, "places.change_place", place)
    errors = {}
    if status not in Status.values:
        errors["status"] = _("Bitte wählen Sie einen der angebotenen Stände.")
    if on_date is None:
        errors["on_date"] = _("Bitte geben Sie an, seit wann der Stand gilt.")
    elif on_date > timezone.localdate():
        errors["on_date"] = _("Das Datum darf nicht in der Zukunft liegen.")
    if len(note) > TEXT_MAX:
        errors["note"] = _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    change = StatusChange.objects.create(place=place, status=status, on_date=on_date, note=note.strip(), by=by)
    latest = place.status_changes.order_by("-on_date", "-pk").first()
    place.status, place.status_since = latest.status, latest.on_date
    place.save(update_fields=["status", "status_since", "updated_at"])
    return change


@dataclass(frozen=True)
class ActorInput:
    role: str
    organisation: Organisation | None = None
    person: Person | None = None


@transaction.atomic
def place_set_actors(*, place: Place, actors: Sequence[ActorInput], by) -> None:
    """The actors involved, as given (replacing those ``by`` may see); only address-book entries ``by`` may see."""
    require_perm(by, "places.change_place", place)
    for actor in actors:
        if actor.role not in ActorRole.values or (actor.organisation is None) == (actor.person is None):
            raise ValidationError({"actors": _("Jede Zeile braucht eine Rolle und genau einen Eintrag.")})
        entry = actor.organisation or actor.person
        if not type(entry).objects.visible_to(by).filter(pk=entry.pk).exists():
            raise ValidationError({"actors": _("Einen der gewählten Einträge gibt es im Adressbuch nicht.")})
    # Entries hidden from ``by`` were not on their form: they stay as they are.
    place.actors.filter(
        Q(organisation__in=Organisation.objects.visible_to(by)) | Q(person__in=Person.objects.visible_to(by))
    ).delete()
    PlaceActor.objects.bulk_create(
        PlaceActor(place=place, role=actor.role, organisation=actor.organisation, person=actor.person)
        for actor in actors
    )


@transaction.atomic
def place_assess(*, place: Place, ratings: dict[int, tuple[str, str]], by) -> None:
    """Rate the place against the criteria: ``{criterion id: (rating or "", note)}``; "" removes a rating."""
    require_perm(by, "places.change_place", place)
    criteria = {criterion.pk: criterion for criterion in Criterion.objects.filter(pk__in=ratings)}
    for criterion_id, (rating, note) in ratings.items():
        if criterion_id not in criteria or (rating and rating not in Rating.values):
            raise ValidationError({"ratings": _("Bitte wählen Sie für jedes Kriterium eine der Bewertungen.")})
        if len(note) > 500:
            raise ValidationError({"ratings": _("Eine Anmerkung ist zu lang (höchstens 500 Zeichen).")})
    for criterion_id, (rating, note) in ratings.items():
        if rating:
            Assessment.objects.update_or_create(
                place=place, criterion=criteria[criterion_id], defaults={"rating": rating, "note": note.strip()}
            )
        else:
            Assessment.objects.filter(place=place, criterion_id=criterion_id).delete()


# --- proposals from the public -----------------------------------------------------------------


@dataclass(frozen=True)
class ProposalInput:
    name: str
    proposer_name: str
    proposer_email: str
    consent: bool
    kind: str = PlaceKind.PROJECT
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None
    description: str = ""
    uses: Sequence[str] = field(default_factory=tuple)


@transaction.atomic
def place_propose(*, data: ProposalInput, now: datetime.datetime | None = None) -> Place:
    """A place proposed by anyone: stored for review, shown to nobody but the team until accepted."""
    errors: dict[str, str] = {}
    if not data.consent:
        errors["consent"] = _("Ohne Ihre Einwilligung können wir den Vorschlag nicht speichern.")
    if not data.name.strip():
        errors["name"] = _("Bitte geben Sie einen Namen an.")
    if not data.proposer_name.strip():
        errors["proposer_name"] = _("Bitte geben Sie Ihren Namen an.")
    try:
        validate_email(data.proposer_email.strip())
    except ValidationError:
        errors["proposer_email"] = _("Bitte geben Sie eine gültige E-Mail-Adresse an, etwa name@beispiel.de.")
    if data.kind not in PlaceKind.values:
        errors["kind"] = _("Bitte wählen Sie eine der angebotenen Arten.")
    if any(use not in Use.values for use in data.uses):
        errors["uses"] = _("Bitte wählen Sie nur die angebotenen Nutzungen.")
    if len(data.description) > TEXT_MAX:
        errors["description"] = _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX}
    try:
        check_position(data.latitude, data.longitude)
    except ValidationError as error:
        errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    place = Place(
        name=data.name.strip(),
        kind=data.kind,
        address=data.address.strip(),
        latitude=data.latitude,
        longitude=data.longitude,
        description=data.description.strip(),
        visibility=Visibility.PUBLIC,
        review=Review.PROPOSED,
        proposer_name=data.proposer_name.strip(),
        proposer_email=data.proposer_email.strip().lower(),
        proposal_consent_at=now,
        status_since=timezone.localdate(now),
    )
    geo.apply_areas(place)
    place.areas_computed_at = now
    place.full_clean()
    place.save()
    _set_uses(place, data.uses)
    StatusChange.objects.create(place=place, status=place.status, on_date=place.status_since)
    return place


@transaction.atomic
def proposal_review(*, place: Place, accept: bool, by) -> Place:
    """Accept a proposal (it appears wherever its level allows) or reject it (it stays hidden)."""
    require_perm(by, "places.review_place", place)
    if place.review != Review.PROPOSED:
        raise ValidationError(_("Dieser Vorschlag ist schon geprüft."))
    place.review = Review.ACCEPTED if accept else Review.REJECTED
    place.save(update_fields=["review", "updated_at"])
    return place


# --- areas -------------------------------------------------------------------------------------


@transaction.atomic
def areas_recompute(*, places=None, batch_size: int = 1000) -> int:
    """Recompute the areas of ``places`` (all by default) from their positions; returns how many changed.

    ``places`` may be a queryset of any model that lies in areas the way places
    do (the same position and area fields), such as land-policy properties.

    Reads only positions and current areas, looks every position up at once
    (``geo.areas_at_many``), writes the areas only of places whose areas
    changed (grouped by their new areas), and stamps ``areas_computed_at`` on
    all of them. The rows stay
    locked until the end, so a place moved meanwhile keeps the areas its move
    computed.
    """
    queryset = places if places is not None else Place.objects.all()
    model = queryset.model
    rows = list(
        queryset.select_for_update(of=("self",))
        .order_by("pk")
        .values_list(
            "pk",
            "latitude",
            "longitude",
            "district_id",
            "ortsteil_id",
            "prognoseraum_id",
            "milieuschutz_id",
            "outside_berlin",
        )
    )
    positioned = [row for row in rows if row[1] is not None and row[2] is not None]
    matches = geo.areas_at_many(
        latitudes=[row[1] for row in positioned], longitudes=[row[2] for row in positioned], index=geo.current_index()
    )
    match_of = {row[0]: match for row, match in zip(positioned, matches, strict=True)}

    def pk_of(area):
        return area.pk if area is not None else None

    # The places whose areas changed, by their new areas: one UPDATE per combination of areas (a few hundred at
    # most in all of Berlin, however many places), far cheaper than one CASE per row (``bulk_update``).
    changed: dict[tuple, list[int]] = defaultdict(list)
    for pk, _latitude, _longitude, *before in rows:
        match = match_of.get(pk, geo.AreaMatch())
        after = (
            pk_of(match.district),
            pk_of(match.ortsteil),
            pk_of(match.prognoseraum),
            pk_of(match.milieuschutz),
            pk in match_of and not match.in_berlin,
        )
        if tuple(before) != after:
            changed[after].append(pk)
    for (district, ortsteil, prognoseraum, milieuschutz, outside_berlin), pks in changed.items():
        for start in range(0, len(pks), batch_size):
            model.objects.filter(pk__in=pks[start : start + batch_size]).update(
                district_id=district,
                ortsteil_id=ortsteil,
                prognoseraum_id=prognoseraum,
                milieuschutz_id=milieuschutz,
                outside_berlin=outside_berlin,
            )
    now = timezone.now()
    pks = [row[0] for row in rows]
    for start in range(0, len(pks), batch_size):
        model.objects.filter(pk__in=pks[start : start + batch_size]).update(areas_computed_at=now)
    return sum(len(pks) for pks in changed.values())
