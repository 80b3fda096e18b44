"""Demo heritable building rights on the demo properties; contract terms invented. Demo only.

Loading twice changes nothing: a contract is keyed on its file number. Dates
follow today, so that the register always shows one contract due for
adjustment within the next twelve months. A contract whose holder is missing
from the address book is left out.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Organisation
from gemeinwohl.landpolicy.actions.leases import LeaseInput, lease_create
from gemeinwohl.landpolicy.models import GroundLease

EDITOR = "intern@gemeinwohl.example"


@dataclass(frozen=True)
class Spec:
    key: str
    plot: str  # key of the demo property
    holder: str  # name of an organisation in the demo address book
    file_number: str
    starts_on: datetime.date
    term_years: int
    rate_percent: Decimal
    land_value: Decimal
    land_value_date: datetime.date
    adjustment_rule: str
    adjustment_interval_years: int
    # Months from today to the next adjustment (negative: overdue).
    next_adjustment_in_months: int
    reversion_conditions: str
    note: str = ""
    visibility: int = Visibility.TEAM


REVERSION = (
    "Heimfall bei Aufgabe der gemeinwohlorientierten Nutzung, bei Weiterveräußerung ohne Zustimmung "
    "des Grundstückseigentümers und bei Zahlungsverzug mit dem Erbbauzins von mindestens zwei Jahresbeträgen "
    "(§ 9 Abs. 4 ErbbauRG)."
)
INDEX_RULE = (
    "Wertsicherung nach dem Verbraucherpreisindex für Deutschland; Anpassung auf Verlangen, "
    "frühestens nach Ablauf des Anpassungszeitraums (§ 9a ErbbauRG)."
)

SPECS = [
    Spec(
        key="lease_1",
        plot="lease_1",
        holder="Nachbarschaftshaus Rudolfkiez e.V.",
        file_number="FB Immo ErbbR 2012/03",
        starts_on=datetime.date(2012, 4, 1),
        term_years=60,
        rate_percent=Decimal("1.5"),
        land_value=Decimal("1260000.00"),
        land_value_date=datetime.date(2011, 12, 31),
        adjustment_rule=INDEX_RULE,
        adjustment_interval_years=5,
        next_adjustment_in_months=4,
        reversion_conditions=REVERSION,
        note="Ermäßigter Erbbauzins für soziale Infrastruktur.",
    ),
    Spec(
        key="lease_2",
        plot="lease_2",
        holder="Wohnungsgenossenschaft Kreuzberger Höfe eG",
        file_number="BF ErbbR 2024/117",
        starts_on=datetime.date(2024, 7, 1),
        term_years=99,
        rate_percent=Decimal("2"),
        land_value=Decimal("4650000.00"),
        land_value_date=datetime.date(2023, 1, 1),
        adjustment_rule=INDEX_RULE + " Höchstens um 70 % der Indexänderung.",
        adjustment_interval_years=10,
        next_adjustment_in_months=100,
        reversion_conditions=REVERSION + " Die Mieten bleiben 30 % unter dem Mietspiegel.",
    ),
    Spec(
        key="lease_3",
        plot="lease_3",
        holder="Hausverein Samariterkiez",
        file_number="BF ErbbR 2008/041",
        starts_on=datetime.date(2008, 1, 1),
        term_years=75,
        rate_percent=Decimal("3"),
        land_value=Decimal("520000.00"),
        land_value_date=datetime.date(2007, 1, 1),
        adjustment_rule=INDEX_RULE,
        adjustment_interval_years=3,
        next_adjustment_in_months=-2,
        reversion_conditions=REVERSION + " Heimfall auch bei Aufgabe der Bindung an das Mietshäuser Syndikat.",
        note="Die Anpassung ist überfällig; der Hausverein hat um ein Gespräch gebeten.",
    ),
]


def load(*, accounts: dict, plots: dict) -> dict[str, int]:
    """Create the demo contracts that do not exist yet (by file number); return the id of each by key."""
    editor = accounts[EDITOR]
    today = timezone.localdate()
    existing = {
        lease.file_number: lease
        for lease in GroundLease.objects.filter(file_number__in=[spec.file_number for spec in SPECS])
    }
    holders = {
        organisation.name: organisation
        for organisation in Organisation.objects.visible_to(editor).filter(name__in=[spec.holder for spec in SPECS])
    }
    created = {}
    for spec in SPECS:
        lease = existing.get(spec.file_number)
        if lease is None:
            if spec.holder not in holders or spec.plot not in plots:
                continue
            lease = lease_create(
                by=editor,
                data=LeaseInput(
                    plot=plots[spec.plot],
                    holder_organisation=holders[spec.holder],
                    file_number=spec.file_number,
                    starts_on=spec.starts_on,
                    term_years=spec.term_years,
                    rate_percent=spec.rate_percent,
                    land_value=spec.land_value,
                    land_value_date=spec.land_value_date,
                    adjustment_rule=spec.adjustment_rule,
                    adjustment_interval_years=spec.adjustment_interval_years,
                    next_adjustment_on=today + relativedelta(months=spec.next_adjustment_in_months),
                    reversion_conditions=spec.reversion_conditions,
                    note=spec.note,
                    visibility=spec.visibility,
                ),
            )
        created[spec.key] = lease.pk
    return created
