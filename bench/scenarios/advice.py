"""Advice at the size of five busy years: 10,000 cases, the case list and the figures for reporting.

The issue: "The case list with 10,000 cases and the figures page over five
years answer in a number of queries that does not grow with the rows (tests
assert it); bench/ gets the case list and the figures page."

One unit of volume is one case. The cases came in over the five years before
the day of seeding, more in spring and autumn than in summer and at the turn of
the year, each about one to three topics, from the sectors requesters choose
(mostly initiatives). Older cases are mostly finished (closed, declined), recent
ones new, being clarified or advised; every case has the state changes that led
to its state, its timeline's follow-ups (done or due), further contacts and
tasks with the time spent, notes (one shared with the requester where there
was a first response, a few administration-internal), and about a fifth were
handed on to one or two of 200 organisations of the address book (a few
receive most of them; one in ten is administration-internal, so the external
team reads them only summed). Some cases are shared with the Bezirksamt.

The seed writes with ``bulk_create`` and bypasses ``gemeinwohl.advice.actions``:
100,000 rows through ``request_submit``, ``case_transition`` and
``activity_record`` would take many minutes and measure nothing the benchmark
is about; the actions also refuse dates more than a year back. It builds the
rows as those actions would write them: a reference per year, a state change
for every move along the case type's transitions, ``first_response_at`` at the
first shared note or contact, ``closed_at`` for finished cases, the follow-ups
of the default case type's timeline, referrals only to organisations in the
address book, each referred organisation linked to its case, shared notes never
administration-internal, ``respond_by`` from ``actions.respond_by``. The accounts
come from ``accounts.actions.user_create``.
"""

import datetime
import hashlib
import math
import random
from zoneinfo import ZoneInfo

from bench.scenarios import Request, bench_account

DESCRIPTION = "Beratung: Fallliste, Auswertung über fünf Jahre (Seite, XLSX, CSV)"
DEFAULT_VOLUME = 10_000
QUICK_VOLUME = 1_000
SEED_VERSION = 1

RANDOM_SEED = 20_261_125
BERLIN = ZoneInfo("Europe/Berlin")
YEARS = 5
ORGANISATIONS = 200
TEAM_SIZE = 5

# fmt: off
TOPIC_WEIGHTS = {
    "raum": 30, "verkauf": 22, "rechtsform": 14, "finanzierung": 18, "erbbaurecht": 6,
    "konzeptverfahren": 8, "beteiligung": 12, "sonstiges": 10,
}
SECTOR_WEIGHTS = {
    "zivilgesellschaft": 70, "gemeinwohlwirtschaft": 15, "politik": 3, "verwaltung": 2, "sonstige": 10,
}
# Requests per month of the year, relative: fewer in summer and around the turn of the year.
SEASON = [0.8, 1.0, 1.2, 1.2, 1.1, 1.0, 0.8, 0.6, 1.1, 1.2, 1.2, 0.8]
GROUPS = [
    "Hausgemeinschaft {street} {number}", "Mieter*innen {street} {number}", "Initiative {kiez} bleibt",
    "Kulturverein {kiez} e.V.", "Gemeinschaftsgarten {kiez}", "Atelierhaus {street}", "Kiezladen {street}",
    "Jugendprojekt {kiez}", "Hausprojekt {street} {number}", "Gewerbetreibende {street}",
    "Nachbarschaftsinitiative {kiez}", "Wohnprojekt in Gründung {kiez}",
]
STREETS = [
    "Oranienstraße", "Wrangelstraße", "Skalitzer Straße", "Bergmannstraße", "Gneisenaustraße", "Boxhagener Straße",
    "Rigaer Straße", "Warschauer Straße", "Kopernikusstraße", "Görlitzer Straße", "Reichenberger Straße",
    "Manteuffelstraße", "Adalbertstraße", "Naunynstraße", "Simon-Dach-Straße", "Samariterstraße", "Liebigstraße",
    "Zossener Straße", "Mehringdamm", "Yorckstraße", "Wiener Straße", "Lausitzer Straße", "Mariannenstraße",
]
KIEZE = [
    "Wrangelkiez", "Graefekiez", "Bergmannkiez", "Samariterkiez", "Boxhagener Kiez", "Südkiez", "Reichenberger Kiez",
    "Chamissokiez", "Mehringplatz", "Lausitzer Platz", "Nordkiez", "Stralauer Kiez", "Wassertorkiez",
]
DESCRIPTIONS = [
    "Unser Haus soll verkauft werden. Wir haben vom Bezirk einen Brief zur Vorkaufsprüfung bekommen.",
    "Wir suchen seit einem Jahr Räume für unsere Werkstatt und brauchen Unterstützung bei der Suche.",
    "Wir möchten eine Genossenschaft gründen und wissen nicht, welche Rechtsform passt.",
    "Der Mietvertrag unseres Ladens läuft aus; der neue Eigentümer will das Dreifache.",
    "Wir wollen uns am Konzeptverfahren für das Grundstück an der {street} beteiligen.",
    "Gibt es Fördermittel für den Umbau unseres Nachbarschaftsladens?",
    "Das Land bietet das Grundstück im Erbbaurecht an. Was bedeutet das für uns?",
]
NOTES = [
    "Erstgespräch geführt, Unterlagen angefordert.", "Kontakt zur Mieterberatung hergestellt.",
    "Rückruf vereinbart.", "Frist für das Vorkaufsrecht notiert, Bezirksamt informiert.",
    "Unterlagen vollständig, Prüfung läuft.", "Termin vor Ort vereinbart.",
]
ACTIVITY_TITLES = {
    "anruf": ["Rückruf", "Telefonat zur Lage", "Telefonat mit dem Bezirksamt"],
    "treffen": ["Beratungsgespräch", "Treffen mit der Hausgemeinschaft"],
    "email": ["Unterlagen geschickt", "Rückfrage per E-Mail"],
    "ortstermin": ["Ortstermin im Haus", "Begehung der Räume"],
    "aufgabe": ["Fördermöglichkeiten recherchieren", "Kontakt zur Genossenschaft suchen", "Vermerk schreiben"],
}
REFERRAL_OUTCOMES_FINISHED = (["geholfen", "angenommen", "abgelehnt", "ohne_ergebnis", "offen"], [40, 20, 10, 15, 15])
REFERRAL_OUTCOMES_RECENT = (["offen", "angenommen", "geholfen"], [70, 20, 10])
# fmt: on


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A working-hours moment on ``day`` in Berlin."""
    return datetime.datetime.combine(day, datetime.time(rng.randint(8, 19), rng.randint(0, 59)), BERLIN)


def _received_days(rng: random.Random, volume: int, today: datetime.date) -> list[datetime.date]:
    """``volume`` days over the last five years, weighted by season, oldest first."""
    first = today - datetime.timedelta(days=365 * YEARS - 1)
    days = [first + datetime.timedelta(days=offset) for offset in range((today - first).days + 1)]
    weights = [SEASON[day.month - 1] * (0.3 if day.weekday() >= 5 else 1.0) for day in days]
    return sorted(rng.choices(days, weights, k=volume))


def _final_state(rng: random.Random, age_days: int) -> str:
    if age_days < 14:
        return rng.choices(["neu", "in_klaerung", "in_beratung"], [40, 30, 30])[0]
    if age_days < 90:
        return rng.choices(
            ["in_klaerung", "in_beratung", "weitervermittelt", "abgeschlossen", "abgelehnt"], [15, 45, 15, 20, 5]
        )[0]
    return rng.choices(["in_beratung", "weitervermittelt", "abgeschlossen", "abgelehnt"], [5, 10, 75, 10])[0]


def _path(rng: random.Random, final: str) -> list[str]:
    """The states a case went through to ``final``, along the default type's transitions."""
    middle = {
        "neu": [],
        "in_klaerung": ["in_klaerung"],
        "in_beratung": rng.choice([["in_beratung"], ["in_klaerung", "in_beratung"]]),
        "weitervermittelt": rng.choice([["weitervermittelt"], ["in_beratung", "weitervermittelt"]]),
        "abgeschlossen": rng.choices(
            [["in_beratung"], ["in_klaerung", "in_beratung"], ["in_beratung", "weitervermittelt"]], [50, 35, 15]
        )[0],
        "abgelehnt": rng.choice([[], ["in_klaerung"]]),
    }[final]
    return ["neu", *middle, *([final] if final not in ("neu", *middle) else [])]


def _topics(rng: random.Random) -> list[str]:
    """One to three different topics, the common ones more often."""
    wanted, topics = rng.choices([1, 2, 3], [55, 35, 10])[0], []
    while len(topics) < wanted:
        topic = rng.choices(list(TOPIC_WEIGHTS), list(TOPIC_WEIGHTS.values()))[0]
        if topic not in topics:
            topics.append(topic)
    return topics


def _response_days(rng: random.Random) -> float:
    """Days to the first response: typically two or three, a long tail of some weeks."""
    return min(rng.lognormvariate(math.log(2.5), 0.9), 60)


def _organisations(rng: random.Random, editor):
    from bench.scenarios.addressbook import _Names, _organisation_name
    from gemeinwohl.directory.models import Organisation

    names = _Names(rng)
    sectors = (["zivilgesellschaft", "gemeinwohlwirtschaft", "verwaltung", "politik", "sonstige"], [40, 30, 20, 2, 8])
    rows = []
    for _ in range(ORGANISATIONS):
        sector = rng.choices(*sectors)[0]
        name, short_name, legal_form, _parent = _organisation_name(rng, names, sector)
        level = rng.choices([0, 10, 20, 30], [50, 10, 30, 10])[0]
        rows.append(
            Organisation(
                name=name,
                short_name=short_name,
                sector=sector,
                legal_form=legal_form,
                visibility=level,
                created_by=editor,
            )
        )
    return Organisation.objects.bulk_create(rows)


class _Seed:
    """The rows of one seed, built case by case and written table by table."""

    def __init__(self, rng: random.Random):
        from gemeinwohl.advice.models import CaseType, ConsentText

        self.rng = rng
        self.case_type = CaseType.objects.get(is_default=True)
        self.steps = list(self.case_type.steps.order_by("position"))
        self.consent = ConsentText.objects.current()
        self.rows = {name: [] for name in ("topics", "changes", "activities", "notes", "referrals", "links", "shares")}

    def case(self, index: int, received: datetime.datetime, *, team: list):
        from gemeinwohl.advice.actions import respond_by
        from gemeinwohl.advice.models import Case

        rng = self.rng
        topics = _topics(rng)
        sale_notified_on = None
        if "verkauf" in topics and rng.random() < 0.6:
            sale_notified_on = received.date() - datetime.timedelta(days=rng.randint(1, 30))
        fill = {"street": rng.choice(STREETS), "number": rng.randint(1, 180), "kiez": rng.choice(KIEZE)}
        case = Case(
            reference=f"B-{received.year}-{index:05d}",
            case_type=self.case_type,
            assignee=rng.choice(team),
            group_name=rng.choice(GROUPS).format(**fill),
            contact_name=f"Kontakt {index}",
            email=f"anfrage{index}@example.org",
            sector=rng.choices(list(SECTOR_WEIGHTS), list(SECTOR_WEIGHTS.values()))[0],
            address=f"{fill['street']} {fill['number']}, 10997 Berlin" if rng.random() < 0.5 else "",
            sale_notified_on=sale_notified_on,
            description=rng.choice(DESCRIPTIONS).format(**fill),
            language="en" if rng.random() < 0.05 else "de",
            consent=self.consent,
            consented_at=received,
            received_at=received,
            respond_by=respond_by(sale_notified_on=sale_notified_on, deadline=None),
            status_token_hash=hashlib.sha256(f"bench-{index}".encode()).hexdigest(),
            status_token_created_at=received,
        )
        case.topic_keys = topics
        return case

    def history(self, case, *, bezirksamt, organisations: list, weights: list) -> None:
        """State changes, first response, follow-ups, notes, referrals and shares of a saved case."""
        from gemeinwohl.advice.models import CaseShare, CaseTopic, StateChange

        rng, now = self.rng, datetime.datetime.now(BERLIN)
        age = (now - case.received_at).days
        self.rows["topics"] += [CaseTopic(case=case, topic=topic) for topic in case.topic_keys]
        path = _path(rng, _final_state(rng, age))
        moments = sorted(case.received_at + datetime.timedelta(days=rng.uniform(0, max(age, 1))) for _ in path[1:])
        moments = [case.received_at, *[min(moment, now) for moment in moments]]
        for source, target, at in zip(["", *path], path, moments, strict=False):
            self.rows["changes"].append(StateChange(case=case, source=source, target=target, at=at, by=case.assignee))
        case.state = path[-1]
        if path[-1] in ("abgeschlossen", "abgelehnt"):
            case.closed_at = moments[-1]
        if len(path) > 1 or rng.random() < 0.3:
            # The first answer comes before the case moves on, at the latest when it does.
            latest = moments[1] if len(path) > 1 else now
            case.first_response_at = min(case.received_at + datetime.timedelta(days=_response_days(rng)), latest)
        self._work(case, end=moments[-1])
        if "weitervermittelt" in path or rng.random() < 0.04:
            self._referrals(case, organisations=organisations, weights=weights, at=moments[-1])
        if rng.random() < 0.05:
            self.rows["shares"].append(CaseShare(case=case, user=bezirksamt, shared_by=case.assignee))

    def _work(self, case, *, end: datetime.datetime) -> None:
        from gemeinwohl.advice.models import Note

        rng = self.rng
        responded = case.first_response_at
        if responded is not None:
            self.rows["notes"].append(
                Note(case=case, text=rng.choice(NOTES), shared_with_requester=True, author=case.assignee)
            )
        for _ in range(rng.choices([0, 1, 2], [30, 50, 20])[0]):
            self.rows["notes"].append(
                Note(case=case, text=rng.choice(NOTES), visibility=rng.choices([20, 30], [90, 10])[0])
            )
        for position, step in enumerate(self.steps):
            due = case.received_at.date() + datetime.timedelta(days=step.days + 4 * position)
            done = responded.date() + datetime.timedelta(days=3 * position) if responded else None
            if done is None and position:
                break
            self.rows["activities"].append(self._activity(case, step.kind, step.title, due=due, done=done, step=step))
        if case.closed_at is None and responded is None:
            return
        for _ in range(rng.choices([0, 1, 2, 3, 4], [15, 30, 25, 20, 10])[0]):
            kind = rng.choice(list(ACTIVITY_TITLES))
            day = (end - datetime.timedelta(days=rng.uniform(0, max((end - case.received_at).days, 1)))).date()
            self.rows["activities"].append(self._activity(case, kind, rng.choice(ACTIVITY_TITLES[kind]), done=day))

    def _activity(self, case, kind, title, *, due=None, done=None, step=None):
        from gemeinwohl.advice.models import Activity

        minutes = self.rng.choice([15, 20, 30, 45, 60, 90, 120]) if done else None
        return Activity(
            case=case,
            kind=kind,
            title=title,
            step=step,
            assignee=case.assignee,
            due_date=due,
            done_on=done,
            minutes=minutes,
            created_by=case.assignee,
        )

    def _referrals(self, case, *, organisations: list, weights: list, at: datetime.datetime) -> None:
        from gemeinwohl.advice.models import Referral

        rng = self.rng
        recent = (datetime.datetime.now(BERLIN) - at).days < 60
        chosen = set(rng.choices(organisations, weights, k=rng.choices([1, 2], [80, 20])[0]))
        for organisation in chosen:
            outcome = rng.choices(*(REFERRAL_OUTCOMES_RECENT if recent else REFERRAL_OUTCOMES_FINISHED))[0]
            self.rows["referrals"].append(
                Referral(
                    case=case,
                    organisation=organisation,
                    referred_on=at.date(),
                    outcome=outcome,
                    reason="Fachberatung",
                    created_by=case.assignee,
                )
            )
            self.rows["links"].append(case.organisations.through(case=case, organisation=organisation))


def seed(volume: int) -> dict:
    from django.db import connection

    from gemeinwohl.accounts.actions import user_create
    from gemeinwohl.accounts.models import Role
    from gemeinwohl.advice.models import Activity, Case, CaseShare, CaseTopic, Note, Referral, StateChange

    rng = random.Random(RANDOM_SEED)
    today = datetime.date.today()
    team = [bench_account(role=Role.TEAM_INTERNAL), bench_account(role=Role.TEAM_EXTERNAL)]
    team += [
        user_create(email=f"bench-team-{n}@bench.example", name=f"Bench Team {n}", role=Role.TEAM_EXTERNAL)
        for n in range(TEAM_SIZE - len(team))
    ]
    bezirksamt = bench_account(role=Role.BEZIRKSAMT)
    organisations = _organisations(rng, team[0])
    # A few organisations receive most referrals (Mieterberatung, the cooperative advice, the district office).
    weights = [1 / (rank + 1) for rank in range(len(organisations))]

    builder = _Seed(rng)
    received = [_moment(day, rng) for day in _received_days(rng, volume, today)]
    cases = [builder.case(index, at, team=team) for index, at in enumerate(received, start=1)]
    topic_keys = [case.topic_keys for case in cases]
    cases = Case.objects.bulk_create(cases, batch_size=2000)
    for case, keys in zip(cases, topic_keys, strict=True):
        case.topic_keys = keys
        builder.history(case, bezirksamt=bezirksamt, organisations=organisations, weights=weights)
    Case.objects.bulk_update(cases, ["state", "closed_at", "first_response_at"], batch_size=2000)
    rows = builder.rows
    CaseTopic.objects.bulk_create(rows["topics"], batch_size=5000)
    StateChange.objects.bulk_create(rows["changes"], batch_size=5000)
    Activity.objects.bulk_create(rows["activities"], batch_size=5000)
    Note.objects.bulk_create(rows["notes"], batch_size=5000)
    Referral.objects.bulk_create(rows["referrals"], batch_size=5000)
    Case.organisations.through.objects.bulk_create(rows["links"], batch_size=5000, ignore_conflicts=True)
    CaseShare.objects.bulk_create(rows["shares"], batch_size=5000)

    # bulk_create stamps every row "now"; date them by their case, as the actions would have.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE advice_case SET created_at = received_at,"
            " updated_at = GREATEST(received_at, COALESCE(closed_at, first_response_at, received_at))"
        )
        for table in ("advice_note", "advice_activity", "advice_referral"):
            cursor.execute(
                f"UPDATE {table} AS row SET created_at = c.received_at, updated_at = c.updated_at"  # noqa: S608 (fixed names)
                " FROM advice_case AS c WHERE c.id = row.case_id"
            )
        # The shared note is the first response.
        cursor.execute(
            "UPDATE advice_note AS row SET created_at = c.first_response_at, updated_at = c.first_response_at"
            " FROM advice_case AS c WHERE c.id = row.case_id AND row.shared_with_requester"
        )
    return {
        "cases": len(cases),
        "topics": len(rows["topics"]),
        "state_changes": len(rows["changes"]),
        "activities": len(rows["activities"]),
        "notes": len(rows["notes"]),
        "referrals": len(rows["referrals"]),
        "organisations": len(organisations),
        "shares": len(rows["shares"]),
    }


def requests(volume: int) -> list[Request]:
    from gemeinwohl.accounts.models import Role
    from gemeinwohl.core.forms import years_later

    team = bench_account(role=Role.TEAM_EXTERNAL).email
    today = datetime.date.today()
    five_years = f"von={years_later(today, -YEARS) + datetime.timedelta(days=1)}&bis={today}"
    return [
        Request("case-list", "/beratung/faelle/", team),
        Request("figures-this-year", "/beratung/auswertung/", team),
        Request("figures-five-years", f"/beratung/auswertung/?{five_years}", team),
        Request("figures-export-xlsx", f"/beratung/auswertung/export.xlsx?{five_years}", team),
        Request("figures-export-csv", f"/beratung/auswertung/export.csv?{five_years}", team),
    ]
