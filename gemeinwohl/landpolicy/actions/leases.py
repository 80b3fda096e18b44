"""Heritable building rights (Erbbaurechte): contracts recorded and changed by those who work land policy.

The end of a contract is never typed: it follows from the start and the term
(``core.deadlines.term_end``, §§ 187 Abs. 2, 188 BGB). A contract is never
looser than its property, so that nobody reads a contract about a plot they
may not see.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gemeinwohl.core.deadlines import term_end
from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.visibility import Visibility, clearance_for
from gemeinwohl.directory.models import Organisation, Person
from gemeinwohl.landpolicy.models import GroundLease, Property

TEXT_MAX = 10_000
TERM_MAX = 199


@dataclass(frozen=True)
class LeaseInput:
    plot: Property
    starts_on: datetime.date
    term_years: int
    rate_percent: Decimal
    land_value: Decimal
    holder_organisation: Organisation | None = None
    holder_person: Person | None = None
    file_number: str = ""
    land_value_date: datetime.date | None = None
    adjustment_rule: str = ""
    adjustment_interval_years: int | None = None
    next_adjustment_on: datetime.date | None = None
    reversion_conditions: str = ""
    note: str = ""
    visibility: int = Visibility.TEAM


FIELDS = list(LeaseInput.__dataclass_fields__)


def _ends_on(data: LeaseInput) -> datetime.date | None:
    """The last day of the term, or None where start or term cannot give one."""
    if data.starts_on is None or data.term_years is None or not 1 <= data.term_years <= TERM_MAX:
        return None
    try:
        return term_end(data.starts_on, data.term_years)
    except (ValueError, OverflowError):
        return None


def _check(data: LeaseInput, *, by) -> datetime.date:
    """Every rule of a contract; raise with German messages by field, else return its end."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if data.plot is None or not Property.objects.visible_to(by).filter(pk=data.plot.pk).exists():
        add("plot", _("Bitte wählen Sie eines der angebotenen Grundstücke."))
    holders = [holder for holder in (data.holder_organisation, data.holder_person) if holder is not None]
    if len(holders) != 1:
        add("holder", _("Bitte wählen Sie genau eine Erbbauberechtigte oder einen Erbbauberechtigten."))
    elif data.holder_organisation is not None:
        if not Organisation.objects.visible_to(by).filter(pk=data.holder_organisation.pk).exists():
            add("holder", _("Bitte wählen Sie einen der angebotenen Einträge im Adressbuch."))
    elif not Person.objects.visible_to(by).filter(pk=data.holder_person.pk).exists():
        add("holder", _("Bitte wählen Sie einen der angebotenen Einträge im Adressbuch."))

    if data.starts_on is None:
        add("starts_on", _("Bitte geben Sie den Beginn des Erbbaurechts an."))
    if data.term_years is None or data.term_years < 1:
        add("term_years", _("Die Laufzeit muss mindestens ein Jahr betragen."))
    elif data.term_years > TERM_MAX:
        add("term_years", _("Die Laufzeit kann höchstens %(max)s Jahre betragen.") % {"max": TERM_MAX})
    if data.rate_percent is None:
        add("rate_percent", _("Bitte geben Sie den Erbbauzins in Prozent des Bodenwerts an."))
    elif data.rate_percent < 0:
        add("rate_percent", _("Der Erbbauzins kann nicht negativ sein."))
    elif data.rate_percent > 100:
        add("rate_percent", _("Der Erbbauzins kann höchstens 100 Prozent des Bodenwerts betragen."))
    if data.land_value is None:
        add("land_value", _("Bitte geben Sie den Bodenwert an."))
    elif data.land_value < 0:
        add("land_value", _("Der Bodenwert kann nicht negativ sein."))
    if data.adjustment_interval_years is not None and data.adjustment_interval_years < 1:
        add("adjustment_interval_years", _("Zwischen zwei Anpassungen muss mindestens ein Jahr liegen."))

    ends_on = _ends_on(data)
    if ends_on is None and data.starts_on is not None and "term_years" not in errors:
        add("starts_on", _("Aus diesem Beginn und dieser Laufzeit ergibt sich kein gültiges Ende."))
    if data.next_adjustment_on is not None and data.starts_on is not None:
        if data.next_adjustment_on < data.starts_on:
            add("next_adjustment_on", _("Die nächste Anpassung kann nicht vor dem Beginn des Erbbaurechts liegen."))
        elif ends_on is not None and data.next_adjustment_on > ends_on:
            add("next_adjustment_on", _("Die nächste Anpassung kann nicht nach dem Ende des Erbbaurechts liegen."))

    if data.visibility not in Visibility.values or data.visibility > clearance_for(by):
        add("visibility", _("Diese Sichtbarkeit können Sie nicht wählen."))
    elif data.plot is not None and data.visibility < data.plot.visibility:
        add(
            "visibility",
            _("Der Vertrag darf nicht offener sichtbar sein als sein Grundstück (%(level)s).")
            % {"level": Visibility(data.plot.visibility).label},
        )
    for name in ("adjustment_rule", "reversion_conditions", "note"):
        if len(getattr(data, name)) > TEXT_MAX:
            add(name, _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX})
    if errors:
        raise ValidationError(errors)
    return ends_on


def _apply(lease: GroundLease, data: LeaseInput, *, ends_on: datetime.date) -> None:
    for name in FIELDS:
        value = getattr(data, name)
        setattr(lease, name, value.strip() if isinstance(value, str) else value)
    lease.ends_on = ends_on


@transaction.atomic
def lease_create(*, data: LeaseInput, by) -> GroundLease:
    """A new contract on a property the recorder may see, its end computed from start and term; nothing saved on error."""
    require_perm(by, "landpolicy.add_groundlease")
    ends_on = _check(data, by=by)
    lease = GroundLease(created_by=by)
    _apply(lease, data, ends_on=ends_on)
    lease.full_clean()
    lease.save()
    return lease


@transaction.atomic
def lease_update(*, lease: GroundLease, data: LeaseInput, by) -> GroundLease:
    """Change a contract under the same rules as a new one; the end follows start and term again."""
    require_perm(by, "landpolicy.change_groundlease", lease)
    if not GroundLease.objects.visible_to(by).filter(pk=lease.pk).exists():
        raise PermissionDenied("landpolicy.change_groundlease")
    ends_on = _check(data, by=by)
    _apply(lease, data, ends_on=ends_on)
    lease.full_clean()
    lease.save()
    return lease
