"""Committees at the size the issue names: 5,000 meetings, one committee with 500, one meeting with 40 points.

The issue: "A meeting page with 40 agenda items, 200 documents and 100
attendees, and a committee page with 500 meetings (paginated) ... `bench/`
gets a scenario for the meeting page at large volume."

One unit of volume is one meeting. At the default volume there are 60
committees; one of them, a weekly plenum of a district network, has 500
meetings (a tenth of the volume) and among them the meeting the issue describes:
the annual plenum with exactly 40 agenda points, 200 documents, 100 attendees,
minutes on every point, 20 decisions and 30 tasks. The other 4,500 meetings
are spread over the other committees, weekly to six-weekly, back over some six
years and a few weeks ahead; together all meetings hold ten agenda points each
on average (50,000). Held meetings have attendance, minutes (approved, but for
each committee's latest), decisions and tasks; most have a document or two.
Titles, minutes and decisions are German and name the district's streets, Kieze
and procedures (Vorkaufsrecht, Milieuschutz, Konzeptverfahren).

The seed writes with ``bulk_create`` and bypasses ``gemeinwohl.committees.actions``:
240,000 rows through ``agenda_item_add`` and ``decision_record`` would take
many minutes and measure nothing the benchmark is about. It keeps the rules
the actions enforce by building the rows that way: content is never looser
than its container (committee → meeting → point → document, decision, task),
attendance and tasks name members of the committee, each attendance carries
its seat's sector, decisions are numbered per committee and year in the order
they were taken, approved minutes have a date, and no seat is public (that
needs the person's recorded consent). Document rows point at files that do not
exist: the pages only show their names and sizes. The accounts come from
``accounts.actions.user_create``, and the team account is tied to its
address-book entry through ``directory.actions.person_link_account``.
"""

import datetime
import hashlib
import random
from zoneinfo import ZoneInfo

from bench.scenarios import Request, bench_account

DESCRIPTION = "Gremien: Sitzung mit 40 Punkten, Gremium mit 500 Sitzungen, Gremienliste, Übersicht, PDF, Kalender"
DEFAULT_VOLUME = 5_000
QUICK_VOLUME = 500
SEED_VERSION = 1

RANDOM_SEED = 20_260_115
BERLIN = ZoneInfo("Europe/Berlin")

# The meeting page, the same at every volume: it is what the scenario is about.
BIG_SLUG = "plenum-netzwerk-gemeinwohl"
BIG_TITLE = "Jahresplenum mit Haushaltsberatung"
BIG_ITEMS, BIG_DOCUMENTS, BIG_ATTENDEES, BIG_DECISIONS, BIG_TASKS = 40, 200, 100, 20, 30
BIG_SEATS, BIG_FORMER_SEATS = 110, 15
ITEMS_PER_MEETING = 10  # on average, over all meetings
COMMITTEES_AT_DEFAULT = 60

# fmt: off
KIEZE = [
    "Wrangelkiez", "Graefekiez", "Reichenberger Kiez", "Samariterkiez", "Boxhagener Kiez", "Bergmannkiez",
    "Chamissokiez", "Wassertorkiez", "Mehringplatz", "Südliche Friedrichstadt", "Stralauer Kiez", "Nordkiez",
    "Lausitzer Platz", "Rudolfkiez", "Viktoriakiez", "Luisenstadt",
]
STREETS = [
    "Oranienstraße", "Wrangelstraße", "Skalitzer Straße", "Bergmannstraße", "Gneisenaustraße", "Boxhagener Straße",
    "Wühlischstraße", "Simon-Dach-Straße", "Reichenberger Straße", "Manteuffelstraße", "Görlitzer Straße",
    "Mariannenstraße", "Dieffenbachstraße", "Urbanstraße", "Zossener Straße", "Friesenstraße", "Rigaer Straße",
    "Frankfurter Allee", "Kopernikusstraße", "Revaler Straße", "Lausitzer Straße", "Wiener Straße",
]
TOPICS = [
    "Vorkaufsrecht", "Milieuschutz", "Bodenpolitik", "Gewerbemieten", "Raumsicherung", "Konzeptverfahren",
    "Erbbaurecht", "Klimaanpassung", "Beteiligung", "Soziale Infrastruktur", "Kultur und Ateliers",
    "Verkehrswende", "Wohnungslosigkeit", "Genossenschaften", "Jugend", "Grün und Freiraum",
]
SITES = [
    "Spreeufer-Nord", "Dragonerareal", "Blumengroßmarkt", "Ratiborstraße", "Rathausblock", "Böcklerpark",
    "Ostkreuz-Süd", "Postscheckamt", "Lindenstraße", "Schlesisches Tor",
]
INITIATIVES = [
    "Initiative Wrangelkiez bleibt", "Kiezladen Boxhagener Eck", "Stadtteilgarten Spreeufer", "Mieterrat Südliche Friedrichstadt",
    "Hausgemeinschaft Reichenberger 63", "Atelierhaus Lausitzer Straße", "Bündnis Graefekiez für alle",
    "Nachbarschaftshaus Urbanstraße e.V.", "Kulturverein Mehringplatz e.V.", "Genossenschaft Spreefeld eG",
]
OFFICES = [
    "Stadtentwicklungsamt", "Straßen- und Grünflächenamt", "Amt für Soziales", "Jugendamt", "Facility Management",
    "Wirtschaftsförderung", "Sozialraumorientierte Planungskoordination", "Amt für Weiterbildung und Kultur",
]
ORGANISERS = [
    ("AKS Gemeinwohl", "AKS", "sonstige"), ("Bezirksamt Friedrichshain-Kreuzberg", "BA", "verwaltung"),
    ("Stadtentwicklungsamt Friedrichshain-Kreuzberg", "", "verwaltung"),
    ("Büro des Bezirksstadtrats für Stadtentwicklung", "", "verwaltung"),
    ("Verein Gemeinwohlorientierte Stadtentwicklung e.V.", "VGS", "zivilgesellschaft"),
    ("Netzwerk Gemeinwohl Friedrichshain-Kreuzberg", "NGFK", "zivilgesellschaft"),
    ("Quartiersmanagement Mehringplatz", "QM", "gemeinwohlwirtschaft"),
    ("Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen", "SenSBW", "verwaltung"),
    *[(name, "", "zivilgesellschaft") for name in INITIATIVES],
]
# Committee names: (pattern, kind, interval in days, weekday, hour); filled with a topic, Kiez, office or site.
COMMITTEE_PATTERNS = [
    ("AG {topic}", "eigenes_gremium", 28, 1, 17),
    ("Kiezrunde {kiez}", "netzwerk", 28, 2, 19),
    ("Jour-Fixe {office}", "externe_runde", 14, 0, 10),
    ("Runder Tisch {topic}", "externe_runde", 42, 3, 16),
    ("Lenkungsgruppe Konzeptverfahren {site}", "externe_runde", 28, 4, 9),
    ("Fachrunde {topic}", "netzwerk", 42, 2, 14),
    ("Beirat {kiez}", "externe_runde", 42, 1, 18),
    ("Vorstand {initiative}", "vereinsgremium", 14, 0, 19),
]
COMMITTEE_LEVELS = ([0, 10, 20, 30], [50, 25, 15, 10])
RHYTHM_TEXT = {7: "wöchentlich", 14: "vierzehntäglich", 28: "monatlich", 42: "alle sechs Wochen"}
WEEKDAYS = ["montags", "dienstags", "mittwochs", "donnerstags", "freitags"]
PLACES = [
    ("Sitzungsraum 2.03", "Rathaus Kreuzberg, Yorckstraße 4–11, 10965 Berlin"),
    ("Raum 1101", "Rathaus Friedrichshain, Frankfurter Allee 35/37, 10247 Berlin"),
    ("Großer Saal", "Nachbarschaftshaus Urbanstraße, Urbanstraße 21, 10961 Berlin"),
    ("Ladenlokal", "Kiezladen Boxhagener Eck, Boxhagener Straße 1, 10245 Berlin"),
    ("Werkstatt", "Stadtteilgarten Spreeufer, Köpenicker Straße 70, 10179 Berlin"),
    ("Büro der AKS", "AKS Gemeinwohl, Oranienstraße 45, 10969 Berlin"),
    ("", ""),  # online only
]
ITEM_TITLES = [
    "Vorkaufsrecht: Prüffall {street} {number}",
    "Vorkaufsrecht: Abwendungsvereinbarung {street} {number}",
    "Milieuschutz: Modernisierungsankündigung {street} {number}",
    "Milieuschutz: Umwandlungen im {kiez}",
    "Konzeptverfahren {site}: Stand der Ausschreibung",
    "Konzeptverfahren {site}: Kriterien für eine gemeinwohlorientierte Vergabe",
    "Erbbaurecht: Vergabe des Grundstücks {street} {number}",
    "Gewerbemieten: Kündigung des Ladens {street} {number}",
    "Raumsicherung für {initiative}",
    "Bericht aus der AG {topic}",
    "Bericht aus dem AKS-Team",
    "Berichte aus den Initiativen",
    "Anfragen aus der Bezirksverordnetenversammlung",
    "Stellungnahme zum Bebauungsplan {bplan}",
    "Beteiligung: Auswertung der Kiezwerkstatt {kiez}",
    "Klimaanpassung: Hitzeschutz im {kiez}",
    "Soziale Infrastruktur: Kita- und Schulplätze im {kiez}",
    "Haushalt {year}: Mittelanmeldung der AKS Gemeinwohl",
    "Nachbarschaftsfest im {kiez}: Planung",
    "Grün und Freiraum: Umgestaltung des Platzes an der {street}",
    "Verkehrswende: Kiezblock {kiez}",
    "Wohnungslosigkeit: Unterbringung in der {street}",
    "Aktuelles aus dem {office}",
    "Termine und Veranstaltungen",
]
OPENING = "Begrüßung, Tagesordnung und Protokoll der letzten Sitzung"
CLOSING = "Verschiedenes"
PRESENTERS = ["AKS-Team", "Stadtentwicklungsamt", "Bezirksstadtrat", "Sprecher*innenrat", "", "", ""]
DESCRIPTIONS = [
    "Die Unterlagen liegen als Anlage bei.",
    "Das Amt stellt den Sachstand vor; anschließend Aussprache.",
    "Vorbereitet von der AG {topic}. Bitte die Anlage vorab lesen.",
    "Die Frist endet in vier Wochen; eine Position der Runde wird gebraucht.",
    "", "", "",
]
MINUTES_SENTENCES = [
    "Das AKS-Team berichtet über den Stand der Gespräche mit dem {office}.",
    "Die Initiativen schildern die Lage in der {street}; mehrere Mieter*innen haben sich gemeldet.",
    "Das Stadtentwicklungsamt erläutert die Prüfpraxis in den Erhaltungsgebieten.",
    "Nachfragen betreffen den Zeitplan und die Beteiligung der Hausgemeinschaft.",
    "Die Runde bespricht Abwendungsvereinbarungen als Ausweg.",
    "Die Verwaltung sagt eine schriftliche Antwort bis zur nächsten Sitzung zu.",
    "Es wird vereinbart, die Betroffenen früher zu informieren.",
    "Die Runde nimmt den Bericht zur Kenntnis.",
    "Die Diskussion wird in der AG {topic} fortgesetzt.",
    "Kritisch angemerkt wird, dass die Unterlagen zu spät verschickt wurden.",
    "Der Entwurf der Stellungnahme wird mit zwei Änderungen gebilligt.",
    "Für das Grundstück {street} {number} liegen drei Konzepte vor.",
]
DECISIONS = [
    "{body} unterstützt die Stellungnahme zu „{title}“ in der vorgelegten Fassung.",
    "{body} bittet das Bezirksamt, das Vorkaufsrecht für {street} {number} zu prüfen.",
    "{body} empfiehlt, das Grundstück {street} {number} im Erbbaurecht zu vergeben.",
    "{body} beschließt den Haushaltsentwurf für {year} mit den besprochenen Änderungen.",
    "{body} nimmt den Bericht zur Kenntnis.",
    "{body} beauftragt die AG {topic}, bis zur nächsten Sitzung einen Vorschlag zu erarbeiten.",
]
TASKS = [
    "Stellungnahme zu „{title}“ entwerfen",
    "Termin mit dem {office} zu {street} {number} vereinbaren",
    "Mieter*innen der {street} {number} über die Frist informieren",
    "Raumangebote für {initiative} sammeln",
    "Protokoll an die Fraktionen der BVV weiterleiten",
    "Einladung zur Kiezversammlung im {kiez} verschicken",
    "Übersicht der laufenden Prüffälle aktualisieren",
    "Unterlagen zu {site} beim Stadtentwicklungsamt anfordern",
]
DOCUMENTS = [
    ("Präsentation {topic}", "pdf"), ("Stellungnahme (Entwurf)", "docx"), ("Lageplan {street} {number}", "pdf"),
    ("Schreiben des {office}", "pdf"), ("Kostenaufstellung", "xlsx"), ("Fotos der Begehung", "jpg"),
    ("Beschlussvorlage", "pdf"), ("Antrag der Initiative", "pdf"), ("Gutachten {site}", "pdf"),
    ("Mieter*innenbefragung {kiez}", "pdf"),
]
GENERAL_DOCUMENTS = [
    ("Einladung und Tagesordnung", "pdf"), ("Protokoll der letzten Sitzung", "pdf"), ("Haushaltsentwurf {year}", "xlsx"),
    ("Sachbericht {year}", "pdf"), ("Teilnahmeliste", "pdf"), ("Präsentation des AKS-Teams", "pdf"),
]
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
}
MAIL_PROVIDERS = ["posteo.de", "gmx.de", "web.de", "mailbox.org", "riseup.net"]
# fmt: on

SECTORS = (["zivilgesellschaft", "gemeinwohlwirtschaft", "politik", "verwaltung", "sonstige"], [45, 15, 12, 20, 8])
ROLE_ORDER = ["vorsitz", "stellvertretung", "moderation", "protokoll"]  # the first seats; then members and guests


def _ascii(text: str) -> str:
    text = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("*", "")):
        text = text.replace(umlaut, spelled)
    text = "".join(c if c.isascii() and c.isalnum() else "-" for c in text)
    while "--" in text:
        text = text.replace("--", "-")
    return text.strip("-")


class _Text:
    """German titles and texts filled with the district's streets, Kieze, sites and offices."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def fill(self, template: str, **extra) -> str:
        rng = self.rng
        values = {
            "street": rng.choice(STREETS),
            "number": rng.randint(1, 180),
            "kiez": rng.choice(KIEZE),
            "topic": rng.choice(TOPICS),
            "site": rng.choice(SITES),
            "initiative": rng.choice(INITIATIVES),
            "office": rng.choice(OFFICES),
            "bplan": f"{rng.choice(['2-', 'VI-', 'V-'])}{rng.randint(12, 160)}{rng.choice(['', 'a', 'b'])}",
            "year": extra.pop("year", 2026),
            **extra,
        }
        return template.format(**values)

    def minutes(self, sentences: int) -> str:
        chosen = self.rng.sample(MINUTES_SENTENCES, k=sentences)
        return " ".join(self.fill(sentence) for sentence in chosen)


def _short_name(name: str, *, taken: set[str]) -> str:
    """Initials ("AG Milieuschutz" → "AM"), lengthened from the last word where they are taken ("AMI")."""
    words = [word for word in name.replace("-", " ").split() if word[:1].isupper()]
    short = "".join(word[0] for word in words)[:6]
    last = _ascii(words[-1]).upper()
    for letter in last[1:]:
        if short not in taken:
            break
        short += letter
    return short


def _level(rng: random.Random, floor: int, weights=(60, 20, 15, 5)) -> int:
    """A level at least ``floor``: content is never looser than its container."""
    return max(floor, rng.choices([0, 10, 20, 30], weights)[0])


def _meeting_days(
    *, count: int, upcoming: int, interval: int, weekday: int, today: datetime.date
) -> list[datetime.date]:
    """``count`` meeting days every ``interval`` days on ``weekday``: ``upcoming`` ahead, the rest back from today.

    No meetings in the break around the turn of the year.
    """

    def in_break(day):
        return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 6)

    first = today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)
    days, day = [], first
    while len(days) < upcoming:
        if not in_break(day):
            days.append(day)
        day += datetime.timedelta(days=interval)
    day = first - datetime.timedelta(days=interval)
    while len(days) < count:
        if not in_break(day):
            days.append(day)
        day -= datetime.timedelta(days=interval)
    return sorted(days)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def _spread(rng: random.Random, total: int, parts: int, low: int, high: int) -> list[int]:
    """``parts`` random counts between ``low`` and ``high`` that add up to exactly ``total``."""
    if not low * parts <= total <= high * parts:
        raise ValueError(f"{total} does not fit into {parts} parts of {low} to {high}")
    counts = [rng.randint(low, high) for _ in range(parts)]
    difference = total - sum(counts)
    while difference:
        index = rng.randrange(parts)
        step = 1 if difference > 0 else -1
        if low <= counts[index] + step <= high:
            counts[index] += step
            difference -= step
    return counts


def seed(volume: int) -> dict:
    from django.db import connection
    from django.utils import timezone
    from faker import Faker

    from gemeinwohl.accounts.models import Role
    from gemeinwohl.committees.models import (
        AgendaItem,
        Attendance,
        Committee,
        Decision,
        Document,
        Invitation,
        Meeting,
        Membership,
        Minutes,
        MinutesEntry,
        MinutesRevision,
        Task,
    )
    from gemeinwohl.directory.actions import person_link_account
    from gemeinwohl.directory.models import ContactDetail, Organisation, Person

    rng = random.Random(RANDOM_SEED)
    text = _Text(rng)
    Faker.seed(RANDOM_SEED)
    faker = Faker(["de_DE", "tr_TR", "pl_PL"])
    editor = bench_account(role=Role.TEAM_INTERNAL)
    team = bench_account(role=Role.TEAM_EXTERNAL)
    now = timezone.now()
    today = timezone.localdate()

    n_committees = max(6, volume * COMMITTEES_AT_DEFAULT // DEFAULT_VOLUME)
    big_count = max(10, volume // 10)
    n_people = max(300, volume // 4)

    # --- organisations, people, the team account's own entry -------------------------------
    organisations = Organisation.objects.bulk_create(
        Organisation(name=name, short_name=short, sector=sector, visibility=0, created_by=editor)
        for name, short, sector in ORGANISERS
    )
    people, contacts = [], []
    for _ in range(n_people):
        locale = rng.choices(["de_DE", "tr_TR", "pl_PL"], [85, 9, 6])[0]
        people.append(
            Person(
                given_name=faker[locale].first_name(),
                family_name=faker[locale].last_name(),
                title=rng.choices(["", "Dr."], [94, 6])[0],
                visibility=rng.choices([0, 10, 20], [15, 35, 50])[0],
                created_by=editor,
            )
        )
    me = Person(given_name="Bench", family_name="Team extern", visibility=20, created_by=editor)
    people = Person.objects.bulk_create([*people, me], batch_size=1000)
    me = people.pop()
    person_link_account(person=me, account=team, by=editor)
    emails = {}
    for person in [*people, me]:
        emails[person.pk] = f"{_ascii(person.given_name)}.{_ascii(person.family_name)}@{rng.choice(MAIL_PROVIDERS)}"
        contacts.append(
            ContactDetail(
                person=person,
                kind="email",
                context="dienstlich",
                value=emails[person.pk],
                visibility=max(person.visibility, 10),
            )
        )
    ContactDetail.objects.bulk_create(contacts, batch_size=2000)

    # --- committees: the big plenum first, then names from the patterns --------------------
    specs = [
        {
            "name": "Plenum des Netzwerks Gemeinwohl Friedrichshain-Kreuzberg",
            "short_name": "PLENUM",
            "slug": BIG_SLUG,
            "kind": "netzwerk",
            "visibility": 0,
            "interval": 7,
            "weekday": 3,
            "hour": 18,
            "count": big_count,
            "upcoming": 4,
        }
    ]
    names, short_names = set(), {"PLENUM"}
    while len(specs) < n_committees:
        pattern, kind, interval, weekday, hour = rng.choice(COMMITTEE_PATTERNS)
        name = text.fill(pattern)
        if name in names:
            continue
        names.add(name)
        short_name = _short_name(name, taken=short_names)
        short_names.add(short_name)
        specs.append(
            {
                "name": name,
                "short_name": short_name,
                "slug": _ascii(name)[:60],
                "kind": kind,
                "visibility": rng.choices(*COMMITTEE_LEVELS)[0],
                "interval": interval,
                "weekday": weekday,
                "hour": hour,
                "upcoming": rng.choice([0, 1, 1, 2, 3]),
            }
        )
    # Committees that meet more often have more meetings: all look back some six years.
    weights = [rng.uniform(0.6, 1.4) * 28 / spec["interval"] for spec in specs[1:]]
    rest = volume - big_count
    counts = [max(3, round(rest * w / sum(weights))) for w in weights]
    counts[counts.index(max(counts))] += rest - sum(counts)
    for spec, count in zip(specs[1:], counts, strict=True):
        spec["count"] = count
        spec["upcoming"] = min(spec["upcoming"], count - 1)

    committees = Committee.objects.bulk_create(
        Committee(
            name=spec["name"],
            short_name=spec["short_name"],
            slug=spec["slug"],
            kind=spec["kind"],
            visibility=spec["visibility"],
            purpose=text.fill(
                "Die Runde bespricht {topic}, Vorhaben im {kiez} und die Stellungnahmen der AKS Gemeinwohl dazu."
            ),
            rhythm=f"{RHYTHM_TEXT[spec['interval']]}, {WEEKDAYS[spec['weekday']]} ab {spec['hour']} Uhr",
        )
        for spec in specs
    )
    big_committee = committees[0]
    Committee.organisers.through.objects.bulk_create(
        Committee.organisers.through(committee=committee, organisation=organisation)
        for committee in committees
        for organisation in [organisations[0], *rng.sample(organisations[1:], k=rng.choice([0, 1, 1, 2]))]
    )

    # --- seats: the plenum has 110 current and 15 former members, the others 8 to 24 --------
    memberships = []
    seats_of = {}
    for committee, spec in zip(committees, specs, strict=True):
        history_start = today - datetime.timedelta(days=spec["interval"] * spec["count"])
        plenum = committee is big_committee
        current = BIG_SEATS if plenum else rng.randint(8, 24)
        former = BIG_FORMER_SEATS if plenum else rng.randint(0, 4)
        chosen = rng.sample(people, k=current + former)
        level = max(committee.visibility, 10)
        seats = []
        for n, person in enumerate(chosen):
            role = ROLE_ORDER[n] if n < len(ROLE_ORDER) else rng.choices(["mitglied", "gast"], [92, 8])[0]
            start = None
            if rng.random() < 0.7:
                # Current seats began at least two months ago, so they sat through the big meeting.
                start = history_start + datetime.timedelta(
                    days=rng.randint(0, max(0, (today - history_start).days - 60))
                )
            end = None
            if n >= current:
                begun = start or history_start
                end = begun + datetime.timedelta(days=rng.randint(0, max(0, (today - begun).days - 30)))
            seats.append(
                Membership(
                    committee=committee,
                    person=person,
                    role=role,
                    sector=rng.choices(*SECTORS)[0],
                    start_date=start,
                    end_date=end,
                    visibility=level if rng.random() < 0.9 else max(level, 20),
                )
            )
        if plenum or rng.random() < 0.1:
            seats.append(
                Membership(
                    committee=committee,
                    person=me,
                    role="moderation" if plenum else "mitglied",
                    sector="sonstige",
                    visibility=level,
                )
            )
        seats_of[committee.pk] = seats
        memberships.extend(seats)
    Membership.objects.bulk_create(memberships, batch_size=2000)

    # --- meetings ---------------------------------------------------------------------------
    meetings = []
    for committee, spec in zip(committees, specs, strict=True):
        days = _meeting_days(
            count=spec["count"],
            upcoming=spec["upcoming"],
            interval=spec["interval"],
            weekday=spec["weekday"],
            today=today,
        )
        place = rng.choice(PLACES)
        for day in days:
            start = _at(day, spec["hour"])
            past = start < now
            if past:
                state = "abgesagt" if rng.random() < 0.03 else "durchgefuehrt"
            else:
                state = "eingeladen" if day - today < datetime.timedelta(days=14) else "geplant"
            room, address = place if rng.random() < 0.9 else rng.choice(PLACES)
            online = not room or rng.random() < 0.2
            meetings.append(
                Meeting(
                    committee=committee,
                    start=start,
                    end=start + datetime.timedelta(minutes=rng.choice([90, 120, 120, 150])),
                    room=room,
                    address=address,
                    online_url=f"https://meet.aks-gemeinwohl.de/{committee.slug}" if online else "",
                    state=state,
                    visibility=committee.visibility if rng.random() < 0.85 else _level(rng, committee.visibility),
                    invited_at=start - datetime.timedelta(days=10) if state != "geplant" else None,
                    created_by=editor,
                )
            )
    # The meeting: the plenum's second-latest held one, an annual plenum of an evening.
    big_meetings = [m for m in meetings if m.committee is big_committee]
    big = [m for m in big_meetings if m.start < now][-2]
    big.title, big.state, big.visibility = BIG_TITLE, "durchgefuehrt", 0
    big.room, big.address, big.online_url = PLACES[2][0], PLACES[2][1], ""
    big.end = big.start + datetime.timedelta(hours=3, minutes=30)
    meetings = Meeting.objects.bulk_create(meetings, batch_size=2000)

    # --- agenda items: 40 on the big meeting, the rest spread so that all add up exactly -----
    others = [m for m in meetings if m is not big]
    counts = _spread(rng, volume * ITEMS_PER_MEETING - BIG_ITEMS, len(others), 4, 16)
    items, items_of = [], {}
    for meeting, count in [(big, BIG_ITEMS), *zip(others, counts, strict=True)]:
        year = timezone.localtime(meeting.start).year
        if meeting is big:
            # Who reads how much of it: the public 28 points, the team 38, the administration all 40.
            levels = [0, *rng.sample([0] * 26 + [10] * 6 + [20] * 4 + [30] * 2, k=38), 0]
        else:
            levels = [meeting.visibility] + [_level(rng, meeting.visibility) for _ in range(count - 2)]
            levels.append(meeting.visibility)
        own = []
        for position, level in enumerate(levels, start=1):
            first, last = position == 1, position == count
            kind = rng.choices(["information", "beratung", "beschluss"], [25, 50, 25])[0]
            title = OPENING if first else CLOSING if last else text.fill(rng.choice(ITEM_TITLES), year=year + 1)
            own.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    title=title,
                    description="" if first or last else text.fill(rng.choice(DESCRIPTIONS)),
                    kind="information" if first or last else kind,
                    presenter="" if first or last else rng.choice(PRESENTERS),
                    visibility=level,
                )
            )
        items_of[meeting.pk] = own
        items.extend(own)
    AgendaItem.objects.bulk_create(items, batch_size=5000)

    # --- documents: 200 on the big meeting, 0 to 3 on others --------------------------------
    def document(meeting, item, template, year):
        title, extension = template
        title = text.fill(title, year=year)
        size = int(rng.lognormvariate(12.5, 1.2)) + 2_000
        return Document(
            meeting=meeting,
            agenda_item=item,
            title=title,
            file=f"gremien/{meeting.start:%Y/%m}/{_ascii(title)[:60]}-{rng.randrange(16**6):06x}.{extension}",
            file_name=f"{_ascii(title)[:80]}.{extension}",
            content_type=CONTENT_TYPES[extension],
            size=size,
            sha256=hashlib.sha256(f"{meeting.pk}-{title}-{size}".encode()).hexdigest(),
            visibility=_level(rng, item.visibility if item else meeting.visibility, (75, 15, 10, 0)),
            uploaded_by=editor,
        )

    documents = []
    for meeting in meetings:
        year = timezone.localtime(meeting.start).year
        own_items = items_of[meeting.pk][1:-1]
        if meeting is big:
            general = [None] * 40
            on_items = [rng.choice(own_items) for _ in range(BIG_DOCUMENTS - len(general))]
            for item in general + on_items:
                documents.append(
                    document(meeting, item, rng.choice(GENERAL_DOCUMENTS if item is None else DOCUMENTS), year)
                )
            continue
        for _ in range(rng.choices([0, 1, 2, 3], [40, 30, 20, 10])[0]):
            item = rng.choice(own_items) if own_items and rng.random() < 0.7 else None
            documents.append(
                document(meeting, item, rng.choice(GENERAL_DOCUMENTS if item is None else DOCUMENTS), year)
            )
    Document.objects.bulk_create(documents, batch_size=2000)

    # --- what held meetings leave: attendance, minutes, decisions, tasks ---------------------
    attendances, minutes, entries, decisions, tasks, invitations = [], [], [], [], [], []
    held = [m for m in meetings if m.state == "durchgefuehrt"]
    latest_held = {}
    for meeting in held:
        latest_held[meeting.committee_id] = meeting  # meetings are in date order per committee
    for meeting in held:
        day = timezone.localtime(meeting.start).date()
        valid = [
            seat
            for seat in seats_of[meeting.committee_id]
            if (seat.start_date is None or seat.start_date <= day) and (seat.end_date is None or seat.end_date >= day)
        ]
        if meeting is big:
            current = [seat for seat in valid if seat.end_date is None and seat.person is not me]
            came = rng.sample(current, k=BIG_ATTENDEES)
            statuses = ["anwesend"] * 82 + ["entschuldigt"] * 12 + ["abwesend"] * 6
            for seat in current:
                response = rng.choices(["zugesagt", "abgesagt", ""], [75, 15, 10])[0]
                invitations.append(
                    Invitation(
                        meeting=meeting,
                        person=seat.person,
                        email=emails[seat.person_id],
                        sent_at=meeting.invited_at,
                        response=response,
                        responded_at=meeting.invited_at + datetime.timedelta(days=rng.randint(1, 8))
                        if response
                        else None,
                    )
                )
        elif meeting.committee is big_committee:
            came = rng.sample(valid, k=min(len(valid), rng.randint(20, 50)))
            statuses = ["anwesend"] * len(came)
        else:
            came = valid
            statuses = rng.choices(["anwesend", "entschuldigt", "abwesend"], [75, 15, 10], k=len(came))
        attendances.extend(
            Attendance(meeting=meeting, person=seat.person, status=status, sector=seat.sector)
            for seat, status in zip(came, statuses, strict=True)
        )

        approved_at = meeting.start + datetime.timedelta(days=7 if meeting is big else rng.randint(14, 35))
        approved = (meeting is big or meeting is not latest_held[meeting.committee_id]) and approved_at < now
        record = Minutes(
            meeting=meeting,
            state="genehmigt" if approved else "entwurf",
            approved_at=approved_at if approved else None,
            approved_by=editor if approved else None,
        )
        minutes.append(record)
        own_items = items_of[meeting.pk]
        for item in own_items:
            entries.append(
                MinutesEntry(
                    minutes=record,
                    agenda_item=item,
                    text=text.minutes(rng.randint(3, 6) if meeting is big else rng.randint(1, 3)),
                    version=1,
                    updated_by=editor,
                )
            )

        body = "Das Plenum" if meeting.committee is big_committee else "Die Runde"
        if meeting is big:
            decided = sorted(rng.sample(own_items[1:-1], k=BIG_DECISIONS), key=lambda item: item.position)
            for item in decided:
                item.kind = "beschluss"
        else:
            decided = [
                item
                for item in own_items
                if (item.kind == "beschluss" and rng.random() < 0.8) or (item.kind == "beratung" and rng.random() < 0.1)
            ]
        for item in decided:
            voted = rng.random() < 0.4
            yes = rng.randint(5, 60) if voted else None
            decisions.append(
                Decision(
                    agenda_item=item,
                    text=text.fill(rng.choice(DECISIONS), body=body, title=item.title, year=meeting.start.year + 1),
                    result=rng.choices(["angenommen", "abgelehnt", "vertagt", "zur_kenntnis"], [70, 8, 10, 12])[0],
                    votes_yes=yes,
                    votes_no=rng.randint(0, 8) if voted else None,
                    votes_abstain=rng.randint(0, 6) if voted else None,
                    visibility=_level(rng, item.visibility, (85, 10, 5, 0)),
                    created_by=editor,
                )
            )

        members = [seat.person for seat in valid if seat.person is not me] or [None]
        n_tasks = BIG_TASKS if meeting is big else rng.choices([0, 1, 2], [55, 30, 15])[0]
        recent = now - meeting.start < datetime.timedelta(days=90)
        for n in range(n_tasks):
            item = rng.choice(own_items[1:-1] or own_items)
            if meeting is big:
                status = "offen" if n < 12 else "in_arbeit" if n < 20 else "erledigt"
                assignee = me if n % 5 == 0 else rng.choice(members)
            else:
                status = rng.choice(["offen", "in_arbeit"]) if recent and rng.random() < 0.7 else "erledigt"
                mine = any(seat.person is me for seat in valid) and rng.random() < 0.3
                assignee = me if mine else rng.choice(members) if rng.random() < 0.85 else None
            done = status == "erledigt"
            tasks.append(
                Task(
                    committee=meeting.committee,
                    meeting=meeting,
                    agenda_item=item,
                    title=text.fill(rng.choice(TASKS), title=item.title),
                    assignee=assignee,
                    due_date=timezone.localtime(meeting.start).date() + datetime.timedelta(days=rng.randint(7, 60)),
                    status=status,
                    done_at=meeting.start + datetime.timedelta(days=rng.randint(3, 40)) if done else None,
                    visibility=_level(rng, item.visibility, (80, 10, 10, 0)),
                    created_by=editor,
                )
            )

    # Decisions are numbered per committee and year in the order they were taken (e.g. PLENUM-2026/07).
    taken = {}
    for decision in decisions:  # held meetings go in date order per committee, points in order
        meeting = decision.agenda_item.meeting
        prefix = f"{meeting.committee.short_name}-{timezone.localtime(meeting.start).year}/"
        taken[prefix] = taken.get(prefix, 0) + 1
        decision.number = f"{prefix}{taken[prefix]:02d}"

    AgendaItem.objects.bulk_update(items_of[big.pk], ["kind"])
    Attendance.objects.bulk_create(attendances, batch_size=5000)
    Invitation.objects.bulk_create(invitations)
    Minutes.objects.bulk_create(minutes, batch_size=2000)
    MinutesEntry.objects.bulk_create(entries, batch_size=5000)
    MinutesRevision.objects.bulk_create(
        (MinutesRevision(entry=entry, version=1, text=entry.text, author=editor) for entry in entries),
        batch_size=5000,
    )
    Decision.objects.bulk_create(decisions, batch_size=5000)
    Task.objects.bulk_create(tasks, batch_size=5000)

    # bulk_create stamps every row "now"; date them by their meeting as the pages would have made them,
    # so that "open tasks from earlier meetings" and the calendars' change dates read real data.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE committees_meeting SET created_at = start - interval '21 days',"
            " updated_at = LEAST(start + interval '1 day', now())"
        )
        for table, created in (
            ("committees_agendaitem", "m.start - interval '14 days'"),
            ("committees_document", "m.start - interval '3 days'"),
            ("committees_task", "m.start + interval '3 hours'"),
        ):
            cursor.execute(
                f"UPDATE {table} t SET created_at = {created}, updated_at = LEAST(m.start + interval '1 day', now())"  # noqa: S608 (fixed names)
                " FROM committees_meeting m WHERE t.meeting_id = m.id"
            )

    return {
        "committees": len(committees),
        "meetings": len(meetings),
        "big_committee_meetings": len(big_meetings),
        "agenda_items": len(items),
        "documents": len(documents),
        "people": len(people) + 1,
        "memberships": len(memberships),
        "attendances": len(attendances),
        "invitations": len(invitations),
        "minutes": len(minutes),
        "minutes_entries": len(entries),
        "decisions": len(decisions),
        "tasks": len(tasks),
    }


def requests(volume: int) -> list[Request]:
    from gemeinwohl.accounts.models import Role
    from gemeinwohl.committees.models import Meeting

    team = bench_account(role=Role.TEAM_EXTERNAL).email
    meeting = Meeting.objects.get(committee__slug=BIG_SLUG, title=BIG_TITLE)
    committee = f"/gremien/{BIG_SLUG}/"
    planned = []
    for suffix, reader in (("", team), ("-anonymous", None)):
        planned += [
            Request(f"meeting{suffix}", f"/sitzungen/{meeting.pk}/", reader),
            Request(f"committee{suffix}", committee, reader),
            Request(f"committee-page-20{suffix}", f"{committee}?seite=20", reader),
            Request(f"committee-list{suffix}", "/gremien/", reader),
            Request(f"agenda-pdf{suffix}", f"/sitzungen/{meeting.pk}/tagesordnung.pdf", reader),
        ]
    return [
        *planned,
        Request("dashboard", "/uebersicht/", team),
        # A calendar program subscribes without a session: the feed is the same for everyone.
        Request("committee-feed-anonymous", f"{committee}kalender.ics"),
    ]
