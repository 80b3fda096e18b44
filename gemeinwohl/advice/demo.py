"""Demo advice cases: eight requests from initiatives in Friedrichshain-Kreuzberg, at every stage of the work.

Everything goes through the advice actions, as the public form and the
team's pages would do it: requests through ``request_submit`` (dated back),
then assigned, moved along their case type's transitions, with notes,
activities, referrals and one case shared with the Bezirksamt. Dates follow
today, so the inbox always has new requests, one sale's pre-emption period
is running, one deadline falls next week and some follow-ups are due. The
groups and people are invented. Loading twice changes nothing: a case is
keyed on its (invented) e-mail address.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from gemeinwohl.advice import actions
from gemeinwohl.advice.actions import ActivityInput, LinksInput, ReferralInput, RequestInput
from gemeinwohl.advice.models import ActivityKind, Case, CaseType, ConsentText, ReferralOutcome, State, Topic
from gemeinwohl.core.deadlines import add_working_days
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Organisation, Person, Sector

TEAM, INTERNAL = Visibility.TEAM, Visibility.INTERNAL
JANA, MURAT = "intern@gemeinwohl.example", "murat.yildiz@gemeinwohl.example"
LEA, TOBIAS, SAMIRA = (
    "extern@gemeinwohl.example",
    "tobias.krueger@gemeinwohl.example",
    "samira.haddad@gemeinwohl.example",
)
BEZIRKSAMT = "bezirksamt@gemeinwohl.example"
PRE_EMPTION_TYPE = "Verkauf mit laufender Vorkaufsfrist"


@dataclass(frozen=True)
class Done:
    """An activity done ``days_ago`` (None: a follow-up planned ``due_in`` working days ahead)."""

    kind: str
    title: str
    days_ago: int | None = None
    minutes: int | None = None
    note: str = ""
    due_in: int | None = None


@dataclass(frozen=True)
class Referred:
    organisation: str
    days_ago: int
    reason: str
    outcome: str = ReferralOutcome.OPEN
    outcome_note: str = ""


@dataclass(frozen=True)
class Spec:
    email: str
    group_name: str
    contact_name: str
    description: str
    topics: list[str]
    received_days_ago: int
    sector: str = Sector.CIVIL_SOCIETY
    phone: str = ""
    address: str = ""
    sale_notified_days_ago: int | None = None
    deadline_in_days: int | None = None
    deadline_note: str = ""
    language: str = "de"
    case_type: str | None = None
    assignee: str | None = None
    # The timeline's follow-ups done in turn: (that many days ago, the minutes it took).
    steps_done: list[tuple[int, int]] = field(default_factory=list)
    activities: list[Done] = field(default_factory=list)
    # (text, visibility, shared with the requester, written by)
    notes: list[tuple[str, int, bool, str | None]] = field(default_factory=list)
    from_requester: list[str] = field(default_factory=list)
    referral: Referred | None = None
    people: list[tuple[str, str]] = field(default_factory=list)  # (given name, family name)
    organisations: list[str] = field(default_factory=list)
    share_with: str | None = None
    states: list[str] = field(default_factory=list)


# fmt: off
SPECS = [
    Spec(
        email="oranienhof.demo@mail.example",
        group_name="Mieter*innengemeinschaft Oranienhof",
        contact_name="Jonas Richter",
        phone="+49 151 0000103",
        address="Oranienstraße 25, 10999 Berlin",
        description=(
            "Unser Haus mit 34 Wohnungen ist verkauft worden, der Käufer ist eine Projektgesellschaft. Der Bezirk "
            "hat uns geschrieben, dass er das Vorkaufsrecht prüft. Wir wollen wissen, was wir jetzt tun können und "
            "ob eine Genossenschaft das Haus übernehmen könnte."
        ),
        topics=[Topic.SALE, Topic.LEGAL_FORM],
        received_days_ago=5,
        sale_notified_days_ago=40,
        case_type=PRE_EMPTION_TYPE,
        assignee=JANA,
        steps_done=[(4, 25)],
        notes=[
            ("Das Stadtentwicklungsamt prüft die Ausübung des Vorkaufsrechts; eine Abwendungsvereinbarung wird "
             "vorbereitet. Vertraulich.", INTERNAL, False, JANA),
            ("Vielen Dank für das Telefonat. Wir stimmen uns jetzt mit dem Bezirksamt ab und melden uns bis Ende "
             "nächster Woche mit den nächsten Schritten.", TEAM, True, JANA),
            ("Käuferin hat Gesprächsbereitschaft signalisiert. Termin im Amt am Donnerstag.", INTERNAL, False,
             BEZIRKSAMT),
        ],
        from_requester=["Wir haben inzwischen 28 Unterschriften aus dem Haus gesammelt."],
        people=[("Jonas", "Richter")],
        organisations=["Mieter*innengemeinschaft Oranienhof"],
        share_with=BEZIRKSAMT,
        states=[State.ADVISING],
    ),
    Spec(
        email="kiezladen.demo@mail.example",
        group_name="Kiezladen Boxhagener Eck e.V.",
        contact_name="Sophie Lange",
        address="Boxhagener Straße 1, 10245 Berlin",
        description=(
            "Die Hausverwaltung will unseren Gewerbemietvertrag nicht verlängern und verlangt bis nächste Woche eine "
            "Antwort auf ein Angebot mit fast doppelter Miete. Der Kiezladen ist seit zwölf Jahren Treffpunkt für "
            "die Nachbarschaft. Gibt es Förderung oder andere Wege, die Räume zu halten?"
        ),
        topics=[Topic.SPACE, Topic.FUNDING],
        received_days_ago=1,
        deadline_in_days=7,
        deadline_note="Antwort an die Hausverwaltung zum neuen Mietangebot",
    ),
    Spec(
        email="garden.demo@mail.example",
        group_name="Community Garden Görlitzer Ufer",
        contact_name="Alex Morgan",
        description=(
            "We are a group of neighbours who have been gardening on a fallow plot by the canal for two years. The "
            "district wants to build there. We would like to take part in the planning and keep part of the garden."
        ),
        topics=[Topic.PARTICIPATION, Topic.SPACE],
        received_days_ago=0,
        language="en",
    ),
    Spec(
        email="tanzwerkstatt.demo@mail.example",
        group_name="Tanzwerkstatt am Mehringplatz",
        contact_name="Deniz Aydın",
        phone="+49 30 0000204",
        description=(
            "Wir bieten offene Tanzkurse für Kinder und Jugendliche aus dem Kiez an und verlieren Ende des Jahres "
            "unseren Raum im Gemeindehaus. Wir suchen etwa 120 m² zu einer bezahlbaren Miete."
        ),
        topics=[Topic.SPACE, Topic.FUNDING],
        received_days_ago=16,
        assignee=SAMIRA,
        activities=[Done(ActivityKind.EMAIL, "Rückfragen zu Raumgröße und Nutzungszeiten", 12, 15)],
        from_requester=["Wir haben inzwischen ein Angebot für Räume in der Friedrichstraße bekommen, aber die Miete "
                        "ist zu hoch für uns."],
        states=[State.CLARIFYING],
    ),
    Spec(
        email="rigaer.demo@mail.example",
        group_name="Hofgemeinschaft Rigaer 78",
        contact_name="Marie Köhler",
        address="Rigaer Straße 78, 10247 Berlin",
        description=(
            "Wir sind zwölf Haushalte und wollen ein gemeinschaftliches Wohnprojekt gründen. Welche Rechtsform "
            "passt zu uns, und wie finanzieren andere Projekte den Kauf?"
        ),
        topics=[Topic.LEGAL_FORM, Topic.FUNDING],
        received_days_ago=45,
        assignee=LEA,
        steps_done=[(38, 90), (31, 20)],
        activities=[Done(ActivityKind.CALL, "Telefonat zu Genossenschaft und Mietshäuser Syndikat", 25, 40)],
        notes=[("Wir haben Sie an die Wohnungsgenossenschaft Kreuzberger Höfe vermittelt; dort berät Sie Greta Wolf "
                "zur Gründung einer Dachgenossenschaft.", TEAM, True, LEA)],
        referral=Referred("Wohnungsgenossenschaft Kreuzberger Höfe eG", 20,
                          "Gründung unter dem Dach einer bestehenden Genossenschaft prüfen",
                          ReferralOutcome.ACCEPTED, "Erstes Treffen hat stattgefunden."),
        states=[State.ADVISING, State.REFERRED],
    ),
    Spec(
        email="samariterkiez.demo@mail.example",
        group_name="Hausverein Samariterkiez",
        contact_name="Oskar Vogel",
        sector=Sector.COMMON_GOOD_ECONOMY,
        address="Samariterstraße 9, 10247 Berlin",
        description=(
            "Unser Hausverein möchte das Haus in Erbpacht übernehmen, eine Stiftung hat Interesse signalisiert. "
            "Wir brauchen Unterstützung bei den Verhandlungen über den Erbbaurechtsvertrag."
        ),
        topics=[Topic.LEASEHOLD, Topic.SALE],
        received_days_ago=30,
        assignee=MURAT,
        steps_done=[(24, 60), (18, 15)],
        activities=[
            Done(ActivityKind.SITE_VISIT, "Ortstermin im Haus mit dem Vorstand", 20, 120),
            Done(ActivityKind.TASK, "Entwurf des Erbbaurechtsvertrags mit der Stiftung besprechen", due_in=1),
        ],
        referral=Referred("Stiftung Boden für Alle", 10, "Stiftung als Erbbaurechtsgeberin angefragt"),
        people=[("Oskar", "Vogel")],
        organisations=["Hausverein Samariterkiez"],
        states=[State.ADVISING],
    ),
    Spec(
        email="wriezener.demo@mail.example",
        group_name="Nachbarschaftsinitiative Wriezener Karree",
        contact_name="Helga Brandenburg",
        description=(
            "Das Land will ein Grundstück an der Wriezener Straße im Konzeptverfahren vergeben. Wir möchten uns mit "
            "einem Nachbarschaftszentrum bewerben und wissen nicht, wie so ein Verfahren abläuft."
        ),
        topics=[Topic.CONCEPT_TENDER, Topic.PARTICIPATION],
        received_days_ago=120,
        assignee=TOBIAS,
        steps_done=[(110, 60), (100, 30)],
        activities=[Done(ActivityKind.MEETING, "Workshop zum Konzeptverfahren mit der Initiative", 90, 180,
                         "Bewerbungsunterlagen gemeinsam durchgesehen.")],
        notes=[("Die Bewerbung ist eingereicht. Wir schließen die Beratung ab – melden Sie sich gern wieder, wenn "
                "das Verfahren weitergeht.", TEAM, True, TOBIAS)],
        states=[State.ADVISING, State.CLOSED],
    ),
    Spec(
        email="bergmann.demo@mail.example",
        group_name="Eigentümergemeinschaft Bergmannstraße 12",
        contact_name="Rüdiger Sasse",
        sector=Sector.OTHER,
        description="Wir haben Streit mit unserer Hausverwaltung über die Nebenkostenabrechnung der Eigentümer.",
        topics=[Topic.OTHER],
        received_days_ago=60,
        assignee=LEA,
        notes=[("Wir beraten gemeinwohlorientierte Initiativen und können Ihre Frage leider nicht übernehmen. Bitte "
                "wenden Sie sich an einen Eigentümerverband oder eine Rechtsberatung.", TEAM, True, LEA)],
        states=[State.DECLINED],
    ),
]
# fmt: on


def load(*, accounts) -> dict[str, int]:
    """Create the demo cases that do not exist yet; existing ones (by e-mail address) stay as they are.

    Needs the demo accounts and address book (``accounts.demo``, ``directory.demo``).
    Mails are sent after commit like anywhere else; ``load_demo`` routes them nowhere.
    """
    if ConsentText.objects.current() is None or not CaseType.objects.active().exists():
        return {"cases": Case.objects.count()}
    existing = set(Case.objects.filter(email__in=[spec.email for spec in SPECS]).values_list("email", flat=True))
    for spec in SPECS:
        if spec.email not in existing:
            _create(spec, accounts)
    return {"cases": Case.objects.count()}


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _create(spec: Spec, accounts) -> Case:
    today = timezone.localdate()
    received = timezone.now() - datetime.timedelta(days=spec.received_days_ago, hours=3)
    case = actions.request_submit(
        data=RequestInput(
            group_name=spec.group_name,
            contact_name=spec.contact_name,
            email=spec.email,
            phone=spec.phone,
            description=spec.description,
            topics=spec.topics,
            consent_version=ConsentText.objects.current().version,
            sector=spec.sector,
            address=spec.address,
            sale_notified_on=_days_ago(spec.sale_notified_days_ago) if spec.sale_notified_days_ago else None,
            deadline=today + datetime.timedelta(days=spec.deadline_in_days) if spec.deadline_in_days else None,
            deadline_note=spec.deadline_note,
            language=spec.language,
        ),
        now=received,
    ).case
    if spec.assignee is None:
        return case  # still in the inbox
    lead = accounts[JANA]
    worker = accounts[spec.assignee]
    if spec.case_type:
        actions.case_change_type(case=case, case_type=CaseType.objects.get(name=spec.case_type), by=lead)
    actions.case_assign(case=case, assignee=worker, by=lead)

    for days_ago, minutes in spec.steps_done:
        # Completing a step plans the next one that waits for it.
        step = case.activities.filter(step__isnull=False, done_on__isnull=True).order_by("step__position").first()
        actions.activity_complete(activity=step, by=worker, done_on=_days_ago(days_ago), minutes=minutes)
    for done in spec.activities:
        actions.activity_record(
            case=case,
            by=worker,
            data=ActivityInput(
                kind=done.kind,
                title=done.title,
                done_on=_days_ago(done.days_ago) if done.days_ago is not None else None,
                due_date=add_working_days(today, done.due_in) if done.due_in is not None else None,
                minutes=done.minutes,
                note=done.note,
            ),
        )
    for text in spec.from_requester:
        actions.requester_add_information(case=case, text=text)
    if spec.share_with:
        actions.case_share(case=case, user=accounts[spec.share_with], by=lead)
    for text, level, shared, author in spec.notes:
        actions.note_add(case=case, by=accounts[author], text=text, visibility=level, shared=shared)
    if spec.referral:
        referral = actions.referral_add(
            case=case,
            by=worker,
            data=ReferralInput(
                organisation=Organisation.objects.get(name=spec.referral.organisation),
                referred_on=_days_ago(spec.referral.days_ago),
                reason=spec.referral.reason,
            ),
        )
        if spec.referral.outcome != ReferralOutcome.OPEN:
            actions.referral_record_outcome(
                referral=referral, by=worker, outcome=spec.referral.outcome, note=spec.referral.outcome_note
            )
    if spec.people or spec.organisations:
        people = Person.objects.none()
        for given, family in spec.people:
            people |= Person.objects.filter(given_name=given, family_name=family)
        actions.case_set_links(
            case=case,
            by=lead,
            data=LinksInput(
                people=list(people),
                organisations=list(Organisation.objects.filter(name__in=spec.organisations))
                + list(case.organisations.all()),
            ),
        )
    for target in spec.states:
        actions.case_transition(case=case, target=target, by=worker)
    return case
