"""Demo pre-emption cases: six sales in Milieuschutz areas of Friedrichshain-Kreuzberg, dated relative to today.

Everything goes through the pre-emption actions, as the team's pages would:
``case_create``, ``case_add_step`` for the steps (the extension moves the
deadline, a decision closes the case), ``agreement_record`` for the
Abwendungsvereinbarung. Open cases: one with five days left, one with about
twenty after the buyer's extension, one notified forty days ago; decided: one
averted, one waived earlier this year, one exercised in 2021 under the rule of
two months. All are administration-internal. Sellers, buyers and prices are
invented; the positions are real (checked against the shipped geodata).
Loading twice changes nothing: a case is keyed on its file number.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from gemeinwohl.core.deadlines import pre_emption_deadline
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.actions import preemption
from gemeinwohl.landpolicy.actions.preemption import AgreementInput, CaseInput
from gemeinwohl.landpolicy.actions.properties import PropertyInput, property_create
from gemeinwohl.landpolicy.models import (
    FiguresPublication,
    LegalGround,
    Obligation,
    PreEmptionCase,
    Property,
    StepKind,
)

TEAM_LEAD = "intern@gemeinwohl.example"  # Jana Brandt
BEZIRKSAMT = "bezirksamt@gemeinwohl.example"  # Dr. Friedrich Lenz

# Properties to fall back on when the caller has none under that key (address, Gemarkung, Flur, Flurstück, position).
FALLBACK_PLOTS = {
    "preemption_1": ("Simon-Dach-Straße 12, 10245 Berlin", "Friedrichshain", "4", "211/3", 52.5095, 13.4570),
    "preemption_2": ("Wühlischstraße 31, 10245 Berlin", "Friedrichshain", "4", "198/7", 52.5080, 13.4630),
    "preemption_3": ("Graefestraße 74, 10967 Berlin", "Kreuzberg", "12", "88/2", 52.4930, 13.4180),
    "preemption_4": ("Wrangelstraße 46, 10997 Berlin", "Kreuzberg", "8", "145", 52.4990, 13.4380),
    "preemption_5": ("Boxhagener Straße 59, 10245 Berlin", "Friedrichshain", "4", "233/1", 52.5104, 13.4594),
    "preemption_6": ("Rigaer Straße 58, 10247 Berlin", "Friedrichshain", "2", "57/4", 52.5160, 13.4680),
}


@dataclass(frozen=True)
class DemoStep:
    kind: str
    days_after_notice: int  # never after today: capped when dated
    note: str = ""


def _day(value: datetime.date, today: datetime.date) -> datetime.date:
    return min(value, today)


def _notified_for(days_left: int, *, today: datetime.date, extended: bool = False) -> datetime.date:
    """The notification date whose deadline (extended or not) lies ``days_left`` days ahead."""
    for back in range(1, 400):
        notified_on = today - datetime.timedelta(days=back)
        if (pre_emption_deadline(notified_on, extended=extended).end - today).days == days_left:
            return notified_on
    raise ValueError(days_left)


def _plot(key: str, plots: dict, by) -> tuple[Property, bool]:
    if plots.get(key) is not None:
        return plots[key], False
    address, gemarkung, flur, flurstueck, latitude, longitude = FALLBACK_PLOTS[key]
    existing = Property.objects.filter(address=address).first()
    if existing is not None:
        return existing, False
    data = PropertyInput(
        address=address,
        gemarkung=gemarkung,
        flur=flur,
        flurstueck=flurstueck,
        latitude=latitude,
        longitude=longitude,
        visibility=Visibility.INTERNAL,
    )
    return property_create(data=data, by=by), True


def _case_specs(today: datetime.date) -> list[dict]:
    this_year_start = datetime.date(today.year, 1, 1)
    waived_notice = max(this_year_start + datetime.timedelta(days=14), today - datetime.timedelta(days=200))
    if waived_notice > today - datetime.timedelta(days=30):  # early in the year: a few weeks ago
        waived_notice = today - datetime.timedelta(days=30)
    return [
        {
            "file_number": "VK-DEMO-01",
            "plot": "preemption_1",
            "notified_on": _notified_for(5, today=today),
            "contract_date_before": 9,
            "seller": "Erbengemeinschaft Hannelore und Klaus Petersen",
            "buyer": "Nordstern Residential Invest GmbH & Co. KG",
            "price": Decimal("4850000.00"),
            "note": "Gründerzeitbau, 24 Wohnungen, zwei Gewerbeeinheiten; Mieterberatung informiert.",
            "responsible": [TEAM_LEAD],
            "steps": [
                DemoStep(StepKind.REVIEW, 3, "Prüfung der Erhaltungsziele: hoher Anteil langjähriger Mieterhaushalte."),
                DemoStep(StepKind.HEARING, 40, "Anhörung der Käuferin; Stellungnahme angekündigt."),
                DemoStep(StepKind.NEGOTIATION, 60, "Entwurf einer Abwendungsvereinbarung übersandt."),
            ],
        },
        {
            "file_number": "VK-DEMO-02",
            "plot": "preemption_2",
            "notified_on": _notified_for(20, today=today, extended=True),
            "contract_date_before": 14,
            "seller": "Wühlisch Grundbesitz GbR",
            "buyer": "Elbkai Wohnportfolio S.à r.l.",
            "price": Decimal("6120000.00"),
            "note": "Käuferin hat Fristverlängerung beantragt, um über eine Abwendung zu verhandeln.",
            "responsible": [TEAM_LEAD, BEZIRKSAMT],
            "steps": [
                DemoStep(StepKind.REVIEW, 2, "Vorprüfung abgeschlossen, Ausübung grundsätzlich möglich."),
                DemoStep(StepKind.HEARING, 30, "Anhörung schriftlich durchgeführt."),
                DemoStep(StepKind.EXTENSION, 80, "Antrag der Käuferin auf Verlängerung um zwei Monate."),
            ],
        },
        {
            "file_number": "VK-DEMO-03",
            "plot": "preemption_3",
            "notified_on": today - datetime.timedelta(days=40),
            "contract_date_before": 21,
            "seller": "Dr. Irmgard Sobotta",
            "buyer": "Graefe 74 Projekt GmbH",
            "price": Decimal("2375000.00"),
            "note": "",
            "responsible": [TEAM_LEAD],
            "steps": [DemoStep(StepKind.REVIEW, 5, "Mietenstruktur angefordert.")],
        },
        {
            "file_number": "VK-DEMO-04",
            "plot": "preemption_4",
            "notified_on": today - datetime.timedelta(days=75),
            "contract_date_before": 10,
            "seller": "Kiezhaus Wrangelstraße Verwaltungs-GmbH",
            "buyer": "Berolina Bestandshalter AG",
            "price": Decimal("3980000.00"),
            "note": "",
            "responsible": [TEAM_LEAD],
            "steps": [
                DemoStep(StepKind.REVIEW, 4),
                DemoStep(StepKind.HEARING, 25, "Käuferin erklärt Bereitschaft zur Abwendung."),
                DemoStep(StepKind.NEGOTIATION, 45, "Verhandlung über Laufzeit und Vertragsstrafe."),
            ],
            "agreement": {"signed_after": 65, "term_years": 20, "penalty": "bis zu 10 % des Kaufpreises je Verstoß"},
        },
        {
            "file_number": "VK-DEMO-05",
            "plot": "preemption_5",
            "notified_on": waived_notice,
            "contract_date_before": 7,
            "seller": "Familie Albrecht (Eigentümergemeinschaft)",
            "buyer": "Wohnungsbaugenossenschaft Friedrichshain eG",
            "price": Decimal("1690000.00"),
            "note": "Erwerberin ist eine Genossenschaft; Erhaltungsziele gesichert.",
            "responsible": [TEAM_LEAD],
            "steps": [
                DemoStep(StepKind.REVIEW, 3),
                DemoStep(StepKind.WAIVER, 20, "Verzicht: Die Erhaltungsziele sind durch die Erwerberin gesichert."),
            ],
        },
        {
            "file_number": "VK-DEMO-2021-07",
            "plot": "preemption_6",
            "notified_on": datetime.date(2021, 5, 3),
            "contract_date_before": 12,
            "seller": "Rigaer Immobilien Beteiligungs KG",
            "buyer": "Spree Urban Living Holding B.V.",
            "price": Decimal("5240000.00"),
            "note": "Mitteilung vor dem 23. Juni 2021: Frist von zwei Monaten (alte Fassung).",
            "responsible": [TEAM_LEAD],
            "steps": [
                DemoStep(StepKind.REVIEW, 2),
                DemoStep(StepKind.HEARING, 20, "Käuferin lehnt Abwendungsvereinbarung ab."),
                DemoStep(StepKind.EXERCISE, 55, "Ausübung zugunsten einer landeseigenen Wohnungsbaugesellschaft."),
            ],
        },
    ]


def load(*, accounts: dict, plots: dict) -> dict[str, int]:
    """Create the demo cases that do not exist yet (found by file number); return how many of each were made."""
    today = timezone.localdate()
    lead = accounts[TEAM_LEAD]
    created = {"properties": 0, "cases": 0, "steps": 0, "agreements": 0, "publications": 0}
    for spec in _case_specs(today):
        if PreEmptionCase.objects.filter(file_number=spec["file_number"]).exists():
            continue
        plot, made = _plot(spec["plot"], plots, lead)
        created["properties"] += made
        notified_on = spec["notified_on"]
        case = preemption.case_create(
            data=CaseInput(
                plot=plot,
                notified_on=notified_on,
                legal_ground=LegalGround.PRESERVATION,
                file_number=spec["file_number"],
                contract_date=notified_on - datetime.timedelta(days=spec["contract_date_before"]),
                seller=spec["seller"],
                buyer=spec["buyer"],
                price=spec["price"],
                note=spec["note"],
                visibility=Visibility.INTERNAL,
                responsible=[accounts[email] for email in spec["responsible"]],
            ),
            by=lead,
        )
        created["cases"] += 1
        for step in spec["steps"]:
            on_date = _day(notified_on + datetime.timedelta(days=step.days_after_notice), today)
            if step.kind == StepKind.EXTENSION:
                # Asked for in time: no later than the end of the statutory period.
                on_date = min(on_date, PreEmptionCase.objects.get(pk=case.pk).period_end)
            preemption.case_add_step(case=case, kind=step.kind, on_date=on_date, note=step.note, by=lead)
            created["steps"] += 1
        agreement = spec.get("agreement")
        if agreement:
            signed_on = _day(notified_on + datetime.timedelta(days=agreement["signed_after"]), today)
            preemption.agreement_record(
                case=case,
                data=AgreementInput(
                    signed_on=signed_on,
                    starts_on=signed_on + datetime.timedelta(days=1),
                    term_years=agreement["term_years"],
                    obligations=list(Obligation.objects.filter(is_active=True).order_by("position", "pk")[:3]),
                    penalty=agreement["penalty"],
                ),
                by=lead,
            )
            created["agreements"] += 1
    last_year = today.year - 1
    if (
        PreEmptionCase.objects.filter(notified_on__year=last_year).exists()
        and not FiguresPublication.objects.filter(year=last_year).exists()
    ):
        preemption.figures_publish(year=last_year, by=lead)
        created["publications"] += 1
    return created
