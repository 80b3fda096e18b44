"""Demo committees: the seven Gremien and Runden of the seed text, each with a year of meetings.

Everything is made through the committees' actions, by the administration-internal
team account, as the platform's pages would make it. Dates follow each committee's
rhythm around today, so the demo always shows a past year and the next meetings.
Loading twice changes nothing: committees are keyed on their slug, seats on
(committee, person), meetings on (committee, start).
"""

import datetime
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone

from gemeinwohl.committees import actions
from gemeinwohl.committees.actions import AgendaItemInput, CommitteeInput, DecisionInput, MeetingInput, TaskInput
from gemeinwohl.committees.models import (
    AgendaItemKind,
    AttendanceStatus,
    Committee,
    CommitteeKind,
    DecisionResult,
    Meeting,
    Membership,
    MembershipRole,
    TaskStatus,
)
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Organisation, Person, Sector

PUBLIC, MEMBERS, TEAM, INTERNAL = Visibility.PUBLIC, Visibility.MEMBERS, Visibility.TEAM, Visibility.INTERNAL
INFO, TALK, DECIDE = AgendaItemKind.INFORMATION, AgendaItemKind.DISCUSSION, AgendaItemKind.DECISION
CHAIR, MODERATION, MINUTES = MembershipRole.CHAIR, MembershipRole.MODERATION, MembershipRole.MINUTES
MEMBER, DEPUTY, GUEST = MembershipRole.MEMBER, MembershipRole.DEPUTY, MembershipRole.GUEST
POLITICS, ADMINISTRATION, INITIATIVE = Sector.POLITICS, Sector.ADMINISTRATION, Sector.CIVIL_SOCIETY
ENTERPRISE, AKS = Sector.COMMON_GOOD_ECONOMY, Sector.OTHER
NOTED = DecisionResult.NOTED

BERLIN = ZoneInfo("Europe/Berlin")
RATHAUS = "Rathaus Kreuzberg, Yorckstraße 4–11, 10965 Berlin"
KIEZLADEN = "Kiezladen Boxhagener Eck, Boxhagener Straße 1, 10245 Berlin"


@dataclass(frozen=True)
class Rhythm:
    """The days a committee meets: the ``nth`` weekday of a month, or every ``weeks`` weeks counted
    from ``anchor``; only in ``months``, never in the break around the turn of the year."""

    weekday: int
    nth: int = 0
    weeks: int = 0
    anchor: datetime.date | None = None
    months: tuple[int, ...] = tuple(range(1, 13))

    def meets_on(self, day: datetime.date) -> bool:
        if day.weekday() != self.weekday or day.month not in self.months or _winter_break(day):
            return False
        if self.weeks:
            return (day - self.anchor).days % (7 * self.weeks) == 0
        return (day.day - 1) // 7 + 1 == self.nth

    def first_in_month(self, day: datetime.date) -> bool:
        return not any(self.meets_on(day.replace(day=earlier)) for earlier in range(1, day.day))


def _winter_break(day: datetime.date) -> bool:
    return (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 6)


@dataclass(frozen=True)
class Seat:
    """A membership: ``since`` a year, or ``joined``/``left`` so many days ago."""

    person: str
    role: str
    sector: str
    since: int = 2021
    joined: int | None = None
    left: int | None = None


@dataclass(frozen=True)
class Point:
    """An agenda point. ``minutes`` may offer variants; ``month`` makes it a one-off in that month's
    first meeting, otherwise it is a routine point drawn now and then, whose ``decision`` is taken
    only now and then. ``level`` None: the committee's usual level for points; a level is never
    looser than the meeting. ``result`` fixes the decision's result (e.g. zur Kenntnis genommen)."""

    title: str
    minutes: str | tuple[str, ...]
    kind: str = TALK
    level: int | None = None
    decision: str = ""
    task: str = ""
    presenter: str = ""
    month: int | None = None
    result: str = ""


# The points every meeting opens with, and may close with; every level is at least the meeting's.
OPENING = Point(
    "Begrüßung, Tagesordnung und Protokoll der letzten Sitzung",
    (
        "Die Tagesordnung wird ohne Änderungen angenommen. Das Protokoll der letzten Sitzung wird genehmigt.",
        "Die Tagesordnung wird um einen Punkt unter Verschiedenes ergänzt. Das Protokoll der letzten Sitzung wird "
        "mit einer Korrektur genehmigt.",
        "Die Runde stellt die Beschlussfähigkeit fest. Die Tagesordnung wird angenommen.",
    ),
    kind=INFO,
    level=PUBLIC,
)
CLOSING = Point(
    "Verschiedenes",
    (
        "Hinweis auf die nächsten Veranstaltungen im Bezirk. Keine weiteren Wortmeldungen.",
        "Die nächste Sitzung findet zum gewohnten Termin statt. Keine weiteren Punkte.",
        "Kurzer Austausch über Termine und Urlaube; keine weiteren Punkte.",
    ),
    kind=INFO,
    level=PUBLIC,
)


@dataclass(frozen=True)
class Spec:
    """One demo committee: what ``committee_create`` needs, its seats, when it meets, what it discusses."""

    slug: str
    short_name: str
    name: str
    kind: str
    visibility: int
    organisers: tuple[str, ...]
    purpose: str
    rhythm_text: str
    rhythm: Rhythm
    start: datetime.time
    duration: int  # minutes
    seats: tuple[Seat, ...]
    points: tuple[Point, ...]
    meeting_level: int
    item_level: int
    room: str = ""
    address: str = ""
    online_url: str = ""
    items: tuple[int, int] = (3, 6)  # points per meeting, opening and closing points included
    drafts: int = 1  # the latest held meetings whose minutes are still drafts
    votes: float = 0.0  # share of decisions taken with counted votes
    cancelled: int | None = None  # the meeting nearest so many days ago was called off
    opening: Point = OPENING


# The tables below are kept one entry per line for reading; the formatter leaves them alone.
# fmt: off
SPECS = (
    Spec(
        slug="steuerungsrunde", short_name="SR", name="Steuerungsrunde der AKS Gemeinwohl",
        kind=CommitteeKind.OWN, visibility=PUBLIC, organisers=("AKS Gemeinwohl",),
        purpose="In der Steuerungsrunde kommen Vertreter*innen aus stadtpolitischen Initiativen, Verwaltung und "
                "Politik zusammen, um über die Ausrichtung der AKS Gemeinwohl und aktuelle stadtpolitische Themen "
                "zu diskutieren.",
        rhythm_text="monatlich, erster Dienstag, 17–19 Uhr", rhythm=Rhythm(weekday=1, nth=1),
        start=datetime.time(17, 0), duration=120, room="Sitzungsraum 2.03", address=RATHAUS,
        meeting_level=PUBLIC, item_level=MEMBERS, votes=0.6, cancelled=120,
        seats=(
            Seat("Sophie Lange", CHAIR, INITIATIVE, 2019),
            Seat("Kim Nowak", DEPUTY, INITIATIVE, 2021),
            Seat("Jonas Richter", MEMBER, INITIATIVE, 2022),
            Seat("Nadia Hamdan", MEMBER, INITIATIVE, 2019),
            Seat("Paul Schmidt", MEMBER, INITIATIVE, joined=120),
            Seat("Emil Fischer", MEMBER, INITIATIVE, 2020, left=200),
            Seat("Greta Wolf", MEMBER, ENTERPRISE, 2020),
            Seat("Ursula König", MEMBER, POLITICS, 2021),
            Seat("Henrik Sommer", MEMBER, ADMINISTRATION, 2020),
            Seat("Lea Hoffmann", MODERATION, AKS, 2019),
            Seat("Jana Brandt", MINUTES, AKS, 2020),
        ),
        points=(
            Point("Bericht aus dem AKS-Team", (
                "Das AKS-Team berichtet über die Beratungsanfragen der letzten Wochen und die laufenden "
                "Veranstaltungen. Nachfragen zur Raumsuche zweier Initiativen werden im Anschluss geklärt.",
                "Drei neue Beratungsanfragen zu Gewerbemieten und eine zu einem Vorkaufsfall. Die Runde nimmt den "
                "Bericht zur Kenntnis.",
            ), kind=INFO, level=PUBLIC, presenter="AKS-Team",
                decision="Die Steuerungsrunde nimmt den Bericht des AKS-Teams zur Kenntnis.", result=NOTED),
            Point("Vorkaufsrecht: Stand der Prüfungen im Bezirk", (
                "Das Stadtentwicklungsamt prüft mehrere Verkäufe in Erhaltungsgebieten. Die Initiativen bitten "
                "darum, die Mieter*innen früher zu informieren.",
                "Seit dem Urteil des Bundesverwaltungsgerichts sind die Möglichkeiten eingeschränkt; die Runde "
                "bespricht Abwendungsvereinbarungen als Ausweg.",
            ), task="Übersicht der laufenden Prüffälle für die nächste Sitzung aktualisieren"),
            Point("Milieuschutz: Erfahrungen aus den Erhaltungsgebieten", (
                "Berichte über Umwandlungen in Eigentumswohnungen trotz Genehmigungsvorbehalt. Die Verwaltung "
                "erläutert die Prüfpraxis.",
                "Die Initiativen schildern Modernisierungsankündigungen im Wrangelkiez; das Amt sagt eine Prüfung zu.",
            )),
            Point("Berichte aus den Initiativen", (
                "Die Initiative Wrangelkiez bleibt berichtet von einer Mieter*innenversammlung; der Kiezladen "
                "Boxhagener Eck verhandelt weiter über seinen Gewerbemietvertrag.",
                "Das Nachbarschaftshaus Rudolfkiez sucht Räume für ein Jugendprojekt; die Runde sammelt Hinweise.",
            ), kind=INFO),
            Point("Raumsicherung für soziale und kulturelle Träger", (
                "Mehrere Träger haben Kündigungen erhalten. Die Runde bittet das AKS-Team, eine Liste gefährdeter "
                "Räume zu führen.",
                "Austausch über Zwischennutzungen in leerstehenden Erdgeschossen; zwei Angebote werden geprüft.",
            ), task="Gefährdete Gewerberäume mit den Initiativen abgleichen",
                decision="Die Steuerungsrunde bittet das Bezirksamt, bei Kündigungen sozialer Träger frühzeitig "
                         "Ersatzräume zu prüfen."),
            Point("Beteiligung: Rückmeldungen aus den Kiezwerkstätten", (
                "Die Kiezwerkstätten waren gut besucht; die Ergebnisse fließen in die Jahresplanung ein.",
                "Kritik an zu kurzen Fristen für Rückmeldungen; die Verwaltung prüft längere Zeiträume.",
            )),
            Point("Jahresplanung der Veranstaltungsreihe „Stadt gemeinsam machen“",
                  "Das AKS-Team stellt vier Abendveranstaltungen und eine Exkursion vor.", kind=DECIDE, level=PUBLIC,
                  decision="Die Steuerungsrunde beschließt die Jahresplanung der Veranstaltungsreihe mit vier "
                           "Abendveranstaltungen und einer Exkursion.",
                  task="Räume und Termine für die Veranstaltungsreihe anfragen", month=1),
            Point("Konzeptverfahren: Kriterien für eine gemeinwohlorientierte Vergabe",
                  "Diskussion der Gewichtung von Konzept und Preis; Beispiele aus anderen Bezirken.", kind=DECIDE,
                  decision="Die Steuerungsrunde empfiehlt dem Bezirksamt, in Konzeptverfahren mindestens 70 Prozent "
                           "der Bewertung an das Konzept und höchstens 30 Prozent an den Preis zu binden.",
                  task="Stellungnahme zu den Vergabekriterien entwerfen", month=3),
            Point("Erbbaurecht statt Verkauf: Vergabe bezirklicher Grundstücke",
                  "Der Bezirksstadtrat erläutert die Haltung des Bezirksamts; die Runde unterstützt den Kurs.",
                  kind=DECIDE,
                  decision="Die Steuerungsrunde bittet den Bezirksstadtrat, bezirkliche Grundstücke nur noch im "
                           "Erbbaurecht zu vergeben.", month=5),
            Point("Auswertung der Veranstaltungsreihe im ersten Halbjahr",
                  "Gut 200 Teilnehmende an drei Abenden; Wunsch nach mehr Formaten in den Kiezen.", kind=INFO,
                  level=PUBLIC, month=6),
            Point("Haushalt: Mittelanmeldung der AKS Gemeinwohl für das kommende Jahr",
                  "Das AKS-Team stellt die Anmeldung vor; Nachfragen zu den Sachmitteln.", kind=DECIDE, level=TEAM,
                  decision="Die Steuerungsrunde empfiehlt, die Mittel für Beratung und Veranstaltungen in bisheriger "
                           "Höhe anzumelden und eine halbe Stelle für die Raumsicherung zu beantragen.", month=9),
            Point("Offenes Aufnahmeverfahren für weitere Initiativen",
                  "Mehrere Initiativen haben Interesse an einem Sitz bekundet.", kind=DECIDE,
                  decision="Die Steuerungsrunde vereinbart ein offenes Aufnahmeverfahren mit einer Vorstellung in "
                           "der nächsten Sitzung.", task="Aufruf an die Initiativen im Bezirk verschicken", month=10),
            Point("Jahresrückblick und Schwerpunkte für das nächste Jahr",
                  "Sammlung der Schwerpunkte: Raumsicherung, Bodenpolitik, Beteiligung in den Kiezen.",
                  task="Entwurf der Jahresschwerpunkte an alle Mitglieder schicken", month=11),
            Point("Stellungnahme zum Bebauungsplan am Spreeufer",
                  "Die Initiativen stellen ihren Entwurf vor; Ergänzungen zur sozialen Infrastruktur.", kind=DECIDE,
                  decision="Die Steuerungsrunde unterstützt die Stellungnahme der Initiativen zum Bebauungsplan und "
                           "bittet um Weiterleitung an den Ausschuss für Stadtentwicklung.", month=12),
        ),
    ),
    Spec(
        slug="verein", short_name="VEREIN", name="Verein Gemeinwohlorientierte Stadtentwicklung e.V.",
        kind=CommitteeKind.ASSOCIATION, visibility=MEMBERS,
        organisers=("Gemeinwohlorientierte Stadtentwicklung e.V.",),
        purpose="Im Verein Gemeinwohlorientierte Stadtentwicklung e.V. vernetzen sich stadtpolitische Initiativen "
                "aus Friedrichshain-Kreuzberg und tauschen sich über Prozesse der koproduzierenden "
                "Stadtentwicklung aus.",
        rhythm_text="alle zwei Monate, dritter Mittwoch, 18:30–20:30 Uhr",
        rhythm=Rhythm(weekday=2, nth=3, months=(1, 3, 5, 7, 9, 11)),
        start=datetime.time(18, 30), duration=120, room="Nachbarschaftshaus Rudolfkiez, Großer Saal",
        meeting_level=MEMBERS, item_level=MEMBERS, votes=0.8,
        seats=(
            Seat("Sophie Lange", CHAIR, INITIATIVE, 2018),
            Seat("Nadia Hamdan", DEPUTY, INITIATIVE, 2018),
            Seat("Jonas Richter", MEMBER, INITIATIVE, 2022),
            Seat("Emil Fischer", MEMBER, INITIATIVE, 2020),
            Seat("Paul Schmidt", MEMBER, INITIATIVE, 2023),
            Seat("Kim Nowak", MEMBER, INITIATIVE, 2021),
            Seat("Ben Kaya", MEMBER, ENTERPRISE, 2019),
            Seat("Oskar Vogel", GUEST, ENTERPRISE, 2022),
            Seat("Tobias Krüger", MINUTES, AKS, 2020),
            Seat("Samira Haddad", MEMBER, AKS, 2022),
        ),
        points=(
            Point("Bericht des Vorstands", (
                "Der Vorstand berichtet über die Gespräche mit dem Bezirksamt und die Kassenlage.",
                "Der Vorstand berichtet über neue Mitglieder und die Zusammenarbeit mit der AKS Gemeinwohl.",
            ), kind=INFO, presenter="Vorstand", decision="Der Bericht des Vorstands wird zur Kenntnis genommen.",
                result=NOTED),
            Point("Austausch: Was läuft in den Kiezen?", (
                "Berichte aus dem Wrangelkiez, dem Rudolfkiez und vom Spreeufer; Schwerpunkt Verdrängung von "
                "Gewerbe.",
                "Die Mitglieder tauschen sich über Mieterhöhungen und neue Eigentümer in ihren Kiezen aus.",
            )),
            Point("Gemeinsame Veranstaltungen und Aktionen", (
                "Ideen für einen gemeinsamen Kiezspaziergang und eine Lesung im Kiezladen.",
                "Die Mitglieder verabreden, sich an der Veranstaltungsreihe der AKS zu beteiligen.",
            ), task="Aufruf für die nächste gemeinsame Aktion verschicken",
                decision="Der Verein beteiligt sich mit einem eigenen Stand an der nächsten Veranstaltung."),
            Point("Vernetzung mit Initiativen in anderen Bezirken",
                  "Kontakte nach Neukölln und Pankow; ein gemeinsames Treffen ist im Gespräch."),
            Point("Trägerschaft der AKS Gemeinwohl: Personal und Finanzen", (
                "Die Geschäftsstelle berichtet über den Zuwendungsbescheid und die Stellenbesetzung.",
                "Bericht über den Mittelabruf; keine Auffälligkeiten.",
            ), kind=INFO, level=TEAM),
            Point("Jahresplanung des Vereins", "Vorschläge der Mitglieder werden gesammelt und gewichtet.",
                  kind=DECIDE, decision="Der Verein beschließt die Jahresplanung mit drei Vernetzungstreffen und "
                                        "einem Sommerfest.", month=1),
            Point("Mitgliedsbeiträge", "Diskussion über beitragsfreie Mitgliedschaft kleiner Initiativen.",
                  kind=DECIDE, decision="Die Mitgliedsbeiträge bleiben unverändert; Initiativen ohne eigene Mittel "
                                        "sind beitragsfrei.", month=3),
            Point("Vorbereitung der Mitgliederversammlung", "Tagesordnung und Wahlen werden vorbesprochen.",
                  kind=DECIDE, decision="Die Mitgliederversammlung findet im Juni statt; der Vorstand lädt "
                                        "fristgerecht ein.",
                  task="Einladung zur Mitgliederversammlung verschicken", month=5),
            Point("Sommerfest im Stadtteilgarten Spreeufer", "Ablauf, Helfende und Genehmigungen.", kind=DECIDE,
                  decision="Der Verein richtet das Sommerfest gemeinsam mit dem Stadtteilgarten Spreeufer aus.",
                  task="Genehmigung für das Sommerfest beim Straßen- und Grünflächenamt beantragen", month=7),
            Point("Personal: Verlängerung der Stellen im AKS-Team",
                  "Die Geschäftsstelle erläutert die Stellenplanung.", kind=DECIDE, level=TEAM,
                  decision="Der Verein beantragt die Verlängerung der drei Teilzeitstellen beim Bezirksamt.", month=9),
            Point("Haushalt des Vereins für das kommende Jahr", "Der Kassenwart stellt den Entwurf vor.",
                  kind=DECIDE, decision="Der Haushaltsplan für das kommende Jahr wird beschlossen.", month=11),
        ),
    ),
    Spec(
        slug="jour-fixe", short_name="JF", name="Operativer Jour-Fixe mit dem Bezirksstadtrat",
        kind=CommitteeKind.OWN, visibility=TEAM, organisers=("AKS Gemeinwohl",),
        purpose="Im operativen Jour-Fixe mit dem Bezirksstadtrat für Stadtentwicklung und weiteren "
                "Mitarbeiter*innen aus dem Bezirksamt wird das tägliche Geschäft des AKS-Teams, des Trägervereins "
                "und des Bezirksamts besprochen.",
        rhythm_text="alle zwei Wochen, Donnerstag, 10–11 Uhr",
        rhythm=Rhythm(weekday=3, weeks=2, anchor=datetime.date(2024, 1, 4)),
        start=datetime.time(10, 0), duration=60, room="Büro des Bezirksstadtrats", address=RATHAUS,
        online_url="https://konferenz.gemeinwohl.example/jour-fixe",
        meeting_level=TEAM, item_level=TEAM, items=(3, 4), drafts=2,
        opening=Point("Offene Aufgaben aus dem letzten Jour-Fixe", (
            "Die offenen Aufgaben werden durchgegangen; zwei sind erledigt, eine wird auf den nächsten Termin "
            "verschoben.",
            "Alle Aufgaben aus dem letzten Jour-Fixe sind erledigt oder in Arbeit.",
        ), kind=INFO, level=PUBLIC),
        seats=(
            Seat("Friedrich Lenz", CHAIR, POLITICS, 2021),
            Seat("Jana Brandt", MODERATION, AKS, 2020),
            Seat("Murat Yıldız", MEMBER, AKS, 2021),
            Seat("Lea Hoffmann", MINUTES, AKS, 2019),
            Seat("Tobias Krüger", MEMBER, AKS, 2020),
            Seat("Samira Haddad", MEMBER, AKS, 2022),
            Seat("Petra Schulze", GUEST, ADMINISTRATION, 2022),
        ),
        points=(
            Point("Aktuelles aus dem Büro des Bezirksstadtrats", (
                "Der Bezirksstadtrat berichtet aus dem Bezirksamtskollegium und von Terminen mit dem Senat.",
                "Hinweise auf anstehende Vorlagen zur Stadtentwicklung und auf Presseanfragen.",
            ), kind=INFO, presenter="Dr. Friedrich Lenz"),
            Point("Laufende Beratungsfälle des AKS-Teams", (
                "Kurzer Stand zu fünf Beratungen; zwei Initiativen werden an das Stadtentwicklungsamt verwiesen.",
                "Eine Hausgemeinschaft bittet um Unterstützung bei der Gründung einer Genossenschaft.",
            )),
            Point("Vorkaufsfälle: Fristen der nächsten Wochen", (
                "Zwei Fälle in der Prüfung; die Fristen stehen im Fristenkalender. Einzelheiten nur amtsintern.",
                "Ein Käufer hat eine Abwendungsvereinbarung angeboten; das Amt prüft den Entwurf.",
            ), level=INTERNAL, task="Vermerk zum laufenden Prüffall für den Bezirksstadtrat vorbereiten"),
            Point("Veranstaltungen und Öffentlichkeitsarbeit", (
                "Abstimmung der Einladung zur nächsten Abendveranstaltung und der Pressemitteilung.",
                "Der Newsletter erscheint Ende des Monats; Beiträge bis Mittwoch an das AKS-Team.",
            ), task="Pressemitteilung zur nächsten Veranstaltung abstimmen",
                decision="Die Pressemitteilung wird in der abgestimmten Fassung freigegeben."),
            Point("Anfragen aus der Bezirksverordnetenversammlung",
                  "Eine Kleine Anfrage zur Arbeit der AKS Gemeinwohl liegt vor; das AKS-Team liefert Zahlen zu.",
                  task="Zahlen zur Kleinen Anfrage zusammenstellen"),
            Point("Termine und Abwesenheiten", "Urlaubsvertretungen und Termine der nächsten Wochen werden "
                                               "abgestimmt.", kind=INFO),
            Point("Sachbericht der AKS Gemeinwohl für das Vorjahr", "Der Entwurf wird gemeinsam durchgesehen.",
                  kind=DECIDE, decision="Der Sachbericht wird in der vorliegenden Fassung an das Bezirksamt "
                                        "übergeben.", month=2),
            Point("Zuwendungsbescheid und Mittelabruf", "Der Bescheid liegt vor; der erste Abruf ist erfolgt.",
                  kind=INFO, month=4),
            Point("Konzeptverfahren Spreeufer-Nord: Beteiligung der Initiativen",
                  "Die Initiativen sollen vor der Ausschreibung angehört werden.",
                  task="Termin für eine Anhörung der Initiativen vorschlagen", month=6),
            Point("Haushaltsberatungen im Bezirk", "Stand der Beratungen; vertraulich bis zur Vorlage.", kind=INFO,
                  level=INTERNAL, month=9),
            Point("Fachtag Gemeinwohl: Ablauf und Rollen", "Programm, Moderation und Einladungsliste.",
                  kind=DECIDE, decision="Der Fachtag findet im Rathaus Kreuzberg statt; der Bezirksstadtrat eröffnet.",
                  month=10),
            Point("Gremientermine für das nächste Jahr", "Vorschlag des AKS-Teams für alle Gremien.", kind=DECIDE,
                  decision="Die Gremientermine für das nächste Jahr werden wie vorgeschlagen festgelegt.",
                  task="Terminliste an alle Gremien verschicken", month=11),
        ),
    ),
    Spec(
        slug="regelrunde", short_name="RR", name="Amtsinterne Regelrunde des Büros des Bezirksstadtrats",
        kind=CommitteeKind.OWN, visibility=INTERNAL,
        organisers=("Büro des Bezirksstadtrats für Stadtentwicklung", "AKS Gemeinwohl"),
        purpose="In der amtsinternen Regelrunde des Büros des Bezirksstadtrats beraten die Mitarbeiter*innen und "
                "Referent*innen über aktuelle Themen.",
        rhythm_text="alle zwei Wochen, Montag, 10–11 Uhr",
        rhythm=Rhythm(weekday=0, weeks=2, anchor=datetime.date(2024, 1, 8)),
        start=datetime.time(10, 0), duration=60, room="Büro des Bezirksstadtrats, Besprechungsraum",
        address=RATHAUS, meeting_level=INTERNAL, item_level=INTERNAL, items=(3, 4), drafts=2,
        opening=Point("Wochenvorschau und offene Aufgaben", (
            "Die Termine der Woche werden durchgegangen; die offenen Aufgaben sind in Arbeit.",
            "Terminüberschneidungen im Bezirksamtskollegium werden geklärt; keine offenen Aufgaben.",
        ), kind=INFO, level=PUBLIC),
        seats=(
            Seat("Friedrich Lenz", CHAIR, POLITICS, 2021),
            Seat("Jana Brandt", MINUTES, AKS, 2020),
            Seat("Murat Yıldız", MEMBER, AKS, 2021),
            Seat("Petra Schulze", MEMBER, ADMINISTRATION, 2021),
        ),
        points=(
            Point("Vorlagen für das Bezirksamtskollegium", (
                "Zwei Vorlagen zur Stadtentwicklung werden vorbesprochen; eine braucht noch die Mitzeichnung.",
                "Die Vorlage zur Verlängerung einer Erhaltungsverordnung geht in die nächste Sitzung.",
            ), task="Mitzeichnung der Vorlage im Stadtentwicklungsamt einholen",
                decision="Die Vorlage geht mit den besprochenen Änderungen in die Mitzeichnung."),
            Point("Vorkaufsrecht: Prüffälle und Fristen", (
                "Der Prüffall im Samariterkiez läuft; Frist und nächste Schritte sind abgestimmt.",
                "Ein neuer Fall ist angezeigt; das Amt holt das Verkehrswertgutachten ein.",
            ), task="Fristablauf im Prüffall Samariterkiez überwachen"),
            Point("Presseanfragen und Öffentlichkeitsarbeit",
                  "Zwei Anfragen zu Vorkaufsfällen; Antworten werden mit der Pressestelle abgestimmt.", kind=INFO),
            Point("Anfragen und Beschwerden von Bürger*innen",
                  "Beschwerden über eine Baustelle im Wrangelkiez; das Büro antwortet bis Monatsende.",
                  task="Antwort an die Anwohner*innen entwerfen"),
            Point("Personal und Vertretungen im Büro", "Vertretungen während der Urlaubszeit werden "
                                                       "festgelegt.", kind=INFO),
            Point("Ziele des Büros für das neue Jahr", "Schwerpunkte Bodenpolitik und Milieuschutz.", month=1),
            Point("Abwendungsvereinbarungen: Musterentwurf", "Der Entwurf des Stadtentwicklungsamts wird beraten.",
                  kind=DECIDE, decision="Der Musterentwurf geht mit den Änderungen aus der Runde an das Rechtsamt.",
                  month=3),
            Point("Milieuschutz: Verlängerung einer Erhaltungsverordnung",
                  "Die Untersuchung liegt vor; die Verlängerung wird empfohlen.", month=5),
            Point("Haushaltsaufstellung: Anmeldungen des Bereichs Stadtentwicklung",
                  "Die Anmeldungen werden durchgesehen und priorisiert.", kind=DECIDE,
                  decision="Die Anmeldungen des Bereichs werden wie besprochen an den Steuerungsdienst übergeben.",
                  month=9),
            Point("Vorbereitung des Ausschusses für Stadtentwicklung",
                  "Berichtspunkte und Antworten auf erwartete Fragen werden verteilt.", kind=INFO, month=10),
        ),
    ),
    Spec(
        slug="ag-planung", short_name="AGP", name="AG Planung",
        kind=CommitteeKind.EXTERNAL, visibility=TEAM, organisers=("Sozialraumorientierte Planungskoordination",),
        purpose="In der AG Planung besprechen das Stadtentwicklungsamt, das Amt für Soziales und das Straßen- und "
                "Grünflächenamt unter Koordination der Sozialraumorientierten Planungskoordination aktuelle "
                "Bedarfsentwicklungen und Belange in der bezirklichen Stadtentwicklung.",
        rhythm_text="monatlich, zweiter Mittwoch, 10–12 Uhr, Sommerpause im August",
        rhythm=Rhythm(weekday=2, nth=2, months=(1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12)),
        start=datetime.time(10, 0), duration=120, room="Raum 1.14",
        address="Dienstgebäude Frankfurter Allee 35/37, 10247 Berlin",
        meeting_level=TEAM, item_level=TEAM,
        seats=(
            Seat("Konstantin Weber", MODERATION, ADMINISTRATION, 2017),
            Seat("Petra Schulze", MEMBER, ADMINISTRATION, 2018),
            Seat("Henrik Sommer", MEMBER, ADMINISTRATION, 2018),
            Seat("Aylin Demir", MEMBER, ADMINISTRATION, 2019),
            Seat("Murat Yıldız", MEMBER, AKS, 2021),
            Seat("Samira Haddad", DEPUTY, AKS, 2022),
        ),
        points=(
            Point("Bedarfsentwicklungen in den Bezirksregionen", (
                "Die SPK stellt die Entwicklung der Einwohnerzahlen und der Transferbezüge vor.",
                "Auffällig ist der Bedarf an Räumen für Jugendarbeit in Friedrichshain-Süd.",
            ), presenter="Sozialraumorientierte Planungskoordination"),
            Point("Soziale Infrastruktur: Kita- und Schulplätze",
                  "Engpässe bei Schulplätzen in zwei Bezirksregionen; die Ämter stimmen Standorte ab.",
                  decision="Die AG Planung bittet das Schulamt um eine Stellungnahme zu den Standorten."),
            Point("Grün- und Freiflächen: laufende Planungen", (
                "Das SGA berichtet über die Umgestaltung zweier Spielplätze.",
                "Die Entsiegelung eines Schulhofs ist beantragt; Beteiligung im Frühjahr.",
            ), presenter="Straßen- und Grünflächenamt"),
            Point("Bauvorhaben und Bebauungspläne im Überblick", (
                "Das Stadtentwicklungsamt stellt drei Bebauungspläne im Verfahren vor.",
                "Ein Vorhaben am Spreeufer geht in die frühzeitige Beteiligung.",
            ), presenter="Stadtentwicklungsamt", task="Liste der Bebauungspläne im Verfahren aktualisieren",
                decision="Die AG Planung nimmt die Übersicht der Bebauungspläne zur Kenntnis.", result=NOTED),
            Point("Berichte aus den Ämtern", "Kurze Berichte; keine Nachfragen.", kind=INFO),
            Point("Sozialraumdatenblätter: neue Auswertung", "Die SPK stellt die neuen Datenblätter vor.", kind=INFO,
                  month=2),
            Point("Integriertes Stadtteilentwicklungskonzept: Abstimmung der Ämter",
                  "Zeitplan und Zuständigkeiten für die Fortschreibung.", kind=DECIDE,
                  decision="Die AG Planung stimmt dem Zeitplan für die Fortschreibung zu.",
                  task="Beiträge der Ämter zum Stadtteilentwicklungskonzept einsammeln", month=4),
            Point("Hitzeschutz im öffentlichen Raum", "Standorte für Trinkbrunnen und Schattenplätze.",
                  task="Standorte für Trinkbrunnen mit dem SGA abstimmen", month=6),
            Point("Gemeinwohlorientierte Nutzungen in Neubauvorhaben",
                  "Die AKS stellt Beispiele für gesicherte Flächen sozialer Träger vor.", kind=DECIDE,
                  decision="Die AG Planung empfiehlt, in städtebaulichen Verträgen Flächen für soziale Träger zu "
                           "sichern.", presenter="AKS Gemeinwohl", month=10),
            Point("Planungsprioritäten für das kommende Jahr", "Jedes Amt nennt drei Prioritäten.", kind=DECIDE,
                  decision="Die AG Planung legt Schulstandorte, Hitzeschutz und Räume für Jugendarbeit als "
                           "Schwerpunkte fest.", month=11),
        ),
    ),
    Spec(
        slug="netzwerk-immobilien", short_name="NGI",
        name="Netzwerk für Gemeinwohlorientierte Immobilienentwicklung",
        kind=CommitteeKind.NETWORK, visibility=MEMBERS, organisers=("LokalBau Plattform", "AKS Gemeinwohl"),
        purpose="Im Netzwerk für Gemeinwohlorientierte Immobilienentwicklung, einem Think Tank in Kooperation mit "
                "der LokalBau Plattform, werden Fragen der Immobilienentwicklung mit gemeinwohlorientierten "
                "Unternehmen diskutiert und gemeinsame Stellungnahmen im thematischen Kontext erarbeitet.",
        rhythm_text="alle sechs Wochen, Donnerstag, 16–18 Uhr, online",
        rhythm=Rhythm(weekday=3, weeks=6, anchor=datetime.date(2024, 1, 11)),
        start=datetime.time(16, 0), duration=120, room="Videokonferenz",
        online_url="https://konferenz.gemeinwohl.example/netzwerk-immobilien",
        meeting_level=MEMBERS, item_level=MEMBERS, votes=0.3,
        seats=(
            Seat("Mira Albrecht", MODERATION, AKS, 2019),
            Seat("Greta Wolf", MEMBER, ENTERPRISE, 2019),
            Seat("Clara Neumann", MEMBER, ENTERPRISE, 2020),
            Seat("Ben Kaya", MEMBER, ENTERPRISE, 2020),
            Seat("Felix Braun", MEMBER, ENTERPRISE, 2021),
            Seat("Lina Petrović", MEMBER, ENTERPRISE, 2020),
            Seat("Oskar Vogel", MEMBER, ENTERPRISE, 2022),
            Seat("Murat Yıldız", MINUTES, AKS, 2021),
            Seat("Ursula König", GUEST, POLITICS, 2023),
        ),
        points=(
            Point("Runde: aktuelle Projekte der Mitglieder", (
                "Die Genossenschaft Kreuzberger Höfe berichtet vom Baustart; der Werkhof sucht Gewerbemieter*innen.",
                "Das Hausprojekt Lenaustraße verhandelt über einen Erbbaurechtsvertrag.",
            ), kind=INFO),
            Point("Erbbaurecht: Erfahrungen mit Erbbauzinsen", (
                "Die Stiftung Boden für Alle stellt ihr Modell gestaffelter Erbbauzinsen vor.",
                "Hohe Erbbauzinsen gefährden die Finanzierung; Austausch über Gegenbeispiele.",
            ), task="Beispiele für Erbbauzinsen im Netzwerk sammeln"),
            Point("Finanzierung gemeinwohlorientierter Projekte",
                  "Austausch über Förderprogramme des Landes und Bürgschaften."),
            Point("Konzeptverfahren: laufende Ausschreibungen in Berlin",
                  "Zwei Ausschreibungen mit kurzen Fristen; die Mitglieder prüfen eine Bewerbung.",
                  task="Übersicht der laufenden Ausschreibungen an das Netzwerk schicken",
                  decision="Das Netzwerk unterstützt die gemeinsame Bewerbung zweier Mitglieder."),
            Point("Genossenschaftliche Neugründungen", "Eine Hausgemeinschaft stellt ihr Gründungsvorhaben vor."),
            Point("Stellungnahme zum Berliner Bodenfonds", "Der Entwurf wird abschließend beraten.", kind=DECIDE,
                  decision="Das Netzwerk verabschiedet die gemeinsame Stellungnahme zum Bodenfonds und "
                           "veröffentlicht sie mit allen Mitzeichnenden.", month=1),
            Point("Positionspapier Erbbaurecht", "Gliederung und Zuständigkeiten.", kind=DECIDE,
                  decision="Das Netzwerk erarbeitet ein Positionspapier zu Erbbauzinsen für gemeinwohlorientierte "
                           "Träger.", task="Gliederung des Positionspapiers entwerfen", month=3),
            Point("Vertrauliche Vorabinformation: Grundstücksverkauf eines Landesunternehmens",
                  "Vorabinformation durch das AKS-Team; nicht zur Weitergabe.", kind=INFO, level=TEAM, month=4),
            Point("Fachgespräch mit dem Ausschuss für Stadtentwicklung",
                  "Vorbereitung der Beiträge des Netzwerks.", task="Einladung an den Ausschuss abstimmen", month=6),
            Point("Stellungnahme zu den Konzeptverfahrensrichtlinien des Landes", "Änderungsvorschläge werden "
                                                                               "gesammelt.",
                  kind=DECIDE, decision="Das Netzwerk reicht eine gemeinsame Stellungnahme zu den Richtlinien ein.",
                  month=9),
            Point("Jahresplanung des Netzwerks", "Themen und Gastgebende der nächsten Treffen.", kind=DECIDE,
                  decision="Das Netzwerk trifft sich weiter alle sechs Wochen; zwei Treffen finden vor Ort statt.",
                  month=11),
        ),
    ),
    Spec(
        slug="baustelle-gemeinwohl", short_name="BG", name="Netzwerk „Baustelle Gemeinwohl“",
        kind=CommitteeKind.NETWORK, visibility=PUBLIC, organisers=("LokalBau Plattform", "AKS Gemeinwohl"),
        purpose="Im Netzwerk „Baustelle Gemeinwohl“, einem Bündnis in Kooperation mit der LokalBau Plattform, "
                "versammeln sich Vertreter*innen stadtpolitischer Initiativen und Projekte, um gemeinsame "
                "Veranstaltungen, Policymaking und Diskurse zu organisieren.",
        rhythm_text="monatlich, erster Mittwoch, 18–20 Uhr", rhythm=Rhythm(weekday=2, nth=1),
        start=datetime.time(18, 0), duration=120, room="Hinterzimmer", address=KIEZLADEN,
        meeting_level=PUBLIC, item_level=PUBLIC, votes=0.2,
        seats=(
            Seat("Mira Albrecht", MODERATION, AKS, 2020),
            Seat("Tobias Krüger", MINUTES, AKS, 2020),
            Seat("Kim Nowak", MEMBER, INITIATIVE, 2021),
            Seat("Emil Fischer", MEMBER, INITIATIVE, 2020),
            Seat("Paul Schmidt", MEMBER, INITIATIVE, 2023),
            Seat("Nadia Hamdan", MEMBER, INITIATIVE, 2020),
            Seat("Sophie Lange", MEMBER, INITIATIVE, 2020),
            Seat("Jonas Richter", MEMBER, INITIATIVE, 2022),
            Seat("Lina Petrović", MEMBER, ENTERPRISE, 2021),
            Seat("Oskar Vogel", MEMBER, ENTERPRISE, 2022, left=150),
            Seat("Ursula König", GUEST, POLITICS, 2022),
            Seat("Clara Neumann", GUEST, ENTERPRISE, 2022),
        ),
        points=(
            Point("Runde der Initiativen", (
                "Kurze Berichte aus sechs Initiativen; Schwerpunkt sind Kündigungen von Gewerberäumen.",
                "Der Kulturraum Markthalle Süd lädt zu einem offenen Abend ein.",
            ), kind=INFO),
            Point("Policymaking: Forderungen an die Landespolitik", (
                "Die Arbeitsgruppe stellt den Stand des Forderungspapiers vor.",
                "Diskussion über Forderungen zum Vorkaufsrecht nach dem Urteil des Bundesverwaltungsgerichts.",
            ), task="Forderungspapier überarbeiten und im Netzwerk abstimmen",
                decision="Die Arbeitsgruppe überarbeitet das Forderungspapier bis zur nächsten Sitzung."),
            Point("Veranstaltungen und Diskurse", (
                "Planung eines Podiums mit Abgeordneten; Moderation aus dem Netzwerk.",
                "Rückblick auf den letzten Kiezspaziergang mit rund 60 Teilnehmenden.",
            ), task="Flyer für die nächste Veranstaltung gestalten"),
            Point("Kampagne „Räume für alle“", "Sammlung von Orten, die von Verdrängung bedroht sind.",
                  decision="Das Netzwerk nimmt zwei weitere bedrohte Orte in die Kampagne auf."),
            Point("Finanzen und Förderanträge", "Stand des Antrags bei einer Stiftung; Rückmeldung im nächsten "
                                                "Monat.", level=MEMBERS),
            Point("Aktionstag gegen Verdrängung", "Ideen für Beiträge des Netzwerks.", kind=DECIDE,
                  decision="Das Netzwerk beteiligt sich am Aktionstag mit einem offenen Kiezspaziergang.",
                  task="Route für den Kiezspaziergang festlegen", month=2),
            Point("Diskussionsreihe „Wem gehört die Stadt?“", "Themen und Gäste für vier Abende.", kind=DECIDE,
                  decision="Das Netzwerk richtet die Diskussionsreihe mit vier Abenden im Herbst aus.", month=4),
            Point("Sommerakademie der Initiativen", "Programmideen und Orte werden gesammelt.", month=6),
            Point("Forderungspapier zur Abgeordnetenhauswahl", "Abschließende Beratung des Papiers.", kind=DECIDE,
                  decision="Das Netzwerk verabschiedet das Forderungspapier mit zehn Forderungen zur "
                           "gemeinwohlorientierten Bodenpolitik.", month=9),
            Point("Aufnahme neuer Initiativen", "Zwei Initiativen stellen sich vor.", kind=DECIDE, level=MEMBERS,
                  decision="Das Netzwerk nimmt die beiden Initiativen auf.", month=10),
            Point("Rückblick und Jahresabschluss", "Gemeinsamer Rückblick auf das Jahr.", kind=INFO, month=12),
        ),
    ),
)
# fmt: on

# Fewer decisions fail than pass; a routine point ends in a decision now and then.
RESULTS = [DecisionResult.ADOPTED] * 14 + [DecisionResult.POSTPONED, DecisionResult.REJECTED]
ROUTINE_DECISIONS = 0.35


def load(*, accounts) -> dict[str, int]:
    """Create what is missing of the demo committees; existing committees, seats and meetings stay as they are."""
    editor = accounts["intern@gemeinwohl.example"]
    people = {_name(p): p for p in Person.objects.all()}
    organisations = {o.name: o for o in Organisation.objects.all()}
    today, now = timezone.localdate(), timezone.now()
    for spec in SPECS:
        committee = Committee.objects.filter(slug=spec.slug).first() or _create_committee(spec, organisations, editor)
        _seat_members(committee, spec, people, editor, today)
        _create_meetings(committee, spec, editor, today, now)
    return {
        "committees": Committee.objects.count(),
        "memberships": Membership.objects.count(),
        "meetings": Meeting.objects.filter(deleted_at__isnull=True).count(),
    }


def _name(person) -> str:
    """How the tables above name a person: given and family name, without title."""
    return f"{person.given_name} {person.family_name}"


def _create_committee(spec: Spec, organisations, editor) -> Committee:
    return actions.committee_create(
        by=editor,
        data=CommitteeInput(
            name=spec.name,
            short_name=spec.short_name,
            slug=spec.slug,
            kind=spec.kind,
            visibility=spec.visibility,
            purpose=spec.purpose,
            rhythm=spec.rhythm_text,
            organisers=[organisations[name] for name in spec.organisers],
        ),
    )


def _seat_dates(seat: Seat, today) -> tuple[datetime.date, datetime.date | None]:
    start = today - datetime.timedelta(days=seat.joined) if seat.joined else datetime.date(seat.since, 1, 1)
    end = today - datetime.timedelta(days=seat.left) if seat.left else None
    return start, end


def _seat_members(committee, spec: Spec, people, editor, today) -> None:
    seated = set(Membership.objects.filter(committee=committee).values_list("person_id", flat=True))
    for seat in spec.seats:
        person = people[seat.person]
        if person.pk in seated:
            continue
        start, end = _seat_dates(seat, today)
        # A public committee names publicly only those who consented to it.
        level = committee.visibility
        if level == PUBLIC and not actions.person_consents_to_public_listing(person):
            level = MEMBERS
        actions.membership_add(
            committee=committee,
            person=person,
            role=seat.role,
            sector=seat.sector,
            start_date=start,
            end_date=end,
            visibility=level,
            by=editor,
        )


def _meeting_days(spec: Spec, today, now) -> tuple[list[datetime.datetime], list[datetime.datetime]]:
    """The starts of the past year's meetings, and of the next one or two (the second only within six weeks)."""
    past, upcoming = [], []
    for offset in range(-364, 100):
        day = today + datetime.timedelta(days=offset)
        if not spec.rhythm.meets_on(day):
            continue
        start = datetime.datetime.combine(day, spec.start, tzinfo=BERLIN)
        if start < now:
            past.append(start)
        elif not upcoming or (len(upcoming) < 2 and offset <= 42):
            upcoming.append(start)
    return past, upcoming


def _create_meetings(committee, spec: Spec, editor, today, now) -> None:
    past, upcoming = _meeting_days(spec, today, now)
    existing = set(Meeting.objects.filter(committee=committee).values_list("start", flat=True))
    seats = {s.person: s for s in spec.seats}
    members = {_name(m.person): m for m in Membership.objects.filter(committee=committee).select_related("person")}
    called_off = (
        {min(past, key=lambda start: abs((today - start.date()).days - spec.cancelled))} if spec.cancelled else set()
    )
    held = [start for start in past if start not in called_off]
    drafts = set(held[-spec.drafts :])
    for start in past:
        if start in existing:
            continue
        if start in called_off:
            meeting, _items = _schedule(committee, spec, start, editor, _rng(spec, start))
            actions.meeting_cancel(meeting=meeting, by=editor)
        else:
            _past_meeting(committee, spec, start, editor, members, seats, today, draft=start in drafts)
    for number, start in enumerate(upcoming):
        if start not in existing:
            _upcoming_meeting(committee, spec, start, editor, invite=number == 0)


def _rng(spec: Spec, start) -> random.Random:
    # The same meeting gets the same agenda, attendance and tasks on every load, whichever meetings exist already.
    return random.Random(f"{spec.slug} {start.date().isoformat()}")  # noqa: S311 - demo variety, not security


def _schedule(committee, spec: Spec, start, editor, rng) -> tuple[Meeting, list]:
    """Schedule the meeting and put its agenda on; (meeting, [(item, point)])."""
    meeting = actions.meeting_schedule(
        committee=committee,
        data=MeetingInput(
            start=start,
            end=start + datetime.timedelta(minutes=spec.duration),
            visibility=spec.meeting_level,
            room=spec.room,
            address=spec.address,
            online_url=spec.online_url,
        ),
        by=editor,
    )
    points = _agenda(spec, start, rng)
    items = []
    for point in points:
        level = max(spec.meeting_level, spec.item_level if point.level is None else point.level)
        item = actions.agenda_item_add(
            meeting=meeting,
            data=AgendaItemInput(title=point.title, visibility=level, kind=point.kind, presenter=point.presenter),
            by=editor,
        )
        items.append((item, point))
    return meeting, items


def _agenda(spec: Spec, start, rng) -> list[Point]:
    """Opening, this month's one-off points (in the month's first meeting), routine points, maybe Verschiedenes."""
    first = spec.rhythm.first_in_month(start.date())
    once = [p for p in spec.points if p.month == start.month] if first else []
    routine = [p for p in spec.points if p.month is None]
    size = rng.randint(*spec.items)
    body = once + rng.sample(routine, min(len(routine), max(1, size - 2 - len(once))))
    closing = [CLOSING] if 1 + len(body) < size else []
    return [spec.opening, *body, *closing]


def _text(value: str | tuple[str, ...], rng) -> str:
    return rng.choice(value) if isinstance(value, tuple) else value


def _past_meeting(committee, spec: Spec, start, editor, members, seats, today, *, draft: bool) -> None:
    rng = _rng(spec, start)
    meeting, items = _schedule(committee, spec, start, editor, rng)
    actions.meeting_mark_held(meeting=meeting, by=editor)

    statuses = {}
    for name, membership in members.items():
        seat = seats.get(name)
        if seat is None or not _seated_on(membership, start.date()):
            continue
        statuses[membership.person] = _attendance(seat, rng)
    actions.attendance_record(meeting=meeting, statuses=statuses, by=editor)
    present = [p for p, status in statuses.items() if status == AttendanceStatus.PRESENT]
    voters = [p for p in present if seats[_name(p)].role != GUEST]

    for item, point in items:
        actions.minutes_save_entry(item=item, text=_text(point.minutes, rng), base_version=0, by=editor)
        if point.decision and (point.month or rng.random() < ROUTINE_DECISIONS):
            actions.decision_record(item=item, data=_decision(point, item, voters, spec, rng), by=editor)
        if point.task:
            _task(committee, point, item, start, present or list(statuses), editor, today, rng)
    if not draft:
        actions.minutes_approve(meeting=meeting, by=editor)


def _seated_on(membership: Membership, day) -> bool:
    return (membership.start_date is None or membership.start_date <= day) and (
        membership.end_date is None or day <= membership.end_date
    )


def _attendance(seat: Seat, rng) -> str:
    if seat.role == GUEST:
        weights = (4, 4, 2)
    elif seat.role in (CHAIR, MODERATION, MINUTES):
        weights = (19, 1, 0)
    else:
        weights = (16, 3, 1)
    statuses = [AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT]
    return rng.choices(statuses, weights=weights)[0]


def _decision(point: Point, item, voters, spec: Spec, rng) -> DecisionInput:
    result = point.result or rng.choice(RESULTS)
    data = DecisionInput(text=point.decision, result=result, visibility=item.visibility)
    if result in (DecisionResult.ADOPTED, DecisionResult.REJECTED) and len(voters) >= 3 and rng.random() < spec.votes:
        no, abstain = rng.randint(0, 1), rng.randint(0, 1)
        yes = len(voters) - no - abstain
        if result == DecisionResult.REJECTED:
            yes, no = min(yes, no), max(yes, no)
        data.votes_yes, data.votes_no, data.votes_abstain = yes, no, abstain
    return data


def _task(committee, point: Point, item, start, people, editor, today, rng) -> None:
    due = start.date() + datetime.timedelta(days=rng.choice((14, 21, 28)))
    task = actions.task_create(
        committee=committee,
        data=TaskInput(
            title=point.task, visibility=item.visibility, assignee=rng.choice(people), due_date=due, agenda_item=item
        ),
        by=editor,
    )
    if due < today - datetime.timedelta(days=30):
        status = TaskStatus.DONE if rng.random() < 0.9 else TaskStatus.IN_PROGRESS
    elif due < today:  # recently due: some done, some overdue
        status = rng.choice((TaskStatus.DONE, TaskStatus.IN_PROGRESS, TaskStatus.OPEN))
    else:
        status = rng.choice((TaskStatus.OPEN, TaskStatus.OPEN, TaskStatus.IN_PROGRESS))
    if status != TaskStatus.OPEN:
        actions.task_set_status(task=task, status=status, by=editor)


def _upcoming_meeting(committee, spec: Spec, start, editor, *, invite: bool) -> None:
    meeting, _items = _schedule(committee, spec, start, editor, _rng(spec, start))
    if invite:
        actions.invitations_send(meeting=meeting, by=editor)
