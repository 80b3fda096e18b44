"""Events at the size of many busy years: the calendar with 2,000 events, a registration list of 1,000, the last seats.

The issue: "bench/ gets the calendar page (2,000 events) and concurrent
registrations; results written to a file."

One unit of volume is one event. Three quarters lie ahead (over the next
twelve months), a quarter in the past year, in the five formats (workshops and
Werkstattgespräche most often); 80 % public, 10 % for the team, 10 %
administration-internal. Most have 0 to 30 registrations from the sectors
registrants choose; past ones have their attendance recorded and closed. One
event, the "Jahresforum Gemeinwohl" four weeks ahead, has 1,000 registrations
(800 places, 150 on the waitlist, 50 cancelled) with an answer each to its
question.

The seed writes with ``bulk_create`` and bypasses ``gemeinwohl.events.actions``:
50,000 registrations through ``registration_register`` would take minutes and
measure nothing this benchmark is about. It builds rows as the actions would:
no more places than capacity, waitlisted and cancelled registrations with their
moments, attendance only on past events, one active registration per address.
The accounts come from ``accounts.actions.user_create``.

Besides the pages measured through gunicorn (see ``requests``), ``in_process``
measures in this process: the selectors behind the calendar and the
registration list (``selectors.calendar_events``, ``selectors.registration_list``)
with their queries, and N registrations at once through the real action, each in
its own thread with its own PostgreSQL connection, for an event with few seats:
the time they take and that nobody is overbooked.
"""

import datetime
import random
import statistics
import threading
import time
from zoneinfo import ZoneInfo

from bench.scenarios import Request, bench_account

DESCRIPTION = "Veranstaltungen: Kalender mit 2.000 Veranstaltungen, Anmeldeliste mit 1.000, gleichzeitige Anmeldungen"
DEFAULT_VOLUME = 2_000
QUICK_VOLUME = 200
SEED_VERSION = 1

RANDOM_SEED = 20_261_125
BERLIN = ZoneInfo("Europe/Berlin")
BIG_EVENT = "Jahresforum Gemeinwohl"
BIG_REGISTRATIONS = 1_000
BIG_CAPACITY, BIG_WAITING, BIG_CANCELLED = 800, 150, 50
CONCURRENT = 40  # registrations at once
CONCURRENT_SEATS = 5
SELECTOR_RUNS = 7

# fmt: off
FORMAT_WEIGHTS = {
    "workshop": 30, "werkstattgespraech": 30, "fachveranstaltung": 15, "kiezspaziergang": 15, "netzwerktreffen": 10,
}
SECTOR_WEIGHTS = {
    "zivilgesellschaft": 55, "gemeinwohlwirtschaft": 15, "verwaltung": 15, "politik": 5, "sonstige": 5, "": 5,
}
TOPICS = [
    "Gemeinwohl im Erdgeschoss", "Eine Genossenschaft gründen", "Erbbaurecht für Initiativen", "Konzeptverfahren",
    "Räume für Initiativen", "Vorkaufsrecht im Bezirk", "Bodenfonds", "Zwischennutzung", "Kooperative Stadt",
    "Gewerbemieten", "Gemeinschaftsgärten", "Beteiligung in der Bauleitplanung",
]
PLACES = [
    ("Rathaus Kreuzberg, BVV-Saal", "Yorckstraße 4–11, 10965 Berlin"),
    ("Kiezladen Boxhagener Eck", "Boxhagener Straße 1, 10245 Berlin"),
    ("Nachbarschaftshaus Urbanstraße", "Urbanstraße 21, 10961 Berlin"),
    ("LokalBau Plattform", "Skalitzer Straße 80, 10997 Berlin"),
]
# fmt: on


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), BERLIN)


def _registration(event, number: int, rng: random.Random, *, status: str, at: datetime.datetime, past: bool):
    from gemeinwohl.events.models import Registration

    registration = Registration(
        event=event,
        status=status,
        name=f"Teilnehmerin {number}",
        email=f"person{number}@bench.example",
        sector=rng.choices(list(SECTOR_WEIGHTS), list(SECTOR_WEIGHTS.values()))[0],
        organisation=rng.choice(["", "Initiative Wrangelkiez", "Stadtentwicklungsamt", "Hausverein Samariterkiez"]),
        photo_consent=rng.random() < 0.6,
    )
    if status == "angemeldet":
        registration.confirmed_at = at
        if past:
            registration.attended = rng.random() < 0.8
    elif status == "warteliste":
        registration.waitlisted_at = at
    else:
        registration.confirmed_at, registration.cancelled_at = at, at + datetime.timedelta(days=2)
    return registration


def seed(volume: int) -> dict:
    from gemeinwohl.accounts.models import Role
    from gemeinwohl.events.models import Event, EventFormat, Registration, RegistrationAnswer, RegistrationQuestion

    rng = random.Random(RANDOM_SEED)
    team = bench_account(role=Role.TEAM_INTERNAL)
    bench_account(role=Role.TEAM_EXTERNAL)
    formats = {event_format.slug: event_format for event_format in EventFormat.objects.all()}
    today = datetime.date.today()
    now = datetime.datetime.now(BERLIN)

    events = []
    for number in range(volume - 1):
        ahead = rng.random() < 0.75
        day = today + datetime.timedelta(days=rng.randint(1, 365) if ahead else -rng.randint(1, 365))
        start = _moment(day, rng.choice([10, 14, 16, 17, 18, 19]))
        slug = rng.choices(list(FORMAT_WEIGHTS), list(FORMAT_WEIGHTS.values()))[0]
        venue, address = rng.choice(PLACES)
        events.append(
            Event(
                title=f"{formats[slug].name}: {rng.choice(TOPICS)} ({number + 1})",
                event_format=formats[slug],
                summary="Initiativen, Verwaltung und Politik im Gespräch.",
                start=start,
                end=start + datetime.timedelta(hours=rng.choice([1, 2, 2, 3])),
                venue_name=venue,
                address=address,
                visibility=rng.choices([0, 20, 30], [80, 10, 10])[0],
                capacity=rng.choice([None, 15, 20, 30, 40, 60]),
                attendance_closed_at=None if ahead else start + datetime.timedelta(hours=3),
                created_by=team,
            )
        )
    forum_start = _moment(today + datetime.timedelta(days=28), 10)
    forum = Event(
        title=BIG_EVENT,
        event_format=formats["fachveranstaltung"],
        summary="Das große Treffen aller, die im Bezirk gemeinwohlorientiert bauen, wohnen und arbeiten.",
        start=forum_start,
        end=forum_start + datetime.timedelta(hours=7),
        venue_name=PLACES[0][0],
        address=PLACES[0][1],
        visibility=0,
        capacity=BIG_CAPACITY,
        created_by=team,
    )
    events = Event.objects.bulk_create([*events, forum], batch_size=2000)
    forum = events[-1]

    registrations, number = [], 0
    for event in events[:-1]:
        past = event.start < now
        wanted = rng.randint(0, 30)
        capacity = event.capacity or wanted
        for index in range(wanted):
            number += 1
            at = event.start - datetime.timedelta(days=rng.randint(1, 40), minutes=index)
            status = "angemeldet" if index < capacity else "warteliste"
            if rng.random() < 0.05:
                status = "abgemeldet"
            registrations.append(_registration(event, number, rng, status=status, at=at, past=past))
    forum_rows = []
    for index in range(BIG_REGISTRATIONS):
        number += 1
        at = forum_start - datetime.timedelta(days=60) + datetime.timedelta(minutes=50 * index)
        if index < BIG_CAPACITY:
            status = "angemeldet"
        elif index < BIG_CAPACITY + BIG_WAITING:
            status = "warteliste"
        else:
            status = "abgemeldet"
        forum_rows.append(_registration(forum, number, rng, status=status, at=at, past=False))
    Registration.objects.bulk_create(registrations, batch_size=5000)
    forum_rows = Registration.objects.bulk_create(forum_rows, batch_size=5000)
    question = RegistrationQuestion.objects.create(event=forum, label="An welchem Thementisch möchten Sie mitarbeiten?")
    RegistrationAnswer.objects.bulk_create(
        [
            RegistrationAnswer(registration=registration, question=question, value=rng.choice(TOPICS))
            for registration in forum_rows
        ],
        batch_size=5000,
    )
    return {
        "events": len(events),
        "registrations": len(registrations) + len(forum_rows),
        "forum_registrations": len(forum_rows),
        "answers": len(forum_rows),
    }


def _forum():
    from gemeinwohl.events.models import Event

    return Event.objects.get(title=BIG_EVENT)


def requests(volume: int) -> list[Request]:
    """The pages; calendar and registration list are built by other helpers and may answer 404 before the merge."""
    from gemeinwohl.accounts.models import Role

    team = bench_account(role=Role.TEAM_EXTERNAL).email
    forum = _forum()
    today = datetime.date.today()
    year = f"von={today - datetime.timedelta(days=365)}&bis={today + datetime.timedelta(days=365)}"
    return [
        Request("calendar-anonymous", "/veranstaltungen/"),
        Request("calendar-team", "/veranstaltungen/", team),
        Request("calendar-month-anonymous", f"/veranstaltungen/monat/{today.year}/{today.month}/"),
        Request("feed-anonymous", "/veranstaltungen/kalender.ics"),
        Request("registration-list", f"/veranstaltungen/{forum.pk}/anmeldungen/", team),
        Request("registration-export-csv", f"/veranstaltungen/{forum.pk}/anmeldungen/export.csv", team),
        Request("figures-two-years", f"/veranstaltungen/zahlen/?{year}", team),
        Request("dashboard", "/uebersicht/", team),
    ]


# --- measured in process ------------------------------------------------------------------------


def _timed(function, runs: int = SELECTOR_RUNS) -> dict:
    """Run ``function`` once to warm up, then ``runs`` times: median and slowest time, queries of one run, rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    function()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        rows = function()
        times.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as captured:
        function()
    return {
        "rows": rows,
        "queries": len(captured.captured_queries),
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "runs": runs,
    }


def _selectors() -> dict:
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    from gemeinwohl.accounts.models import Role
    from gemeinwohl.events import selectors

    team = bench_account(role=Role.TEAM_EXTERNAL)
    forum = _forum()

    def calendar(reader, **bounds):
        return lambda: len(list(selectors.calendar_events(fetched_by=reader, **bounds)))

    def registration_list():
        # The page's columns: each registration with its answers.
        rows = list(selectors.registration_list(event=forum, fetched_by=team))
        for row in rows:
            list(row.answers.all())
        return len(rows)

    return {
        "calendar_events-all-anonymous": _timed(calendar(AnonymousUser())),
        "calendar_events-all-team": _timed(calendar(team)),
        "calendar_events-upcoming-anonymous": _timed(calendar(AnonymousUser(), start=timezone.now())),
        "registration_list-1000": _timed(registration_list),
    }


def _concurrent_registrations(count: int, seats: int) -> dict:
    """``count`` registrations at once for a new event with ``seats`` places; the event is removed afterwards."""
    from django.db import connection

    from gemeinwohl.accounts.models import Role
    from gemeinwohl.events import actions, mails
    from gemeinwohl.events.actions import EventInput, RegistrationInput
    from gemeinwohl.events.models import EventFormat, Registration

    team = bench_account(role=Role.TEAM_INTERNAL)
    start = datetime.datetime.now(BERLIN) + datetime.timedelta(days=14)
    event = actions.event_create(
        data=EventInput(
            title="Bench: die letzten Plätze",
            event_format=EventFormat.objects.get(slug="workshop"),
            start=start,
            end=start + datetime.timedelta(hours=2),
            venue_name="Rathaus Kreuzberg",
            capacity=seats,
        ),
        by=team,
    )
    barrier = threading.Barrier(count)
    durations, statuses, errors = [], [], []
    lock = threading.Lock()

    def register(number: int):
        try:
            barrier.wait(timeout=30)
            began = time.perf_counter()
            registration = actions.registration_register(
                event=event,
                data=RegistrationInput(name=f"Person {number}", email=f"gleichzeitig{number}@bench.example"),
            )
            with lock:
                durations.append((time.perf_counter() - began) * 1000)
                statuses.append(registration.status)
        except Exception as error:  # recorded, whatever it was
            with lock:
                errors.append(repr(error)[:200])
        finally:
            connection.close()

    # The registrants' mails are not part of this measurement (and not yet written).
    originals = {name: getattr(mails, name) for name in dir(mails) if name.startswith("send_")}
    for name in originals:
        setattr(mails, name, lambda **kwargs: None)
    try:
        threads = [threading.Thread(target=register, args=(number,)) for number in range(count)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = (time.perf_counter() - began) * 1000
    finally:
        for name, function in originals.items():
            setattr(mails, name, function)

    confirmed = Registration.objects.filter(event=event, status="angemeldet").count()
    waitlisted = Registration.objects.filter(event=event, status="warteliste").count()
    Registration.objects.filter(event=event).delete()
    event.delete()
    ordered = sorted(durations)
    return {
        "registrations": count,
        "seats": seats,
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "errors": errors,
        "overbooked": confirmed > seats,
        "everyone_served": confirmed + waitlisted == count,
        "wall_ms": round(wall, 1),
        "p50_ms": round(ordered[len(ordered) // 2], 1) if ordered else None,
        "p95_ms": round(ordered[max(0, -(-len(ordered) * 95 // 100) - 1)], 1) if ordered else None,
        "max_ms": round(ordered[-1], 1) if ordered else None,
    }


def in_process(volume: int, log=print) -> dict:
    """The selectors behind the calendar and the registration list, and registrations at once, measured here."""
    from django.db import connection

    results = {"selectors": _selectors()}
    for name, figures in results["selectors"].items():
        log(
            f"  {name}: {figures['rows']:,} rows, {figures['queries']} queries, "
            f"median {figures['median_ms']} ms, max {figures['max_ms']} ms"
        )
    if connection.vendor != "postgresql":
        results["concurrent"] = None
        log("  concurrent registrations: skipped, needs PostgreSQL")
        return results
    concurrent = results["concurrent"] = _concurrent_registrations(CONCURRENT, CONCURRENT_SEATS)
    log(
        f"  concurrent registrations: {concurrent['registrations']} at once for {concurrent['seats']} seats: "
        f"{concurrent['confirmed']} places, {concurrent['waitlisted']} waiting, overbooked: {concurrent['overbooked']}, "
        f"{len(concurrent['errors'])} errors; all done in {concurrent['wall_ms']} ms "
        f"(each p50 {concurrent['p50_ms']} ms, p95 {concurrent['p95_ms']} ms)"
    )
    return results
