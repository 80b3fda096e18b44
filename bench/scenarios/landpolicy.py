"""Land policy at the size of a busy district: 1,000 open pre-emption cases, a large concept tender, the registers.

The issue: "The deadline board with 1,000 open cases and a tender with 30
bids, 12 criteria and 7 jurors answer in a number of queries that does not
grow with the rows (tests assert it)." The tests assert the query counts; this
scenario measures the time those pages take on PostgreSQL at that volume.

One unit of volume is one open pre-emption case. Besides them: half as many
decided cases (a third of those averted, with an Abwendungsvereinbarung), one
property per case at a real position inside Friedrichshain-Kreuzberg (areas
through ``places.actions.areas_recompute``, as ``places_load_areas`` does),
one tender with 30 bids, 12 criteria and 7 jurors, fully scored (2,520 scores),
and a fifth as many heritable building rights as open cases. Notification
dates spread over the last three months (open) and the last five years
(decided), so the 2021 rule change and extensions appear; deadlines are
counted by ``core.deadlines`` exactly as the actions count them.

The seed writes with ``bulk_create`` (1,500 times ``case_create`` would take
minutes and measure nothing this benchmark is about), building rows as the
actions would. Accounts come from ``accounts.actions.user_create``.

``in_process`` times the reminder job's selection (``reminders.due_reminders``)
over all open cases.
"""

import datetime
import random
import statistics
import time
from decimal import Decimal

from bench.scenarios import Request, bench_account

DESCRIPTION = "Bodenpolitik: 1.000 offene Vorkaufsfälle, Fristenboard, Konzeptverfahren mit 30 Geboten, Register"
DEFAULT_VOLUME = 1_000
QUICK_VOLUME = 100
SEED_VERSION = 1

RANDOM_SEED = 20_261_125
BIDS, CRITERIA, JURORS = 30, 12, 7
RUNS = 7

# fmt: off
STREETS = [
    "Boxhagener Straße", "Simon-Dach-Straße", "Wühlischstraße", "Oranienstraße", "Wrangelstraße", "Skalitzer Straße",
    "Urbanstraße", "Gneisenaustraße", "Bergmannstraße", "Frankfurter Allee", "Rigaer Straße", "Mariannenstraße",
    "Reichenberger Straße", "Falckensteinstraße", "Yorckstraße", "Revaler Straße", "Warschauer Straße",
]
# fmt: on


def _positions(count: int, rng: random.Random) -> list[tuple[float, float]]:
    import shapely
    from shapely.geometry import shape

    from gemeinwohl.places.models import Area, AreaKind

    home = shape(Area.objects.get(kind=AreaKind.DISTRICT, key="02").geometry)
    shapely.prepare(home)
    min_lon, min_lat, max_lon, max_lat = home.bounds
    points = []
    while len(points) < count:
        longitude, latitude = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
        if shapely.contains_xy(home, longitude, latitude):
            points.append((round(latitude, 5), round(longitude, 5)))
    return points


def seed(volume: int) -> dict:
    from gemeinwohl.accounts.models import Role
    from gemeinwohl.core.deadlines import pre_emption_deadline, term_end
    from gemeinwohl.directory.models import Organisation
    from gemeinwohl.landpolicy.models import (
        AversionAgreement,
        Bid,
        CaseStep,
        GroundLease,
        Juror,
        Obligation,
        Outcome,
        PreEmptionCase,
        Property,
        Responsibility,
        Score,
        StepKind,
        Tender,
        TenderCriterion,
        TenderStatus,
    )
    from gemeinwohl.places import actions as places_actions

    rng = random.Random(RANDOM_SEED)
    team = bench_account(role=Role.TEAM_INTERNAL)
    bench_account(role=Role.TEAM_EXTERNAL)
    officer = bench_account(role=Role.BEZIRKSAMT)
    today = datetime.date.today()
    decided = volume // 2
    leases = volume // 5
    total_plots = volume + decided + leases + 1
    plots = Property.objects.bulk_create(
        [
            Property(
                address=f"{rng.choice(STREETS)} {rng.randint(1, 140)}, 10{rng.randint(115, 999)} Berlin",
                gemarkung=rng.choice(["Friedrichshain", "Kreuzberg"]),
                flur=str(rng.randint(1, 9)),
                flurstueck=f"{number}/{rng.randint(1, 9)}",
                size_m2=rng.randint(300, 4000),
                latitude=latitude,
                longitude=longitude,
                visibility=rng.choice([20, 30]),
                created_by=team,
            )
            for number, (latitude, longitude) in enumerate(_positions(total_plots, rng), start=1)
        ],
        batch_size=2000,
    )
    places_actions.areas_recompute(places=Property.objects.all())

    cases = []
    for number in range(volume + decided):
        is_open = number < volume
        notified = today - datetime.timedelta(days=rng.randint(0, 85) if is_open else rng.randint(120, 1800))
        extended = is_open and rng.random() < 0.1
        info = pre_emption_deadline(notified, extended=extended)
        outcome = Outcome.OPEN if is_open else rng.choice([Outcome.EXERCISED, Outcome.WAIVED, Outcome.AVERTED])
        cases.append(
            PreEmptionCase(
                plot=plots[number],
                file_number=f"BA-VK-{number + 1:05d}",
                notified_on=notified,
                seller=f"Verkäufergesellschaft {number} GmbH",
                buyer=f"Erwerbergesellschaft {number} GmbH & Co. KG",
                price=Decimal(rng.randint(800, 12000) * 1000),
                legal_ground="24-1-4",
                visibility=30,
                rule_key=info.rule.key,
                period_end=info.period_end,
                extended_on=notified + datetime.timedelta(days=20) if extended else None,
                deadline=info.end,
                outcome=outcome,
                closed_on=None if is_open else min(info.end, notified + datetime.timedelta(days=50)),
                created_by=team,
            )
        )
    cases = PreEmptionCase.objects.bulk_create(cases, batch_size=2000)
    Responsibility.objects.bulk_create(
        [Responsibility(case=case, user=team) for case in cases]
        + [Responsibility(case=case, user=officer) for case in cases[::4]],
        batch_size=5000,
    )
    step_kinds = {
        Outcome.EXERCISED: StepKind.EXERCISE,
        Outcome.WAIVED: StepKind.WAIVER,
        Outcome.AVERTED: StepKind.AVERSION,
    }
    steps = [CaseStep(case=case, kind=StepKind.REVIEW, on_date=case.notified_on, by=team) for case in cases]
    steps += [
        CaseStep(case=case, kind=step_kinds[case.outcome], on_date=case.closed_on, by=team)
        for case in cases
        if case.outcome != Outcome.OPEN
    ]
    CaseStep.objects.bulk_create(steps, batch_size=5000)
    obligations = list(Obligation.objects.all()[:3])
    agreements = AversionAgreement.objects.bulk_create(
        [
            AversionAgreement(
                case=case,
                signed_on=case.closed_on,
                starts_on=case.closed_on,
                term_years=20,
                ends_on=term_end(case.closed_on, 20),
                created_by=team,
            )
            for case in cases
            if case.outcome == Outcome.AVERTED
        ],
        batch_size=2000,
    )
    Through = AversionAgreement.obligations.through
    Through.objects.bulk_create(
        [
            Through(aversionagreement=agreement, obligation=obligation)
            for agreement in agreements
            for obligation in obligations
        ],
        batch_size=5000,
    )

    organisations = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Wohnprojekt Bench {number} eG", sector="gemeinwohlwirtschaft", visibility=20)
            for number in range(BIDS + leases)
        ],
        batch_size=2000,
    )
    tender = Tender.objects.create(
        plot=plots[volume + decided + leases],
        title="Konzeptverfahren Bench-Grundstück",
        status=TenderStatus.SCORING,
        scale_min=0,
        scale_max=10,
        visibility=20,
        created_by=team,
        criteria_frozen_at=datetime.datetime.now(datetime.UTC),
    )
    weights = [Decimal(8)] * 8 + [Decimal(9)] * 4  # 64 + 36 = 100
    criteria = TenderCriterion.objects.bulk_create(
        [
            TenderCriterion(tender=tender, name=f"Kriterium {number + 1}", weight=weight, position=number)
            for number, weight in enumerate(weights)
        ]
    )
    bids = Bid.objects.bulk_create(
        [
            Bid(
                tender=tender,
                organisation=organisations[number],
                title=f"Konzept {number + 1}",
                submitted_on=today - datetime.timedelta(days=30),
            )
            for number in range(BIDS)
        ]
    )
    jurors = Juror.objects.bulk_create([Juror(tender=tender, user=_juror(number)) for number in range(1, JURORS + 1)])
    Score.objects.bulk_create(
        [
            Score(bid=bid, criterion=criterion, juror=juror, points=rng.randint(0, 10))
            for bid in bids
            for criterion in criteria
            for juror in jurors
        ],
        batch_size=5000,
    )
    GroundLease.objects.bulk_create(
        [
            GroundLease(
                plot=plots[volume + decided + number],
                holder_organisation=organisations[BIDS + number],
                starts_on=(start := today - datetime.timedelta(days=rng.randint(0, 365 * 60))),
                term_years=(years := rng.choice([60, 75, 99])),
                ends_on=term_end(start, years),
                rate_percent=Decimal(rng.choice(["1.5", "2.0", "3.0", "4.0"])),
                land_value=Decimal(rng.randint(200, 5000) * 1000),
                adjustment_interval_years=3,
                next_adjustment_on=today + datetime.timedelta(days=rng.randint(-30, 3 * 365)),
                visibility=20,
                created_by=team,
            )
            for number in range(leases)
        ],
        batch_size=2000,
    )
    return {
        "properties": len(plots),
        "open_cases": volume,
        "decided_cases": decided,
        "agreements": len(agreements),
        "tender_bids": BIDS,
        "tender_criteria": CRITERIA,
        "tender_jurors": JURORS,
        "tender_scores": Score.objects.count(),
        "ground_leases": leases,
        "in_milieuschutz_area": Property.objects.filter(milieuschutz__isnull=False).count(),
    }


def _juror(number: int):
    from gemeinwohl.accounts.actions import user_create
    from gemeinwohl.accounts.models import Role, User

    email = f"bench-juror-{number}@bench.example"
    return User.objects.filter(email=email).first() or user_create(
        email=email, name=f"Jurymitglied {number}", role=Role.REGISTERED
    )


def requests(volume: int) -> list[Request]:
    from gemeinwohl.accounts.models import Role
    from gemeinwohl.landpolicy.models import Outcome, PreEmptionCase, Tender

    intern = bench_account(role=Role.TEAM_INTERNAL).email
    case = PreEmptionCase.objects.filter(outcome=Outcome.OPEN).order_by("pk").first()
    tender = Tender.objects.order_by("pk").first()
    return [
        Request("overview", "/boden/", intern),
        Request("deadline-board", "/boden/vorkauf/fristen/", intern),
        Request("case-list", "/boden/vorkauf/", intern),
        Request("case-detail", f"/boden/vorkauf/{case.pk}/", intern),
        Request("agreement-register", "/boden/abwendungsvereinbarungen/", intern),
        Request("public-figures", "/boden/vorkauf/zahlen/"),
        Request("property-list", "/boden/grundstuecke/", intern),
        Request("tender-detail", f"/boden/konzeptverfahren/{tender.pk}/", intern),
        Request("tender-xlsx", f"/boden/konzeptverfahren/{tender.pk}/auswertung.xlsx", intern),
        Request("tender-pdf", f"/boden/konzeptverfahren/{tender.pk}/auswertung.pdf", intern),
        Request("lease-register", "/boden/erbbaurecht/", intern),
    ]


def in_process(volume: int, log=print) -> dict:
    """The reminder job's selection over every open case, timed here."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gemeinwohl.landpolicy.reminders import due_reminders

    today = datetime.date.today()
    due_reminders(today=today)
    times = []
    for _ in range(RUNS):
        began = time.perf_counter()
        due = due_reminders(today=today)
        times.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as captured:
        due_reminders(today=today)
    figures = {
        "due_reminders": {
            "result": len(due),
            "queries": len(captured.captured_queries),
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
            "runs": RUNS,
        }
    }
    log(
        f"  due_reminders: {len(due):,} cases due, {figures['due_reminders']['queries']} queries, "
        f"median {figures['due_reminders']['median_ms']} ms"
    )
    return figures
