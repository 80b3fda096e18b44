"""Demo places: sixteen common-good projects and spaces in Friedrichshain-Kreuzberg and two proposals.

Everything goes through the places actions, as the team's pages and the
public proposal form would do it: ``place_create`` with the first status,
``place_change_status`` for the steps since, ``place_set_actors`` with the
demo address book's organisations where the names match, ``place_assess``
against the seeded criteria, ``place_propose`` for the two proposals waiting
for review. The positions are real (checked against the shipped geodata);
the projects, owners and negotiations are invented. One place is for the
team only, one has an owner only the team may see, one has no position yet.
Loading twice changes nothing: a place is keyed on its name.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Organisation
from gemeinwohl.places import actions
from gemeinwohl.places.actions import ActorInput, PlaceInput, ProposalInput
from gemeinwohl.places.models import (
    ActorRole,
    Criterion,
    OwnerType,
    Place,
    PlaceKind,
    Rating,
    Review,
    Status,
    Use,
)

TEAM_LEAD = "intern@gemeinwohl.example"
PUBLIC, TEAM = Visibility.PUBLIC, Visibility.TEAM
MET, PARTLY, NOT_MET = Rating.MET, Rating.PARTLY, Rating.NOT_MET


@dataclass(frozen=True)
class Spec:
    name: str
    kind: str
    address: str
    position: tuple[float, float] | None
    description: str
    uses: list[str]
    # (status, days ago, note), oldest first; the first is the status the place was recorded with (no note).
    history: list[tuple[str, int, str]]
    owner_type: str = OwnerType.UNKNOWN
    owner_note: str = ""
    owner_visibility: int = PUBLIC
    negotiations: str = ""
    visibility: int = PUBLIC
    # (organisation name in the demo address book, role)
    actors: list[tuple[str, str]] = field(default_factory=list)
    # criterion position in the checklist (0-based) -> (rating, note)
    ratings: dict[int, tuple[str, str]] = field(default_factory=dict)


# fmt: off
SPECS = [
    Spec("Kiezladen Boxhagener Eck", PlaceKind.BUILDING, "Boxhagener Straße 1, 10245 Berlin", (52.5108, 13.4612),
         "Laden im Erdgeschoss: Nachbarschaftscafé, Beratung, Treffpunkt für Initiativen.",
         [Use.SOCIAL, Use.COMMUNITY, Use.CULTURE],
         [(Status.THREATENED, 400, ""),
          (Status.NEGOTIATING, 200, "Gespräche mit der Eigentümerin über einen neuen Vertrag."),
          (Status.SECURED, 30, "Mietvertrag über zehn Jahre unterschrieben.")],
         owner_type=OwnerType.PRIVATE, owner_note="Erbengemeinschaft, vertreten durch eine Hausverwaltung",
         owner_visibility=TEAM, negotiations="Mietstaffel ab dem sechsten Jahr vereinbart.",
         actors=[("Kiezladen Boxhagener Eck e.V.", ActorRole.USERS), ("AKS Gemeinwohl", ActorRole.SUPPORTER)],
         ratings={0: (MET, "Zehnjähriger Mietvertrag"), 1: (PARTLY, "Miete unter Ortsüblichkeit"),
                  3: (MET, "Offen an fünf Tagen")}),
    Spec("Stadtteilgarten Spreeufer", PlaceKind.OPEN_SPACE, "May-Ayim-Ufer, 10997 Berlin", (52.5013, 13.4436),
         "Gemeinschaftsgarten mit Hochbeeten am Ufer, offen für alle.",
         [Use.GREEN, Use.COMMUNITY, Use.EDUCATION],
         [(Status.IDEA, 900, ""), (Status.DEVELOPING, 600, "Nutzungsvereinbarung mit dem Bezirk."),
          (Status.REALISED, 300, "Erste Saison mit 40 Beeten.")],
         owner_type=OwnerType.DISTRICT, owner_note="Fachvermögen des Straßen- und Grünflächenamts",
         actors=[("Stadtteilgarten Spreeufer e.V.", ActorRole.USERS),
                 ("Straßen- und Grünflächenamt", ActorRole.OWNER)],
         ratings={2: (MET, "Gartenrat entscheidet"), 3: (MET, ""), 5: (MET, "Regenwasser, keine Versiegelung")}),
    Spec("Nachbarschaftshaus Rudolfkiez", PlaceKind.BUILDING, "Rudolfstraße 10, 10245 Berlin", (52.5031, 13.4508),
         "Nachbarschaftshaus mit Sozialberatung, Kursen und Räumen für Initiativen.",
         [Use.SOCIAL, Use.EDUCATION, Use.COMMUNITY],
         [(Status.IDEA, 2500, ""), (Status.SECURED, 1500, "Übertragung an den Träger im Erbbaurecht.")],
         owner_type=OwnerType.DISTRICT,
         actors=[("Nachbarschaftshaus Rudolfkiez e.V.", ActorRole.OPERATOR), ("Amt für Soziales", ActorRole.SUPPORTER)],
         ratings={0: (MET, "Erbbaurecht über 60 Jahre"), 1: (MET, ""), 3: (MET, "")}),
    Spec("Kulturraum Markthalle Süd", PlaceKind.BUILDING, "Pücklerstraße 34, 10997 Berlin", (52.5018, 13.4309),
         "Probenräume und ein kleiner Saal in der ehemaligen Kühlhalle.", [Use.CULTURE],
         [(Status.IDEA, 500, ""), (Status.NEGOTIATING, 120, "Erstes Gespräch mit dem Eigentümer.")],
         owner_type=OwnerType.PRIVATE, owner_visibility=TEAM,
         negotiations="Eigentümer bietet einen Mietvertrag über fünf Jahre an; Kaufoption offen.",
         actors=[("Kulturraum Markthalle Süd", ActorRole.USERS)],
         ratings={0: (NOT_MET, "Nur Zwischennutzung"), 3: (PARTLY, "")}),
    Spec("Grundstück Ratiborstraße", PlaceKind.PLOT, "Ratiborstraße 14, 10999 Berlin", (52.4947, 13.4327),
         "Landeseigenes Grundstück; die Genossenschaft bewirbt sich im Konzeptverfahren um ein Erbbaurecht.",
         [Use.HOUSING, Use.COMMERCE],
         [(Status.IDEA, 700, ""), (Status.NEGOTIATING, 250, "Konzeptverfahren ausgeschrieben."),
          (Status.DEVELOPING, 20, "Zuschlag für die Genossenschaft.")],
         owner_type=OwnerType.STATE, owner_note="Berliner Bodenfonds",
         actors=[("Wohnungsgenossenschaft Kreuzberger Höfe eG", ActorRole.OPERATOR),
                 ("Stiftung Boden für Alle", ActorRole.SUPPORTER)],
         ratings={0: (MET, "Erbbaurecht 99 Jahre"), 1: (MET, "Mieten 30 % unter Mietspiegel"),
                  2: (MET, "Genossenschaftliche Selbstverwaltung"), 4: (PARTLY, "")}),
    Spec("Werkhof Revaler Straße", PlaceKind.BUILDING, "Revaler Straße 99, 10245 Berlin", (52.5077, 13.4565),
         "Gewerbehof mit Werkstätten für Handwerk und kleine Betriebe.", [Use.COMMERCE, Use.CULTURE],
         [(Status.THREATENED, 300, ""), (Status.NEGOTIATING, 90, "")],
         owner_type=OwnerType.PRIVATE, owner_visibility=TEAM,
         negotiations="Die Genossenschaft prüft ein Kaufangebot mit Stiftungsgeld.",
         actors=[("Genossenschaft Werkhof Friedrichshain eG", ActorRole.USERS)],
         ratings={1: (PARTLY, "Gewerbemieten steigen"), 2: (MET, "")}),
    # For the team only: the pre-emption check of the address book's confidential note.
    Spec("Hausprojekt Samariterstraße", PlaceKind.PROJECT, "Samariterstraße 20, 10247 Berlin", (52.5150, 13.4668),
         "Mietshaus, dessen Bewohner*innen ein Hausprojekt gründen wollen.", [Use.HOUSING],
         [(Status.THREATENED, 60, ""),
          (Status.NEGOTIATING, 20, "Verkauf an eine Projektgesellschaft; Vorkaufsrecht wird geprüft.")],
         owner_type=OwnerType.PRIVATE, owner_visibility=TEAM, visibility=TEAM,
         negotiations="Abwendungsvereinbarung im Gespräch.",
         actors=[("Hausverein Samariterkiez", ActorRole.USERS), ("Stadtentwicklungsamt", ActorRole.SUPPORTER)],
         ratings={0: (NOT_MET, ""), 2: (PARTLY, "Hausverein gegründet")}),
    Spec("Atelierhaus Skalitzer Straße", PlaceKind.BUILDING, "Skalitzer Straße 80, 10997 Berlin", (52.4992, 13.4283),
         "Ateliers für 25 Künstler*innen in einem Fabrikgebäude.", [Use.CULTURE],
         [(Status.THREATENED, 1200, ""),
          (Status.SECURED, 800, "Generalmietvertrag über das Atelierprogramm des Landes.")],
         owner_type=OwnerType.FOUNDATION,
         ratings={0: (PARTLY, "Vertrag bis 2031"), 1: (MET, "")}),
    Spec("Laden der Initiative Wrangelkiez", PlaceKind.BUILDING, "Wrangelstraße 50, 10997 Berlin", (52.5006, 13.4385),
         "Kleiner Laden als Anlaufstelle der Mieter*inneninitiative.", [Use.SOCIAL, Use.COMMUNITY],
         [(Status.SECURED, 1000, ""), (Status.THREATENED, 45, "Eigentümer will den Laden selbst nutzen.")],
         owner_type=OwnerType.MUNICIPAL_HOUSING, owner_note="Landeseigene Wohnungsbaugesellschaft",
         actors=[("Initiative Wrangelkiez bleibt", ActorRole.USERS)],
         ratings={3: (MET, "")}),
    Spec("Hinterhof Oranienstraße", PlaceKind.OPEN_SPACE, "Oranienstraße 25, 10999 Berlin", (52.5013, 13.4192),
         "Begrünter Hinterhof, den die Hausgemeinschaft gemeinsam pflegt.", [Use.GREEN, Use.HOUSING],
         [(Status.IDEA, 150, ""), (Status.DEVELOPING, 40, "Entsiegelung beantragt.")],
         owner_type=OwnerType.COOPERATIVE,
         actors=[("Mieter*innengemeinschaft Oranienhof", ActorRole.USERS)]),
    Spec("Brachfläche am Ostkreuz", PlaceKind.OPEN_SPACE, "Hauptstraße 3, 10317 Berlin", (52.5033, 13.4675),
         "Brache an den Gleisen; Idee für einen Nachbarschaftspark mit Bauspielplatz.", [Use.GREEN, Use.EDUCATION],
         [(Status.IDEA, 90, ""), (Status.IDEA, 14, "Vorschlag aus der AG Planung: Eigentum klären.")],
         owner_type=OwnerType.UNKNOWN),
    Spec("Erbbaurechtsgrundstück Görlitzer Ufer", PlaceKind.PLOT, "Görlitzer Ufer 4, 10997 Berlin",
         (52.4968, 13.4418),
         "Grundstück der Stiftung, für ein gemeinschaftliches Wohnprojekt im Erbbaurecht vergeben.",
         [Use.HOUSING, Use.SOCIAL],
         [(Status.NEGOTIATING, 400, ""), (Status.SECURED, 150, "Erbbaurechtsvertrag beurkundet."),
          (Status.DEVELOPING, 10, "Baugenehmigung erteilt.")],
         owner_type=OwnerType.FOUNDATION,
         actors=[("Stiftung Boden für Alle", ActorRole.OWNER), ("Gemeinwohl-Bau gGmbH", ActorRole.OPERATOR)],
         ratings={0: (MET, ""), 1: (MET, ""), 4: (MET, "Überschüsse in die Stiftung"), 5: (PARTLY, "")}),
    Spec("Kinderbauernhof am Mauerplatz", PlaceKind.OPEN_SPACE, "Leuschnerdamm 9, 10999 Berlin", (52.5041, 13.4147),
         "Kinderbauernhof mit Tieren, Garten und Werkstatt.", [Use.EDUCATION, Use.GREEN, Use.SOCIAL],
         [(Status.DEVELOPING, 2500, ""), (Status.REALISED, 2000, "Eröffnet.")],
         owner_type=OwnerType.DISTRICT,
         ratings={0: (MET, ""), 3: (MET, ""), 5: (MET, "")}),
    Spec("Club an der Mühlenstraße", PlaceKind.BUILDING, "Mühlenstraße 60, 10243 Berlin", (52.5058, 13.4395),
         "Club und Veranstaltungsort am Spreeufer.", [Use.CULTURE],
         [(Status.THREATENED, 700, ""), (Status.NEGOTIATING, 500, ""),
          (Status.LOST, 200, "Abriss für einen Bürobau; der Club ist ausgezogen.")],
         owner_type=OwnerType.PRIVATE, owner_visibility=TEAM),
    Spec("Jugendetage Frankfurter Allee", PlaceKind.PROJECT, "Frankfurter Allee 35, 10247 Berlin", (52.5157, 13.4540),
         "Offene Jugendarbeit in einer ehemaligen Büroetage.", [Use.SOCIAL, Use.EDUCATION],
         [(Status.IDEA, 400, ""), (Status.DEVELOPING, 100, "Umbau läuft.")],
         owner_type=OwnerType.MUNICIPAL_HOUSING,
         actors=[("Amt für Soziales", ActorRole.SUPPORTER)]),
    # Not yet located: a project still looking for its place.
    Spec("Wohnprojekt sucht Haus", PlaceKind.PROJECT, "", None,
         "Eine Gruppe von zwölf Haushalten sucht ein Haus im Bezirk für ein Mietshäuser-Syndikat-Projekt.",
         [Use.HOUSING],
         [(Status.IDEA, 30, "")],
         owner_type=OwnerType.SYNDICATE,
         actors=[("LokalBau Plattform", ActorRole.SUPPORTER)]),
]

PROPOSALS = [
    ProposalInput(name="Gemeinschaftsgarten Wismarplatz", proposer_name="Mara Kühn",
                  proposer_email="mara.kuehn@example.org", consent=True, kind=PlaceKind.OPEN_SPACE,
                  address="Wismarplatz, 10245 Berlin", latitude=52.5122, longitude=13.4702,
                  description="Auf dem Platz könnten Hochbeete stehen; viele Nachbar*innen würden mitmachen.",
                  uses=[Use.GREEN, Use.COMMUNITY]),
    ProposalInput(name="Leerer Laden Mittenwalder Straße", proposer_name="Deniz Arslan",
                  proposer_email="deniz.arslan@example.org", consent=True, kind=PlaceKind.BUILDING,
                  address="Mittenwalder Straße 12, 10961 Berlin", latitude=52.4932, longitude=13.3963,
                  description="Der Laden steht seit zwei Jahren leer; ideal für eine Reparaturwerkstatt.",
                  uses=[Use.COMMERCE, Use.COMMUNITY]),
]
# fmt: on


def load(*, accounts) -> dict[str, int]:
    """Create the demo places and proposals that do not exist yet (by name); return how many there are.

    Needs the demo accounts and, for the actors, the demo address book (``directory.demo``);
    actors whose organisation is missing are left out.
    """
    by = accounts[TEAM_LEAD]
    existing = set(Place.objects.filter(name__in=[spec.name for spec in SPECS]).values_list("name", flat=True))
    criteria = list(Criterion.objects.filter(is_active=True).order_by("position", "pk"))
    for spec in SPECS:
        if spec.name not in existing:
            _create(spec, by=by, criteria=criteria)
    proposed = set(Place.objects.filter(name__in=[p.name for p in PROPOSALS]).values_list("name", flat=True))
    for number, proposal in enumerate(PROPOSALS):
        if proposal.name not in proposed:
            actions.place_propose(data=proposal, now=timezone.now() - datetime.timedelta(days=3 - number))
    return {
        "places": Place.objects.filter(review=Review.ACCEPTED).count(),
        "proposals": Place.objects.filter(review=Review.PROPOSED).count(),
    }


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _create(spec: Spec, *, by, criteria) -> Place:
    latitude, longitude = spec.position or (None, None)
    first_status, first_days, _none = spec.history[0]
    place = actions.place_create(
        data=PlaceInput(
            name=spec.name,
            kind=spec.kind,
            address=spec.address,
            latitude=latitude,
            longitude=longitude,
            description=spec.description,
            uses=spec.uses,
            visibility=spec.visibility,
            owner_type=spec.owner_type,
            owner_note=spec.owner_note,
            owner_visibility=max(spec.owner_visibility, spec.visibility),
            negotiations=spec.negotiations,
            negotiations_visibility=max(TEAM, spec.visibility),
        ),
        by=by,
        status=first_status,
        status_since=_days_ago(first_days),
    )
    for status, days, note in spec.history[1:]:
        actions.place_change_status(place=place, status=status, on_date=_days_ago(days), note=note, by=by)
    organisations = {
        organisation.name: organisation
        for organisation in Organisation.objects.visible_to(by).filter(name__in=[name for name, _role in spec.actors])
    }
    actors = [
        ActorInput(role=role, organisation=organisations[name]) for name, role in spec.actors if name in organisations
    ]
    if actors:
        actions.place_set_actors(place=place, actors=actors, by=by)
    ratings = {criteria[index].pk: rating for index, rating in spec.ratings.items() if index < len(criteria)}
    if ratings:
        actions.place_assess(place=place, ratings=ratings, by=by)
    return place
