"""The address book at the size of a working AKS: 5,000 people and 1,000 organisations.

The issue: "The address-book list with 5,000 people and 1,000 organisations
shows a page in a number of queries that does not grow with the rows."

One unit of volume is one person; there is one organisation for every five
people. People have 1 to 3 contact details and up to 2 affiliations, people and
organisations up to 3 topics, all four visibility levels occur, a few entries are
archived. Names are German (Faker de_DE) with the Turkish and Polish share of
a Berlin district, and the common surnames as common as they really are, so
that a search for "Müller" finds a realistic handful rather than one row.

The seed writes with ``bulk_create`` and bypasses the actions of
``gemeinwohl.directory.actions``: 20,000 rows through ``person_create`` would
take minutes and measure nothing the benchmark is about. It keeps the rules
those actions enforce (a child is never looser than its entry, private
contacts are at least "team", every person has a family name) by building the
rows that way. The accounts are made through ``accounts.actions.user_create``
and the topics through ``directory.actions.topic_get_or_create``.
"""

import random
import unicodedata
from datetime import date, timedelta
from urllib.parse import quote

from bench.scenarios import Request, bench_account

DESCRIPTION = "Adressbuch: Personenliste, Suche, Filter, Organisationen, Detailseite, CSV-Export, Übersicht"
DEFAULT_VOLUME = 5_000
QUICK_VOLUME = 500
SEED_VERSION = 2

PEOPLE_PER_ORGANISATION = 5
RANDOM_SEED = 20_250_501

# fmt: off
TOPICS = [
    "Vorkaufsrecht", "Konzeptverfahren", "Erbbaurecht", "Milieuschutz", "Genossenschaften",
    "Raumsicherung", "Gewerbemieten", "Beteiligung", "Kultur", "Grün und Freiraum",
    "Mietenpolitik", "Bodenpolitik", "Soziale Infrastruktur", "Nachbarschaft", "Klimaanpassung",
    "Verkehrswende", "Jugend", "Kleingewerbe", "Kunst und Ateliers", "Wohnungslosigkeit",
]
DISTRICTS = [
    "Friedrichshain-Kreuzberg", "Mitte", "Neukölln", "Pankow", "Tempelhof-Schöneberg", "Lichtenberg",
    "Charlottenburg-Wilmersdorf", "Treptow-Köpenick", "Steglitz-Zehlendorf", "Spandau", "Reinickendorf",
    "Marzahn-Hellersdorf",
]
OFFICES = [
    "Stadtentwicklungsamt", "Straßen- und Grünflächenamt", "Amt für Soziales", "Jugendamt",
    "Umwelt- und Naturschutzamt", "Facility Management", "Wirtschaftsförderung",
    "Sozialraumorientierte Planungskoordination", "Amt für Weiterbildung und Kultur", "Bezirksbürgermeisterei",
]
SENATE = [
    "Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen", "Senatsverwaltung für Finanzen",
    "Senatsverwaltung für Kultur und Gesellschaftlichen Zusammenhalt", "Senatsverwaltung für Wirtschaft, Energie und Betriebe",
]
PARTIES = ["SPD", "CDU", "Bündnis 90/Die Grünen", "Die Linke", "FDP", "Die PARTEI"]
STREETS = [
    "Oranienstraße", "Wrangelstraße", "Skalitzer Straße", "Bergmannstraße", "Gneisenaustraße", "Boxhagener Straße",
    "Rigaer Straße", "Warschauer Straße", "Revaler Straße", "Kopernikusstraße", "Görlitzer Straße",
    "Reichenberger Straße", "Manteuffelstraße", "Adalbertstraße", "Naunynstraße", "Falckensteinstraße",
    "Simon-Dach-Straße", "Samariterstraße", "Kinzigstraße", "Liebigstraße", "Mainzer Straße", "Friedelstraße",
    "Zossener Straße", "Mehringdamm", "Yorckstraße", "Wiener Straße", "Lausitzer Straße", "Mariannenstraße",
]
KIEZE = [
    "Wrangelkiez", "Graefekiez", "Bergmannkiez", "Samariterkiez", "Boxhagener Kiez", "Südkiez", "Reichenberger Kiez",
    "Chamissokiez", "Wriezener Karree", "Mehringplatz", "Lausitzer Platz", "Nordkiez", "Stralauer Kiez",
    "Gleisdreieck", "Görlitzer Park",
]
# Name patterns per sector, each with the legal form that goes with it.
CIVIL_SOCIETY = [
    ("Initiative {street}", "initiative"), ("Mieter*innengemeinschaft {street} {number}", "initiative"),
    ("Kiezinitiative {kiez}", "initiative"), ("Nachbarschaftshaus {kiez} e.V.", "verein"),
    ("Gemeinschaftsgarten {kiez}", "initiative"), ("Hausgemeinschaft {street} {number}", "initiative"),
    ("{kiez} für alle", "initiative"), ("Bündnis {kiez} bleibt", "netzwerk"), ("Kulturverein {kiez} e.V.", "verein"),
    ("Stadtteilladen {street}", "verein"), ("Freundeskreis {kiez} e.V.", "verein"),
    ("Gewerbetreibende {street}", "netzwerk"),
]
COMMON_GOOD = [
    ("Wohnungsbaugenossenschaft {surname} eG", "genossenschaft"), ("Hausprojekt {street} {number}", "syndikat"),
    ("{kiez} Genossenschaft eG", "genossenschaft"), ("Stadtteilwerkstatt {kiez} gGmbH", "gesellschaft"),
    ("Stiftung {surname}", "stiftung"), ("Atelierhaus {street} gGmbH", "gesellschaft"),
    ("Solidarische Landwirtschaft {kiez}", "verein"), ("Quartiersmanagement {kiez}", "gesellschaft"),
    ("Bodenfonds {kiez} eG", "genossenschaft"),
]
OTHER = [
    ("Institut für Stadtforschung {surname}", "sonstige"), ("Architekturbüro {surname} & {surname2}", "gesellschaft"),
    ("{surname} Stiftung", "stiftung"), ("Fachhochschule {kiez}, Fachgebiet Stadtplanung", "sonstige"),
    ("Planungsbüro {surname}", "gesellschaft"),
]
FUNCTIONS = [
    "Referentin", "Referent", "Vorstand", "Geschäftsführung", "Sprecherin", "Sprecher", "Mitglied",
    "Sachbearbeitung", "Amtsleitung", "Bezirksverordnete", "Projektkoordination", "Ansprechperson Presse", "",
]
# The most frequent German surnames with their relative frequency (telephone-book counts, in thousands).
COMMON_SURNAMES = [
    ("Müller", 256), ("Schmidt", 190), ("Schneider", 115), ("Fischer", 98), ("Weber", 85), ("Meyer", 84),
    ("Wagner", 79), ("Becker", 66), ("Schulz", 65), ("Hoffmann", 64), ("Schäfer", 55), ("Koch", 54),
    ("Bauer", 53), ("Richter", 52), ("Klein", 51), ("Wolf", 49), ("Schröder", 46), ("Neumann", 45),
    ("Schwarz", 44), ("Zimmermann", 43),
]
MAIL_PROVIDERS = ["posteo.de", "gmx.de", "web.de", "mailbox.org", "t-online.de", "riseup.net"]
# fmt: on

# Visibility levels 0 public, 10 members, 20 team, 30 administration-internal.
ORGANISATION_LEVELS = ([0, 10, 20, 30], [45, 15, 30, 10])
PERSON_LEVELS = ([0, 10, 20, 30], [10, 20, 60, 10])
SECTORS = (
    ["verwaltung", "politik", "zivilgesellschaft", "gemeinwohlwirtschaft", "sonstige"],
    [15, 10, 45, 25, 5],
)


def _ascii(text: str) -> str:
    text = text.lower()
    for umlaut, spelled in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in text).strip("-").replace("--", "-")


def _phone(rng: random.Random, *, mobile: bool = False) -> str:
    if mobile:
        return f"+49 1{rng.choice(['51', '52', '57', '60', '70', '76'])} {rng.randint(1000000, 99999999)}"
    return f"+49 30 {rng.randint(200, 999)} {rng.randint(100, 9999):04d}-{rng.randint(0, 99)}"


def _address(rng: random.Random) -> str:
    return f"{rng.choice(STREETS)} {rng.randint(1, 180)}, {rng.choice(['10243', '10245', '10247', '10961', '10997', '10999'])} Berlin"


def _date_between(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


class _Names:
    """Personal names as a Berlin district has them, reproducible from the seed."""

    def __init__(self, rng: random.Random):
        from faker import Faker

        Faker.seed(RANDOM_SEED)
        self.rng = rng
        self.faker = Faker(["de_DE", "tr_TR", "pl_PL"])
        self.common, self.common_weights = zip(*COMMON_SURNAMES, strict=True)

    def person(self) -> tuple[str, str]:
        locale = self.rng.choices(["de_DE", "tr_TR", "pl_PL"], [85, 9, 6])[0]
        faker = self.faker[locale]
        given = faker.first_name()
        if locale == "de_DE" and self.rng.random() < 0.07:
            family = self.rng.choices(self.common, self.common_weights)[0]
        else:
            family = faker.last_name()
        if self.rng.random() < 0.03:
            family = f"{family}-{self.faker['de_DE'].last_name()}"
        return given, family

    def surname(self) -> str:
        return self.faker["de_DE"].last_name()


def _organisation_name(rng: random.Random, names: _Names, sector: str) -> tuple[str, str, str, str | None]:
    """Name, short name, legal form and the name of the parent organisation, fitting the sector."""
    fill = {
        "street": rng.choice(STREETS),
        "number": rng.randint(1, 180),
        "kiez": rng.choice(KIEZE),
        "surname": names.surname(),
        "surname2": names.surname(),
    }
    if sector == "verwaltung":
        if rng.random() < 0.15:
            senate = rng.choice(SENATE)
            return f"{senate}, Referat {rng.choice('ABCDEFIV')} {rng.randint(1, 9)}", "", "behoerde", senate
        district = rng.choice(DISTRICTS)
        return f"{rng.choice(OFFICES)} {district}", "", "behoerde", f"Bezirksamt {district}"
    if sector == "politik":
        party, district = rng.choice(PARTIES), rng.choice(DISTRICTS)
        if rng.random() < 0.5:
            return f"Fraktion {party} in der BVV {district}", "", "politik", None
        return f"{party} {district}, Abgeordnetenbüro {names.surname()}", party, "politik", None
    templates = {"zivilgesellschaft": CIVIL_SOCIETY, "gemeinwohlwirtschaft": COMMON_GOOD, "sonstige": OTHER}[sector]
    template, legal_form = rng.choice(templates)
    name = template.format(**fill)
    short = "".join(word[0] for word in name.split() if word[0].isupper())[:6] if rng.random() < 0.3 else ""
    return name, short, legal_form, None


def seed(volume: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    from gemeinwohl.accounts.models import Role
    from gemeinwohl.directory.actions import topic_get_or_create
    from gemeinwohl.directory.models import Affiliation, ContactDetail, Organisation, Person

    rng = random.Random(RANDOM_SEED)
    names = _Names(rng)
    editor = bench_account(role=Role.TEAM_INTERNAL)
    bench_account(role=Role.TEAM_EXTERNAL)
    topics = [topic_get_or_create(name=name) for name in TOPICS]
    today = date.today()

    # Parents first: every Bezirksamt and Senatsverwaltung that units hang off, public like the real ones.
    parent_names = [f"Bezirksamt {district}" for district in DISTRICTS] + SENATE
    parents = Organisation.objects.bulk_create(
        [
            Organisation(name=name, sector="verwaltung", legal_form="behoerde", visibility=0, created_by=editor)
            for name in parent_names
        ]
    )
    parent_by_name = {parent.name: parent for parent in parents}

    organisations = []
    for _ in range(max(volume // PEOPLE_PER_ORGANISATION, 20) - len(parents)):
        sector = rng.choices(*SECTORS)[0]
        name, short_name, legal_form, parent_name = _organisation_name(rng, names, sector)
        organisations.append(
            Organisation(
                name=name,
                short_name=short_name,
                sector=sector,
                legal_form=legal_form,
                parent=parent_by_name.get(parent_name),
                description=rng.choice(["", "", f"Aktiv seit {rng.randint(1985, 2024)} im {rng.choice(KIEZE)}."]),
                visibility=rng.choices(*ORGANISATION_LEVELS)[0],
                archived_at=None,
                created_by=editor,
            )
        )
    organisations = parents + Organisation.objects.bulk_create(organisations, batch_size=1000)
    for organisation in rng.sample(organisations[len(parents) :], k=len(organisations) // 33):
        organisation.archived_at = timezone.now()
    Organisation.objects.bulk_update([o for o in organisations if o.archived_at], ["archived_at"])

    contacts = []
    for organisation in organisations:
        domain = f"{_ascii(organisation.short_name or organisation.name)[:40]}.de"
        for kind in rng.sample(["website", "email", "telefon", "adresse"], k=rng.choice([1, 1, 2, 2, 3])):
            value = {
                "website": f"https://www.{domain}",
                "email": f"{rng.choice(['info', 'kontakt', 'post', 'buero'])}@{domain}",
                "telefon": _phone(rng),
                "adresse": _address(rng),
            }[kind]
            level = max(organisation.visibility, rng.choices([0, 10, 20], [70, 10, 20])[0])
            contacts.append(ContactDetail(organisation=organisation, kind=kind, value=value, visibility=level))

    people = []
    for _ in range(volume):
        given, family = names.person()
        title = rng.choices(["", "Dr.", "Prof. Dr."], [93, 6, 1])[0]
        pronouns = rng.choices(["", "sie/ihr", "er/ihm", "keine", "they/them"], [92, 3, 3, 1, 1])[0]
        people.append(
            Person(
                title=title,
                given_name=given,
                family_name=family,
                pronouns=pronouns,
                visibility=rng.choices(*PERSON_LEVELS)[0],
                created_by=editor,
            )
        )
    people = Person.objects.bulk_create(people, batch_size=1000)
    for person in rng.sample(people, k=len(people) // 50):
        person.archived_at = timezone.now()
    Person.objects.bulk_update([p for p in people if p.archived_at], ["archived_at"], batch_size=1000)

    active_organisations = [o for o in organisations if o.archived_at is None]
    affiliations = []
    for person in people:
        chosen = rng.sample(active_organisations, k=rng.choices([0, 1, 2], [25, 50, 25])[0])
        for organisation in chosen:
            start = _date_between(rng, date(2008, 1, 1), today) if rng.random() < 0.6 else None
            ended = rng.random() < 0.15
            end = _date_between(rng, start or date(2012, 1, 1), today - timedelta(days=1)) if ended else None
            affiliations.append(
                Affiliation(
                    person=person,
                    organisation=organisation,
                    kind=rng.choices(["arbeitet_bei", "mitglied_von", "spricht_fuer"], [55, 35, 10])[0],
                    function=rng.choice(FUNCTIONS),
                    start_date=start,
                    end_date=end,
                    # Never looser than the person or the organisation it joins.
                    visibility=max(person.visibility, organisation.visibility, rng.choice([0, 10, 20])),
                )
            )
        work_domain = f"{_ascii(chosen[0].short_name or chosen[0].name)[:40]}.de" if chosen else None
        local = f"{_ascii(person.given_name)}.{_ascii(person.family_name)}"
        kinds = ["email", *rng.sample(["telefon", "mobil", "adresse"], k=rng.choices([0, 1, 2], [30, 45, 25])[0])]
        for kind in kinds:
            private = (kind in ("mobil", "adresse") or (kind == "email" and not work_domain)) and rng.random() < 0.6
            if kind == "email":
                value = f"{local}@{work_domain if work_domain and not private else rng.choice(MAIL_PROVIDERS)}"
            elif kind == "adresse":
                value = _address(rng)
            else:
                value = _phone(rng, mobile=kind == "mobil")
            # Private contact details are team-only at the loosest (a database constraint).
            floor = max(person.visibility, 20 if private else 0)
            contacts.append(
                ContactDetail(
                    person=person,
                    kind=kind,
                    context="privat" if private else "dienstlich",
                    value=value,
                    visibility=max(floor, rng.choices([0, 10, 20], [60, 15, 25])[0]),
                )
            )
    Affiliation.objects.bulk_create(affiliations, batch_size=2000)
    ContactDetail.objects.bulk_create(contacts, batch_size=2000)

    topic_links = []
    for through, entries, field in (
        (Person.topics.through, people, "person"),
        (Organisation.topics.through, organisations, "organisation"),
    ):
        links = [
            through(**{field: entry, "topic": topic})
            for entry in entries
            for topic in rng.sample(topics, k=rng.choices([0, 1, 2, 3], [35, 35, 20, 10])[0])
        ]
        through.objects.bulk_create(links, batch_size=5000)
        topic_links.extend(links)

    # bulk_create stamps every row "now"; spread the change dates over two years, as real use would,
    # so that "recently changed" and the order by change date sort real data. Derived from the id: reproducible.
    with connection.cursor() as cursor:
        for table in ("directory_person", "directory_organisation"):
            cursor.execute(
                f"UPDATE {table} SET"  # noqa: S608 (fixed table names)
                " updated_at = now() - interval '1 day' * ((id * 7919) % 730) - interval '1 second' * ((id * 104729) % 86400),"
                " created_at = now() - interval '1 day' * (730 + (id * 31) % 1500)"
            )

    return {
        "organisations": len(organisations),
        "people": len(people),
        "contact_details": len(contacts),
        "affiliations": len(affiliations),
        "topic_links": len(topic_links),
        "topics": len(topics),
    }


def requests(volume: int) -> list[Request]:
    from django.db.models import Count, Q

    from gemeinwohl.accounts.models import Role
    from gemeinwohl.directory.models import Person

    team = bench_account(role=Role.TEAM_EXTERNAL)
    readable = Person.objects.visible_to(team).active()
    common_name = (
        readable.values("family_name").annotate(n=Count("pk")).order_by("-n", "family_name").first()["family_name"]
    )
    # A full detail page: the visible person with the most contacts and affiliations the reader may see.
    detail = (
        readable.annotate(
            n_contacts=Count("contacts", filter=Q(contacts__visibility__lte=20), distinct=True),
            n_affiliations=Count("affiliations", filter=Q(affiliations__visibility__lte=20), distinct=True),
        )
        .order_by("-n_affiliations", "-n_contacts", "pk")
        .first()
    )
    as_team = team.email
    return [
        Request("people-first-page", "/adressbuch/personen/", as_team),
        Request("people-page-100", "/adressbuch/personen/?seite=100", as_team),
        Request("people-search", f"/adressbuch/personen/?q={quote(common_name)}", as_team),
        Request("people-sector", "/adressbuch/personen/?sector=zivilgesellschaft", as_team),
        Request("organisations-first-page", "/adressbuch/organisationen/", as_team),
        Request("person-detail", f"/adressbuch/personen/{detail.pk}/", as_team),
        Request("people-export-csv", "/adressbuch/personen/export.csv", as_team),
        Request("dashboard", "/uebersicht/", as_team),
        Request("home-anonymous", "/"),
    ]
