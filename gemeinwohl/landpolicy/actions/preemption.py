"""Pre-emption cases (Vorkaufsfälle): recorded, stepped through and decided by administration staff.

The deadline is never typed in: it is counted from the notification date by
the version of § 28 Abs. 2 BauGB in force on that day (``core.deadlines``),
extended once if the buyer asks in time (§ 27 Abs. 1 Satz 3 BauGB), and
stored on the case so that the deadline board and the reminders can sort and
select by it. Every action locks the case row, so two people recording steps
at once cannot both decide a case.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from gemeinwohl.accounts.models import Role
from gemeinwohl.core.deadlines import PRE_EMPTION_RULES_FROM, pre_emption_deadline, term_end
from gemeinwohl.core.permissions import require_perm
from gemeinwohl.core.uploads import checked_upload, save_with_file
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.models import (
    ADMINISTRATION_ROLES,
    CASE_LEVELS,
    CLOSING_STEPS,
    GROUNDS_IN_PRESERVATION_AREA,
    AversionAgreement,
    CaseDocument,
    CaseStep,
    FiguresPublication,
    LegalGround,
    Obligation,
    Outcome,
    PreEmptionCase,
    Property,
    Responsibility,
    StepKind,
)

TEXT_MAX = 10_000
SHORT_MAX = 300


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


class Errors(dict):
    """Field → messages, raised together as one ValidationError."""

    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


@dataclass(frozen=True)
class CaseInput:
    plot: Property
    notified_on: datetime.date | None
    legal_ground: str = LegalGround.PRESERVATION
    file_number: str = ""
    contract_date: datetime.date | None = None
    seller: str = ""
    buyer: str = ""
    price: Decimal | None = None
    note: str = ""
    visibility: int = Visibility.INTERNAL
    responsible: Sequence = field(default_factory=tuple)


CASE_FIELDS = [name for name in CaseInput.__dataclass_fields__ if name != "responsible"]


def _check_case(data: CaseInput, *, by, case: PreEmptionCase | None) -> None:
    errors = Errors()
    today = timezone.localdate()
    # A case keeps its property even where the editor (a responsible Bezirksamt member) could not pick it.
    keeps_plot = case is not None and data.plot is not None and data.plot.pk == case.plot_id
    if data.plot is None or not (keeps_plot or Property.objects.visible_to(by).filter(pk=data.plot.pk).exists()):
        errors.add("plot", _("Bitte wählen Sie eines der angebotenen Grundstücke."))
    if data.notified_on is None:
        errors.add("notified_on", _("Bitte geben Sie an, wann die Mitteilung des Kaufvertrags einging."))
    elif data.notified_on > today:
        errors.add("notified_on", _("Das Datum der Mitteilung darf nicht in der Zukunft liegen."))
    elif data.notified_on < PRE_EMPTION_RULES_FROM:
        errors.add(
            "notified_on",
            _("Für Mitteilungen vor dem %(day)s kennt die Plattform keine Frist.")
            % {"day": _day(PRE_EMPTION_RULES_FROM)},
        )
    if data.contract_date is not None:
        if data.contract_date > today:
            errors.add("contract_date", _("Das Datum des Kaufvertrags darf nicht in der Zukunft liegen."))
        elif data.notified_on is not None and data.contract_date > data.notified_on:
            errors.add("contract_date", _("Der Kaufvertrag kann nicht nach seiner Mitteilung geschlossen worden sein."))
    if data.legal_ground not in LegalGround.values:
        errors.add("legal_ground", _("Bitte wählen Sie eine der angebotenen Rechtsgrundlagen."))
    elif (
        data.legal_ground in GROUNDS_IN_PRESERVATION_AREA
        and data.plot is not None
        and data.plot.milieuschutz_id is None
    ):
        errors.add(
            "legal_ground",
            _(
                "Das Grundstück liegt in keinem sozialen Erhaltungsgebiet (Milieuschutz); "
                "auf diese Rechtsgrundlage lässt sich das Vorkaufsrecht hier nicht stützen."
            ),
        )
    if data.price is not None and data.price < 0:
        errors.add("price", _("Der Kaufpreis kann nicht negativ sein."))
    if data.visibility not in [level.value for level in CASE_LEVELS]:
        errors.add("visibility", _("Ein Vorkaufsfall ist verwaltungsintern oder für das Team sichtbar, nie offener."))
    if not data.responsible:
        errors.add("responsible", _("Bitte geben Sie mindestens eine zuständige Person an."))
    elif any(not user.is_active or user.role not in ADMINISTRATION_ROLES for user in data.responsible):
        errors.add(
            "responsible",
            _("Zuständig sein können nur Mitarbeitende der Verwaltung (verwaltungsintern oder Bezirksamt)."),
        )
    for name, limit in (("seller", SHORT_MAX), ("buyer", SHORT_MAX), ("file_number", 60), ("note", TEXT_MAX)):
        if len(getattr(data, name)) > limit:
            errors.add(name, _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": limit})
    if case is not None and data.notified_on is not None:
        if not case.is_open and data.notified_on != case.notified_on:
            errors.add("notified_on", _("Der Fall ist abgeschlossen; das Datum der Mitteilung bleibt, wie es war."))
        earliest = case.steps.order_by("on_date").values_list("on_date", flat=True).first()
        if earliest is not None and earliest < data.notified_on:
            errors.add(
                "notified_on",
                _("Es gibt Schritte vom %(day)s, also vor diesem Datum; bitte prüfen Sie das Datum.")
                % {"day": _day(earliest)},
            )
    errors.raise_if_any()


def _count_deadline(case: PreEmptionCase) -> None:
    info = pre_emption_deadline(case.notified_on, extended=case.extended_on is not None)
    case.rule_key = info.rule.key
    case.period_end = info.period_end
    case.deadline = info.end


def _apply(case: PreEmptionCase, data: CaseInput) -> None:
    for name in CASE_FIELDS:
        value = getattr(data, name)
        setattr(case, name, value.strip() if isinstance(value, str) else value)
    _count_deadline(case)


def _set_responsible(case: PreEmptionCase, users: Sequence) -> None:
    wanted = {user.pk for user in users}
    case.responsibilities.exclude(user_id__in=wanted).delete()
    have = set(case.responsibilities.values_list("user_id", flat=True))
    Responsibility.objects.bulk_create(Responsibility(case=case, user_id=pk) for pk in sorted(wanted - have))


def _with_editor(data: CaseInput, by) -> CaseInput:
    """Bezirksamt staff read a case through their responsibility, so whoever of them records it stays responsible."""
    if by.role == Role.BEZIRKSAMT and all(user.pk != by.pk for user in data.responsible):
        return replace(data, responsible=[*data.responsible, by])
    return data


@transaction.atomic
def case_create(*, data: CaseInput, by) -> PreEmptionCase:
    """A new case with its deadline counted by the rule in force on the notification date."""
    require_perm(by, "landpolicy.add_preemptioncase")
    data = _with_editor(data, by)
    _check_case(data, by=by, case=None)
    case = PreEmptionCase(created_by=by)
    _apply(case, data)
    case.full_clean()
    case.save()
    _set_responsible(case, data.responsible)
    return case


def _locked(case: PreEmptionCase) -> PreEmptionCase:
    return PreEmptionCase.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def case_update(*, case: PreEmptionCase, data: CaseInput, by) -> PreEmptionCase:
    """Change a case's facts; a changed notification date recounts the deadline (and any extension)."""
    require_perm(by, "landpolicy.change_preemptioncase", case)
    case = _locked(case)
    data = _with_editor(data, by)
    _check_case(data, by=by, case=case)
    if case.extended_on is not None and data.notified_on != case.notified_on:
        period_end = pre_emption_deadline(data.notified_on).period_end
        if case.extended_on > period_end:
            raise ValidationError(
                {
                    "notified_on": _(
                        "Die Verlängerung wurde am %(day)s beantragt, nach dem Ende der Frist zu diesem Datum."
                    )
                    % {"day": _day(case.extended_on)}
                }
            )
    _apply(case, data)
    case.full_clean()
    case.save()
    _set_responsible(case, data.responsible)
    return case


@transaction.atomic
def case_add_step(*, case: PreEmptionCase, kind: str, on_date: datetime.date | None, note: str = "", by) -> CaseStep:
    """Record a dated step; an extension moves the deadline, a decision closes the case.

    Refused (nothing saved): a step dated before the notification or in the
    future; any step but a note on a closed case; a second extension or one
    asked for after the period ended; an exercise after the deadline; an
    aversion without its agreement (``agreement_record`` writes that step).
    """
    require_perm(by, "landpolicy.change_preemptioncase", case)
    case = _locked(case)
    errors = Errors()
    if kind not in StepKind.values:
        errors.add("kind", _("Bitte wählen Sie einen der angebotenen Schritte."))
    if on_date is None:
        errors.add("on_date", _("Bitte geben Sie das Datum des Schritts an."))
    elif on_date > timezone.localdate():
        errors.add("on_date", _("Das Datum darf nicht in der Zukunft liegen."))
    elif on_date < case.notified_on:
        errors.add(
            "on_date",
            _("Ein Schritt kann nicht vor der Mitteilung des Kaufvertrags (%(day)s) liegen.")
            % {"day": _day(case.notified_on)},
        )
    if len(note) > TEXT_MAX:
        errors.add("note", _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": TEXT_MAX})
    errors.raise_if_any()

    if not case.is_open and kind != StepKind.NOTE:
        errors.add(
            "kind",
            _("Der Fall ist abgeschlossen (%(outcome)s); Sie können nur noch Vermerke eintragen.")
            % {"outcome": case.get_outcome_display()},
        )
    elif kind == StepKind.AVERSION:
        errors.add("kind", _("Bitte erfassen Sie die Abwendungsvereinbarung; der Schritt wird dabei eingetragen."))
    elif kind == StepKind.EXTENSION:
        if case.extended_on is not None:
            errors.add("kind", _("Die Frist wurde bereits verlängert; das Gesetz sieht eine Verlängerung vor."))
        elif on_date > case.period_end:
            errors.add(
                "on_date",
                _("Die Verlängerung muss vor Ablauf der Frist (%(day)s) beantragt werden.")
                % {"day": _day(case.period_end)},
            )
    elif kind == StepKind.EXERCISE and on_date > case.deadline:
        errors.add(
            "on_date",
            _("Die Frist endete am %(day)s; danach kann das Vorkaufsrecht nicht mehr ausgeübt werden.")
            % {"day": _day(case.deadline)},
        )
    errors.raise_if_any()

    step = CaseStep.objects.create(case=case, kind=kind, on_date=on_date, note=note.strip(), by=by)
    if kind == StepKind.EXTENSION:
        case.extended_on = on_date
        _count_deadline(case)
        case.save(update_fields=["extended_on", "rule_key", "period_end", "deadline", "updated_at"])
    elif kind in CLOSING_STEPS:
        case.outcome = CLOSING_STEPS[kind]
        case.closed_on = on_date
        case.save(update_fields=["outcome", "closed_on", "updated_at"])
    return step


@transaction.atomic
def document_add(*, case: PreEmptionCase, title: str, upload, step: CaseStep | None = None, by) -> CaseDocument:
    """A file on the case, checked by content and size; read only by administration staff."""
    require_perm(by, "landpolicy.change_preemptioncase", case)
    errors = Errors()
    if not title.strip():
        errors.add("title", _("Bitte geben Sie einen Titel an."))
    if step is not None and step.case_id != case.pk:
        errors.add("step", _("Bitte wählen Sie einen Schritt dieses Falls."))
    errors.raise_if_any()
    checked = checked_upload(upload, max_bytes=settings.LANDPOLICY_DOCUMENT_MAX_BYTES)
    document = CaseDocument(
        case=case,
        step=step,
        title=title.strip()[:200],
        file_name=checked.name,
        content_type=checked.kind.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    save_with_file(document, upload=upload, checked=checked)
    return document


@dataclass(frozen=True)
class AgreementInput:
    signed_on: datetime.date | None
    starts_on: datetime.date | None
    term_years: int | None
    obligations: Sequence[Obligation] = ()
    other_obligations: str = ""
    penalty: str = ""
    note: str = ""


@transaction.atomic
def agreement_record(*, case: PreEmptionCase, data: AgreementInput, by) -> AversionAgreement:
    """The Abwendungsvereinbarung that averted the purchase: it closes the open case as averted.

    The buyer must have bound themselves before the deadline (§ 27 Abs. 1
    Satz 1 BauGB); the term runs from ``starts_on`` for whole years
    (``core.deadlines.term_end``).
    """
    require_perm(by, "landpolicy.change_preemptioncase", case)
    case = _locked(case)
    errors = Errors()
    if AversionAgreement.objects.filter(case=case).exists():
        errors.add("signed_on", _("Für diesen Fall ist bereits eine Abwendungsvereinbarung erfasst."))
    elif not case.is_open:
        errors.add(
            "signed_on",
            _("Der Fall ist bereits abgeschlossen (%(outcome)s).") % {"outcome": case.get_outcome_display()},
        )
    today = timezone.localdate()
    if data.signed_on is None:
        errors.add("signed_on", _("Bitte geben Sie an, wann die Vereinbarung unterzeichnet wurde."))
    elif data.signed_on > today:
        errors.add("signed_on", _("Das Datum darf nicht in der Zukunft liegen."))
    elif data.signed_on < case.notified_on:
        errors.add(
            "signed_on",
            _("Die Vereinbarung kann nicht vor der Mitteilung des Kaufvertrags (%(day)s) liegen.")
            % {"day": _day(case.notified_on)},
        )
    elif data.signed_on > case.deadline:
        errors.add(
            "signed_on",
            _("Die Abwendungsvereinbarung muss vor Ablauf der Frist (%(day)s) unterzeichnet sein.")
            % {"day": _day(case.deadline)},
        )
    if data.starts_on is None:
        errors.add("starts_on", _("Bitte geben Sie an, ab wann die Vereinbarung gilt."))
    if data.term_years is None or data.term_years < 1:
        errors.add("term_years", _("Die Laufzeit muss mindestens ein Jahr betragen."))
    elif data.term_years > 99:
        errors.add("term_years", _("Die Laufzeit kann höchstens 99 Jahre betragen."))
    active = set(Obligation.objects.filter(is_active=True).values_list("pk", flat=True))
    if any(obligation.pk not in active for obligation in data.obligations):
        errors.add("obligations", _("Bitte wählen Sie nur die angebotenen Verpflichtungen."))
    if not data.obligations and not data.other_obligations.strip():
        errors.add("obligations", _("Bitte geben Sie mindestens eine Verpflichtung an."))
    for name, limit in (("other_obligations", TEXT_MAX), ("penalty", SHORT_MAX), ("note", TEXT_MAX)):
        if len(getattr(data, name)) > limit:
            errors.add(name, _("Der Text ist zu lang (höchstens %(max)s Zeichen).") % {"max": limit})
    errors.raise_if_any()

    agreement = AversionAgreement(
        case=case,
        signed_on=data.signed_on,
        starts_on=data.starts_on,
        term_years=data.term_years,
        ends_on=term_end(data.starts_on, data.term_years),
        other_obligations=data.other_obligations.strip(),
        penalty=data.penalty.strip(),
        note=data.note.strip(),
        created_by=by,
    )
    agreement.full_clean()
    agreement.save()
    agreement.obligations.set(data.obligations)
    CaseStep.objects.create(case=case, kind=StepKind.AVERSION, on_date=data.signed_on, by=by)
    case.outcome = Outcome.AVERTED
    case.closed_on = data.signed_on
    case.save(update_fields=["outcome", "closed_on", "updated_at"])
    return agreement


def year_counts(year: int) -> dict[str, int]:
    """How many cases notified in ``year`` ended how (every outcome, zeros included): counts only."""
    counts = dict.fromkeys(Outcome.values, 0)
    rows = PreEmptionCase.objects.filter(notified_on__year=year).values("outcome").annotate(n=Count("pk"))
    for row in rows:
        counts[row["outcome"]] = row["n"]
    return counts


@transaction.atomic
def figures_publish(*, year: int, by) -> FiguresPublication:
    """Publish (or bring up to date) the counts by outcome of the cases notified in ``year``; nothing else leaves."""
    require_perm(by, "landpolicy.publish_figures")
    today = timezone.localdate()
    if not PRE_EMPTION_RULES_FROM.year <= year <= today.year:
        raise ValidationError({"year": _("Bitte wählen Sie ein Jahr bis %(year)s.") % {"year": today.year}})
    publication, _created = FiguresPublication.objects.update_or_create(
        year=year, defaults={"counts": year_counts(year), "published_by": by}
    )
    return publication


@transaction.atomic
def figures_withdraw(*, year: int, by) -> None:
    """Take a year's counts off the public page."""
    require_perm(by, "landpolicy.publish_figures")
    FiguresPublication.objects.filter(year=year).delete()
