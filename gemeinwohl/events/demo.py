"""Demo events: eight events of the five formats, coming and past, with registrations, waitlists and attendance.

Everything goes through the events actions, as the team's pages and the
public registration form would do it: events through ``event_create``,
registrations through ``registration_register`` (dated before the event),
cancellations, attendance at the door, walk-ins, closing the attendance and
the report. Dates follow today: there are always coming events (one fully
booked with a waitlist, one with a question of its own, one online, one for
the members of a network) and past ones with their figures. The registrants
are invented, their addresses at ``example.org``. Loading twice changes
nothing: an event is keyed on its title.

No mail goes out while the demo loads: the registrants do not exist.
"""

import contextlib
import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import slugify

from gemeinwohl.committees.models import Committee
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Organisation, Sector
from gemeinwohl.events import actions, mails
from gemeinwohl.events.actions import EventInput, QuestionInput, RegistrationInput, WalkInInput
from gemeinwohl.events.models import Event, EventFormat, Provision, QuestionKind

TEAM_LEAD = "intern@gemeinwohl.example"
ORGANISER = "AKS Gemeinwohl"
NETWORK = "netzwerk-immobilien"

# fmt: off
GIVEN = ["Anna", "Ben", "Cem", "Dana", "Emil", "Fatma", "Greta", "Hannes", "Ida", "Jonas", "Kaya", "Lukas", "Mira",
         "Nils", "Olga", "Paul", "Rana", "Sven", "Tara", "Umut", "Vera", "Wiebke", "Yusuf", "Zoe"]
FAMILY = ["Albers", "Brandt", "Çelik", "Dietrich", "Engel", "Fischer", "Graf", "Hoffmann", "Ilgin", "Jung", "Kaiser",
          "Lorenz", "Meyer", "Nowak", "Ott", "Peters", "Quast", "Roth", "Schulz", "Tran", "Uhl", "Vogt", "Weber",
          "Yilmaz"]
ORGANISATIONS = ["Initiative Wrangelkiez bleibt", "Mieter*innen Oranienstraße 25", "Kiezladen Boxhagener Eck e.V.",
                 "Stadtentwicklungsamt", "Wohnungsgenossenschaft Kreuzberger Höfe eG", "", "Atelierhaus Skalitzer",
                 "Bezirksverordnetenversammlung", ""]
SECTORS = [Sector.CIVIL_SOCIETY, Sector.CIVIL_SOCIETY, Sector.CIVIL_SOCIETY, Sector.ADMINISTRATION,
           Sector.COMMON_GOOD_ECONOMY, "", Sector.COMMON_GOOD_ECONOMY, Sector.POLITICS, Sector.OTHER]
# fmt: on


@dataclass(frozen=True)
class Spec:
    title: str
    format_slug: str
    days: int  # from today; negative: past
    summary: str
    hours: int = 2
    hour: int = 18
    venue_name: str = ""
    address: str = ""
    online_url: str = ""
    step_free: str = Provision.YES
    capacity: int | None = None
    registrations: int = 0
    cancellations: int = 0  # of the first registrations, by the people themselves
    questions: list[QuestionInput] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    network: bool = False
    # Past events: how many of those with a place came, who came without registering, what happened.
    present: int = 0
    walk_ins: int = 0
    report: str = ""


# fmt: off
SPECS = [
    Spec(
        title="Werkstattgespräch: Gemeinwohl im Erdgeschoss",
        format_slug="werkstattgespraech", days=10,
        summary="Wie bleiben Läden und Treffpunkte im Kiez bezahlbar? Initiativen und Verwaltung im Gespräch.",
        venue_name="Kiezladen Boxhagener Eck", address="Boxhagener Straße 1, 10245 Berlin",
        capacity=12, registrations=15, cancellations=1,
    ),
    Spec(
        title="Workshop: Eine Genossenschaft gründen",
        format_slug="workshop", days=20, hour=10, hours=6,
        summary="Rechtsform, Finanzierung und erste Schritte für gemeinschaftliche Wohnprojekte.",
        venue_name="Rathaus Kreuzberg, Raum 1016", address="Yorckstraße 4–11, 10965 Berlin",
        capacity=25, registrations=9,
        questions=[QuestionInput(label="Was möchten Sie aus dem Workshop mitnehmen?", kind=QuestionKind.TEXT)],
        answers=["Wie wir das Eigenkapital zusammenbekommen.", "Welche Rechtsform zu zwölf Haushalten passt.", "",
                 "Kontakte zu bestehenden Genossenschaften."],
    ),
    Spec(
        title="Online-Fachgespräch: Erbbaurecht für Initiativen",
        format_slug="fachveranstaltung", days=14, hour=17, hours=1,
        summary="Was ein Erbbaurechtsvertrag regelt und worauf Initiativen achten sollten – im Videocall.",
        online_url="https://meet.example.org/erbbaurecht", step_free=Provision.UNKNOWN,
        registrations=7,
    ),
    Spec(
        title="Netzwerktreffen: Bodenfonds und Ankaufsstrategie",
        format_slug="netzwerktreffen", days=22, hour=16,
        summary="Treffen der Mitglieder des Netzwerks für Gemeinwohlorientierte Immobilienentwicklung.",
        venue_name="LokalBau Plattform", address="Skalitzer Straße 80, 10997 Berlin",
        capacity=30, registrations=5, network=True,
    ),
    Spec(
        title="Kiezspaziergang Wrangelkiez: Orte, die bleiben sollen",
        format_slug="kiezspaziergang", days=45, hour=15,
        summary="Ein Rundgang zu Projekten und Räumen, die der Kiez braucht.",
        venue_name="Treffpunkt: Wrangelstraße/Ecke Falckensteinstraße", address="Wrangelstraße 50, 10997 Berlin",
        capacity=30, registrations=3,
    ),
    Spec(
        title="Kiezspaziergang Samariterkiez: Hausprojekte und Freiräume",
        format_slug="kiezspaziergang", days=-40, hour=14,
        summary="Mit Hausvereinen und Initiativen durch den Samariterkiez.",
        venue_name="Treffpunkt: Samariterkirche", address="Samariterstraße 27, 10247 Berlin",
        capacity=25, registrations=18, cancellations=2, present=13, walk_ins=2,
        report="Rund 15 Teilnehmende besuchten vier Hausprojekte. Besonders gefragt war, wie der Hausverein "
               "Samariterkiez das Erbbaurecht vorbereitet. Die Initiativen wünschen sich einen zweiten Termin "
               "im Frühjahr.",
    ),
    Spec(
        title="Fachveranstaltung: Konzeptverfahren im Bezirk",
        format_slug="fachveranstaltung", days=-90, hour=17, hours=3,
        summary="Wie Konzeptverfahren ablaufen und wie Initiativen sich erfolgreich bewerben.",
        venue_name="Rathaus Kreuzberg, BVV-Saal", address="Yorckstraße 4–11, 10965 Berlin",
        capacity=60, registrations=30, cancellations=3, present=22, walk_ins=3,
        report="Das Stadtentwicklungsamt stellte die Kriterien der laufenden Verfahren vor, zwei Initiativen "
               "berichteten von ihren Bewerbungen. Die Folien stehen in der Dokumentation.",
    ),
    Spec(
        title="Werkstattgespräch: Räume für Initiativen",
        format_slug="werkstattgespraech", days=-150, hour=18,
        summary="Leerstand, Zwischennutzung, Gewerbemieten: was Initiativen bei der Raumsuche hilft.",
        venue_name="Nachbarschaftshaus Urbanstraße", address="Urbanstraße 21, 10961 Berlin",
        capacity=15, registrations=17, present=12, walk_ins=1,
        report="Zwölf Initiativen tauschten sich mit dem Amt für Soziales über Zwischennutzungen aus. Verabredet "
               "wurde eine Liste leerstehender bezirklicher Räume.",
    ),
]
# fmt: on


@contextlib.contextmanager
def _without_mails():
    """While the demo loads, the actions' mails (scheduled after commit) do nothing."""
    names = [name for name in dir(mails) if name.startswith("send_")]
    originals = {name: getattr(mails, name) for name in names}
    for name in names:
        setattr(mails, name, lambda **kwargs: None)
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(mails, name, function)


def load(*, accounts) -> dict[str, int]:
    """Create the demo events that do not exist yet; existing ones (by title) stay as they are.

    Needs the demo accounts and address book (``accounts.demo``, ``directory.demo``); the
    members' event only where the committees demo made its network.
    """
    existing = set(Event.objects.filter(title__in=[spec.title for spec in SPECS]).values_list("title", flat=True))
    network = Committee.objects.filter(slug=NETWORK).first()
    with _without_mails():
        for spec in SPECS:
            if spec.title in existing or (spec.network and network is None):
                continue
            _create(spec, by=accounts[TEAM_LEAD], network=network)
    return {"events": Event.objects.count()}


def _moment(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _person(number: int, event_number: int) -> RegistrationInput:
    given = GIVEN[(number + event_number * 5) % len(GIVEN)]
    # Past the first round of given names, the family names shift by one, so nobody comes twice.
    family = FAMILY[(number * 7 + number // len(GIVEN) + event_number) % len(FAMILY)]
    name = f"{given} {family}"
    return RegistrationInput(
        name=name,
        email=f"{slugify(given)}.{slugify(family)}.{number}@example.org",
        organisation=ORGANISATIONS[number % len(ORGANISATIONS)],
        sector=SECTORS[number % len(SECTORS)],
        accessibility_needs="Ich komme mit dem Rollstuhl." if number % 11 == 3 else "",
        photo_consent=number % 3 != 0,
    )


def _create(spec: Spec, *, by, network) -> Event:
    number = SPECS.index(spec)
    start = _moment(spec.days, spec.hour)
    event = actions.event_create(
        data=EventInput(
            title=spec.title,
            event_format=EventFormat.objects.get(slug=spec.format_slug),
            start=start,
            end=start + datetime.timedelta(hours=spec.hours),
            summary=spec.summary,
            venue_name=spec.venue_name,
            address=spec.address,
            online_url=spec.online_url,
            step_free=spec.step_free,
            accessible_toilet=spec.step_free,
            organiser=Organisation.objects.filter(name=ORGANISER).first(),
            committee=network if spec.network else None,
            visibility=Visibility.MEMBERS if spec.network else Visibility.PUBLIC,
            capacity=spec.capacity,
            questions=spec.questions,
        ),
        by=by,
    )
    questions = list(event.questions.all())
    # Registrations come in over the three weeks before the event (or before today, for coming ones).
    first = min(start, timezone.now()) - datetime.timedelta(days=21)
    registrations = []
    for index in range(spec.registrations):
        person = _person(index, number)
        answers = {}
        if questions and spec.answers:
            answers = {questions[0].pk: spec.answers[index % len(spec.answers)]}
        registrations.append(
            actions.registration_register(
                event=event,
                data=RegistrationInput(**{**person.__dict__, "answers": answers}),
                now=first + datetime.timedelta(hours=index * 7),
            )
        )
    for registration in registrations[: spec.cancellations]:
        # People cancel themselves through their link while the event lies ahead.
        actions.registration_cancel(
            registration=registration, now=min(start, timezone.now()) - datetime.timedelta(days=1)
        )
    if spec.days >= 0:
        return event

    door = start + datetime.timedelta(minutes=15)
    with_place = event.registrations.confirmed().order_by("confirmed_at", "pk")
    for registration in with_place[: spec.present]:
        actions.attendance_record(registration=registration, attended=True, by=by, now=door)
    for index in range(spec.walk_ins):
        person = _person(spec.registrations + index, number)
        actions.walk_in_add(
            event=event,
            data=WalkInInput(name=person.name, organisation=person.organisation, sector=person.sector),
            by=by,
            now=door + datetime.timedelta(minutes=10),
        )
    actions.attendance_close(event=event, by=by, now=start + datetime.timedelta(hours=spec.hours))
    actions.report_save(event=event, report=spec.report, by=by)
    return event
