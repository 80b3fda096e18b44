"""Concept tenders (Konzeptverfahren): the tender, its criteria catalogue, bids, jury and scores.

Each function checks its permission first and changes nothing when it raises.
Criteria change only until the first score: ``bid_score`` and
``tender_set_criteria`` both lock the tender's row, so a change of the
catalogue can never slip in beside the first score. Every change of the
catalogue is kept in ``CriteriaChange``.
"""

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.visibility import Visibility, clearance_for
from gemeinwohl.directory.models import Organisation, Person
from gemeinwohl.landpolicy.models import (
    Bid,
    CriteriaChange,
    Juror,
    Property,
    Score,
    Tender,
    TenderCriterion,
    TenderStatus,
)

TEXT_MAX = 10_000
NOTE_MAX = 1000
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TenderInput:
    plot: Property | None
    title: str
    description: str = ""
    status: str = TenderStatus.DRAFT
    bids_due_on: datetime.date | None = None
    scale_min: int = 0
    scale_max: int = 10
    visibility: int = Visibility.TEAM


@dataclass(frozen=True)
class CriterionInput:
    name: str
    weight: Decimal
    description: str = ""


@dataclass(frozen=True)
class BidInput:
    title: str
    submitted_on: datetime.date
    organisation: Organisation | None = None
    person: Person | None = None
    summary: str = ""


class _Errors:
    """Collects messages by field and raises them together."""

    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)


def _locked(tender: Tender) -> Tender:
    """The tender's row, locked until the transaction ends, as it is in the database now."""
    return Tender.objects.select_for_update().get(pk=tender.pk)


def _moment(value: datetime.datetime) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def frozen_message(tender: Tender) -> str:
    return _("Die Kriterien sind seit der ersten Bewertung am %(when)s festgeschrieben.") % {
        "when": _moment(tender.criteria_frozen_at)
    }


def already_scored_message() -> str:
    return _("Sie haben dieses Gebot bereits bewertet.")


def scale_message(tender: Tender) -> str:
    return _("Bitte vergeben Sie zwischen %(min)s und %(max)s Punkte.") % {
        "min": tender.scale_min,
        "max": tender.scale_max,
    }


# --- the tender ------------------------------------------------------------------------------------------------------


def _check_tender(data: TenderInput, *, by, tender: Tender | None) -> None:
    errors = _Errors()
    if not data.title.strip():
        errors.add("title", _("Bitte geben Sie einen Titel an."))
    elif len(data.title.strip()) > 200:
        errors.add("title", _("Der Titel ist zu lang (höchstens 200 Zeichen)."))
    if len(data.description) > TEXT_MAX:
        errors.add("description", _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX})
    if data.plot is None or not Property.objects.visible_to(by).filter(pk=data.plot.pk).exists():
        errors.add("plot", _("Bitte wählen Sie eines der angebotenen Grundstücke."))
    if data.status not in TenderStatus.values:
        errors.add("status", _("Bitte wählen Sie einen der angebotenen Stände."))
    elif tender is not None and tender.criteria_frozen and data.status in (TenderStatus.DRAFT, TenderStatus.OPEN):
        errors.add("status", _("Die Bewertung hat begonnen: Das Verfahren ist in Bewertung oder entschieden."))
    if not isinstance(data.scale_min, int) or data.scale_min < 0:
        errors.add("scale_min", _("Die niedrigste Punktzahl ist 0 oder mehr."))
    if not isinstance(data.scale_max, int) or not 1 <= data.scale_max <= 100:
        errors.add("scale_max", _("Die höchste Punktzahl liegt zwischen 1 und 100."))
    elif isinstance(data.scale_min, int) and data.scale_min >= data.scale_max:
        errors.add("scale_max", _("Die höchste Punktzahl muss größer sein als die niedrigste."))
    if (
        tender is not None
        and tender.criteria_frozen
        and (data.scale_min, data.scale_max) != (tender.scale_min, tender.scale_max)
    ):
        errors.add("scale_max", _("Die Punkteskala ändert sich nicht mehr: Es wurde schon bewertet."))
    if data.visibility not in Visibility.values or data.visibility > clearance_for(by):
        errors.add("visibility", _("Diese Sichtbarkeit können Sie nicht wählen."))
    errors.raise_any()


def _apply_tender(tender: Tender, data: TenderInput) -> None:
    tender.plot = data.plot
    tender.title = data.title.strip()
    tender.description = data.description.strip()
    tender.status = data.status
    tender.bids_due_on = data.bids_due_on
    tender.scale_min = data.scale_min
    tender.scale_max = data.scale_max
    tender.visibility = data.visibility


@transaction.atomic
def tender_create(*, data: TenderInput, by) -> Tender:
    """A new tender on a property ``by`` may see, at a level ``by`` may read, with a valid scale."""
    require_perm(by, "landpolicy.add_tender")
    _check_tender(data, by=by, tender=None)
    tender = Tender(created_by=by)
    _apply_tender(tender, data)
    tender.full_clean()
    tender.save()
    return tender


@transaction.atomic
def tender_update(*, tender: Tender, data: TenderInput, by) -> Tender:
    """Change a tender; once criteria are frozen its scale stays and its status no longer goes back."""
    require_perm(by, "landpolicy.change_tender", tender)
    current = _locked(tender)
    _check_tender(data, by=by, tender=current)
    _apply_tender(current, data)
    current.full_clean()
    current.save()
    return current


# --- criteria --------------------------------------------------------------------------------------------------------


def _as_record(name: str, weight: Decimal, description: str) -> dict:
    return {"name": name, "weight": str(Decimal(weight).quantize(Decimal("0.01"))), "description": description}


def _weight(value) -> Decimal | None:
    try:
        weight = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return weight if weight.is_finite() else None


def weights_sum_message(total: Decimal) -> str:
    return _("Die Gewichte ergeben zusammen %(sum)s %%, sie müssen 100 %% ergeben.") % {
        "sum": f"{total.normalize():f}".replace(".", ",")
    }


@transaction.atomic
def tender_set_criteria(*, tender: Tender, criteria: Sequence[CriterionInput], by) -> list[TenderCriterion]:
    """Replace the whole catalogue, as long as nothing is scored; the change is recorded with before and after.

    Errors are keyed ``criteria`` (the catalogue as a whole) and ``criteria-<n>-<field>``
    (the n-th entry of ``criteria``, counting from 0).
    """
    require_perm(by, "landpolicy.change_tender", tender)
    current = _locked(tender)
    if current.criteria_frozen:
        raise ValidationError({"criteria": [frozen_message(current)]})
    errors = _Errors()
    cleaned = []
    names = set()
    total = Decimal(0)
    if not criteria:
        errors.add("criteria", _("Bitte geben Sie mindestens ein Kriterium an."))
    for index, item in enumerate(criteria):
        name = item.name.strip()
        if not name:
            errors.add(f"criteria-{index}-name", _("Bitte geben Sie den Namen des Kriteriums an."))
        elif len(name) > 200:
            errors.add(f"criteria-{index}-name", _("Der Name ist zu lang (höchstens 200 Zeichen)."))
        elif name.casefold() in names:
            errors.add(f"criteria-{index}-name", _("Dieses Kriterium steht schon im Katalog."))
        names.add(name.casefold())
        weight = _weight(item.weight)
        if weight is None or weight <= 0 or weight > HUNDRED:
            errors.add(f"criteria-{index}-weight", _("Das Gewicht muss größer als 0 und höchstens 100 % sein."))
        elif weight != weight.quantize(Decimal("0.01")):
            errors.add(f"criteria-{index}-weight", _("Das Gewicht hat höchstens zwei Nachkommastellen."))
        else:
            total += weight
        if len(item.description) > TEXT_MAX:
            errors.add(
                f"criteria-{index}-description",
                _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX},
            )
        cleaned.append((name, weight, item.description.strip()))
    if criteria and not errors.by_field and total != HUNDRED:
        errors.add("criteria", weights_sum_message(total))
    errors.raise_any()

    before = [_as_record(c.name, c.weight, c.description) for c in current.criteria.order_by("position", "pk")]
    after = [_as_record(name, weight, description) for name, weight, description in cleaned]
    if before == after:
        return list(current.criteria.order_by("position", "pk"))
    current.criteria.all().delete()
    created = TenderCriterion.objects.bulk_create(
        [
            TenderCriterion(tender=current, name=name, weight=weight, description=description, position=position)
            for position, (name, weight, description) in enumerate(cleaned)
        ]
    )
    CriteriaChange.objects.create(tender=current, by=by, before=before, after=after)
    return created


# --- bids ------------------------------------------------------------------------------------------------------------


@transaction.atomic
def bid_add(*, tender: Tender, data: BidInput, by) -> Bid:
    """A bid by one applicant from the address book ``by`` may see; none once scoring has begun."""
    require_perm(by, "landpolicy.change_tender", tender)
    current = _locked(tender)
    if current.criteria_frozen:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("Die Bewertung hat begonnen: Es können keine Gebote mehr hinzukommen.")]}
        )
    errors = _Errors()
    if (data.organisation is None) == (data.person is None):
        errors.add("applicant", _("Bitte wählen Sie genau eine Organisation oder eine Person aus dem Adressbuch."))
    elif data.organisation is not None:
        if not Organisation.objects.visible_to(by).filter(pk=data.organisation.pk).exists():
            errors.add("applicant", _("Bitte wählen Sie einen der angebotenen Einträge."))
    elif not Person.objects.visible_to(by).filter(pk=data.person.pk).exists():
        errors.add("applicant", _("Bitte wählen Sie einen der angebotenen Einträge."))
    if not data.title.strip():
        errors.add("title", _("Bitte geben Sie den Titel des Konzepts an."))
    elif len(data.title.strip()) > 200:
        errors.add("title", _("Der Titel ist zu lang (höchstens 200 Zeichen)."))
    if len(data.summary) > TEXT_MAX:
        errors.add("summary", _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX})
    if data.submitted_on is None:
        errors.add("submitted_on", _("Bitte geben Sie an, wann das Gebot eingereicht wurde."))
    elif data.submitted_on > timezone.localdate():
        errors.add("submitted_on", _("Das Datum der Einreichung darf nicht in der Zukunft liegen."))
    errors.raise_any()
    bid = Bid(
        tender=current,
        organisation=data.organisation,
        person=data.person,
        title=data.title.strip(),
        summary=data.summary.strip(),
        submitted_on=data.submitted_on,
    )
    bid.full_clean()
    bid.save()
    return bid


# --- jury ------------------------------------------------------------------------------------------------------------


@transaction.atomic
def tender_set_jurors(*, tender: Tender, users: Iterable, by) -> list[Juror]:
    """The jury becomes exactly ``users`` (active accounts, at least one); a juror who has scored stays."""
    require_perm(by, "landpolicy.change_tender", tender)
    current = _locked(tender)
    wanted = {user.pk: user for user in users}
    errors = _Errors()
    if not wanted:
        errors.add("users", _("Bitte berufen Sie mindestens ein Jurymitglied."))
    active = set(get_user_model().objects.filter(pk__in=wanted, is_active=True).values_list("pk", flat=True))
    if set(wanted) - active:
        errors.add("users", _("Nur aktive Konten können in die Jury berufen werden."))
    jurors = {juror.user_id: juror for juror in current.jurors.select_related("user")}
    leaving = [juror for user_id, juror in jurors.items() if user_id not in wanted]
    scored = set(Score.objects.filter(juror__in=leaving).values_list("juror_id", flat=True).distinct())
    for juror in leaving:
        if juror.pk in scored:
            errors.add(
                "users",
                _("%(name)s hat schon bewertet und bleibt in der Jury.")
                % {"name": juror.user.name or juror.user.email},
            )
    errors.raise_any()
    Juror.objects.filter(pk__in=[juror.pk for juror in leaving]).delete()
    Juror.objects.bulk_create([Juror(tender=current, user_id=pk) for pk in wanted if pk not in jurors])
    return list(current.jurors.select_related("user"))


# --- scores ----------------------------------------------------------------------------------------------------------


@transaction.atomic
def bid_score(*, bid: Bid, by, points: Mapping[int, int], notes: Mapping[int, str] | None = None) -> list[Score]:
    """One juror's points for one bid on every criterion, given once; the first score freezes the criteria.

    Errors are keyed ``points_<criterion pk>`` and ``note_<criterion pk>``, as the score form names its fields.
    """
    notes = notes or {}
    require_perm(by, "landpolicy.score_tender", bid.tender)
    tender = _locked(bid.tender)
    juror = Juror.objects.filter(tender=tender, user=by).first()
    if juror is None:  # pragma: no cover - the permission says the same
        raise PermissionDenied("landpolicy.score_tender")
    if Bid.objects.filter(pk=bid.pk, tender=tender).count() != 1:
        raise ValidationError({NON_FIELD_ERRORS: [_("Dieses Gebot gehört nicht zu diesem Verfahren.")]})
    if Score.objects.filter(bid=bid, juror=juror).exists():
        raise ValidationError({NON_FIELD_ERRORS: [already_scored_message()]})
    criteria = list(tender.criteria.order_by("position", "pk"))
    if not criteria or sum((c.weight for c in criteria), Decimal(0)) != HUNDRED:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("Die Kriterien des Verfahrens stehen noch nicht fest (Gewichte zusammen 100 %).")]}
        )
    errors = _Errors()
    known = {criterion.pk for criterion in criteria}
    if set(points) - known or set(notes) - known:
        errors.add(NON_FIELD_ERRORS, _("Bitte bewerten Sie nur die Kriterien dieses Verfahrens."))
    for criterion in criteria:
        value = points.get(criterion.pk)
        if value is None:
            errors.add(f"points_{criterion.pk}", _("Bitte vergeben Sie Punkte für dieses Kriterium."))
        elif isinstance(value, bool) or not isinstance(value, int):
            errors.add(f"points_{criterion.pk}", _("Bitte geben Sie eine ganze Zahl an."))
        elif not tender.scale_min <= value <= tender.scale_max:
            errors.add(f"points_{criterion.pk}", scale_message(tender))
        if len(notes.get(criterion.pk, "")) > NOTE_MAX:
            errors.add(
                f"note_{criterion.pk}", _("Die Begründung ist zu lang (höchstens %(max)s Zeichen).") % {"max": NOTE_MAX}
            )
    errors.raise_any()
    try:
        # A savepoint, so that a score given at the same moment elsewhere leaves this transaction usable.
        with transaction.atomic():
            scores = Score.objects.bulk_create(
                [
                    Score(
                        bid=bid,
                        criterion=criterion,
                        juror=juror,
                        points=points[criterion.pk],
                        note=notes.get(criterion.pk, "").strip(),
                    )
                    for criterion in criteria
                ]
            )
    except IntegrityError:
        raise ValidationError({NON_FIELD_ERRORS: [already_scored_message()]}) from None
    if not tender.criteria_frozen:
        tender.criteria_frozen_at = timezone.now()
        tender.status = TenderStatus.SCORING
        tender.save(update_fields=["criteria_frozen_at", "status", "updated_at"])
    return scores
