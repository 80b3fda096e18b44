"""Demo properties in Friedrichshain-Kreuzberg, at real positions; addresses and parcels are invented. Demo only.

Loading twice changes nothing: a property is keyed on its address. The
returned keys are what the cases, tenders and contracts of the demo build on:
``preemption_1`` … ``preemption_4`` are residential buildings in four different
social preservation (Milieuschutz) areas, ``tender`` is a vacant district plot,
``lease_1`` … ``lease_3`` are under heritable building rights.
"""

from dataclasses import dataclass

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.actions.properties import PropertyInput, property_create
from gemeinwohl.landpolicy.models import OwnerType, Property, PropertyUse
from gemeinwohl.places.models import Place

EDITOR = "intern@gemeinwohl.example"


@dataclass(frozen=True)
class Spec:
    key: str
    address: str
    position: tuple[float, float]
    parcel: tuple[str, str, str]  # Gemarkung, Flur, Flurstück
    owner_type: str
    size_m2: int
    use: str
    use_note: str = ""
    place: str = ""  # the name of a demo place, linked where it exists
    note: str = ""
    visibility: int = Visibility.TEAM


# The table is kept one row per property for reading; the formatter leaves it alone.
# fmt: off
SPECS = [
    Spec("preemption_1", "Gärtnerstraße 20, 10245 Berlin", (52.5112, 13.4590), ("Friedrichshain", "4", "211/7"),
         OwnerType.PRIVATE, 780, PropertyUse.RESIDENTIAL, "Altbau, 24 Wohnungen, zwei Läden",
         note="Milieuschutzgebiet Boxhagener Platz."),
    Spec("preemption_2", "Samariterstraße 20, 10247 Berlin", (52.5150, 13.4668), ("Friedrichshain", "6", "88/2"),
         OwnerType.PRIVATE, 910, PropertyUse.RESIDENTIAL, "Altbau, 31 Wohnungen",
         place="Hausprojekt Samariterstraße", note="Milieuschutzgebiet Samariterviertel."),
    Spec("preemption_3", "Dieffenbachstraße 40, 10967 Berlin", (52.4935, 13.4210), ("Kreuzberg", "12", "140/3"),
         OwnerType.PRIVATE, 1020, PropertyUse.MIXED, "Vorderhaus und Seitenflügel, 28 Wohnungen, ein Laden",
         note="Milieuschutzgebiet Graefestraße."),
    Spec("preemption_4", "Wrangelstraße 50, 10997 Berlin", (52.5003, 13.4380), ("Kreuzberg", "15", "62/1"),
         OwnerType.PRIVATE, 850, PropertyUse.RESIDENTIAL, "Altbau, 22 Wohnungen",
         note="Milieuschutzgebiet Luisenstadt (SO 36)."),
    Spec("tender", "Lobeckstraße 40, 10969 Berlin", (52.4985, 13.4045), ("Kreuzberg", "9", "301/12"),
         OwnerType.DISTRICT, 2350, PropertyUse.VACANT, "Brachfläche, früher Lagerplatz",
         note="Bezirkseigen; für ein Konzeptverfahren mit Vergabe im Erbbaurecht vorgesehen."),
    Spec("lease_1", "Rudolfstraße 10, 10245 Berlin", (52.5031, 13.4508), ("Friedrichshain", "2", "47/5"),
         OwnerType.DISTRICT, 1400, PropertyUse.COMMUNITY, "Nachbarschaftshaus",
         place="Nachbarschaftshaus Rudolfkiez", note="Im Erbbaurecht an den Träger des Nachbarschaftshauses."),
    Spec("lease_2", "Ratiborstraße 14, 10999 Berlin", (52.4947, 13.4327), ("Kreuzberg", "17", "95/4"),
         OwnerType.STATE, 3100, PropertyUse.MIXED, "Neubau der Genossenschaft, Wohnungen und Werkstätten",
         place="Grundstück Ratiborstraße", note="Landeseigen (Berliner Bodenfonds), im Erbbaurecht vergeben."),
    Spec("lease_3", "Bänschstraße 30, 10247 Berlin", (52.5185, 13.4680), ("Friedrichshain", "6", "120/9"),
         OwnerType.STATE, 690, PropertyUse.RESIDENTIAL, "Hausprojekt im Mietshäuser Syndikat, 14 Wohnungen",
         note="Das Land gab den Boden im Erbbaurecht; das Haus gehört der Hausbesitz-GmbH des Hausvereins."),
    # Administration-internal: a sale the district examines quietly.
    Spec("spreeblick", "Mühlenstraße 60, 10243 Berlin", (52.5060, 13.4420), ("Friedrichshain", "1", "18/3"),
         OwnerType.PRIVATE, 5200, PropertyUse.COMMERCIAL, "Gewerbehof am Spreeufer",
         note="Verkaufsabsicht der Eigentümerin bekannt; Verhandlungen nur verwaltungsintern.",
         visibility=Visibility.INTERNAL),
]
# fmt: on


def load(*, accounts: dict) -> dict[str, Property]:
    """Create the demo properties that do not exist yet (by address); return all of them by key."""
    editor = accounts[EDITOR]
    existing = {plot.address: plot for plot in Property.objects.filter(address__in=[spec.address for spec in SPECS])}
    places = {
        place.name: place for place in Place.objects.filter(name__in=[spec.place for spec in SPECS if spec.place])
    }
    plots = {}
    for spec in SPECS:
        plot = existing.get(spec.address)
        if plot is None:
            gemarkung, flur, flurstueck = spec.parcel
            plot = property_create(
                by=editor,
                data=PropertyInput(
                    address=spec.address,
                    gemarkung=gemarkung,
                    flur=flur,
                    flurstueck=flurstueck,
                    owner_type=spec.owner_type,
                    size_m2=spec.size_m2,
                    use=spec.use,
                    use_note=spec.use_note,
                    place=places.get(spec.place),
                    latitude=spec.position[0],
                    longitude=spec.position[1],
                    note=spec.note,
                    visibility=spec.visibility,
                ),
            )
        plots[spec.key] = plot
    return plots
