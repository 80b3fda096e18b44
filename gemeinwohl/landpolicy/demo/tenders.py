"""Demo concept tenders: one decided (scored by three jurors, a tie further down), one open. Demo only.

Everything goes through the actions. Running it again creates nothing new:
tenders are looked up by title.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from gemeinwohl.directory.models import Organisation
from gemeinwohl.landpolicy.actions.properties import PropertyInput, property_create
from gemeinwohl.landpolicy.actions.tenders import (
    BidInput,
    CriterionInput,
    TenderInput,
    bid_add,
    bid_score,
    tender_create,
    tender_set_criteria,
    tender_set_jurors,
    tender_update,
)
from gemeinwohl.landpolicy.models import OwnerType, Property, PropertyUse, Tender, TenderStatus

TEAM_LEAD = "intern@gemeinwohl.example"
JURY = [TEAM_LEAD, "bezirksamt@gemeinwohl.example", "murat.yildiz@gemeinwohl.example"]

DECIDED = "Konzeptverfahren Ratiborstraße 14"
OPEN = "Konzeptverfahren Ratiborstraße 14, zweiter Bauabschnitt"

CRITERIA = [
    ("Gemeinwohlorientierung und Mietpreisbindung", "35", "Dauerhaft leistbare Mieten, Belegungsbindungen."),
    ("Nachbarschaft und soziale Nutzungen", "25", "Räume für Initiativen, offenes Erdgeschoss."),
    ("Ökologie und Bauweise", "20", "Holzbau, Bestandserhalt, Entsiegelung."),
    ("Tragfähigkeit der Finanzierung", "20", "Eigenkapital, Förderung, Erbbauzins."),
]
BID_TITLES = [
    "Wohnen und Werkstätten am Görlitzer Park",
    "Genossenschaftliches Wohnen für alle Generationen",
    "Nachbarschaftshaus mit Gewerbehof",
    "Gemeinschaftlich wohnen im Kiez",
]
# Points (scale 0 to 10) per bid and juror, criterion by criterion. The last two bids tie exactly.
POINTS = [
    [[9, 8, 7, 8], [8, 9, 8, 7], [9, 9, 7, 8]],
    [[8, 7, 8, 6], [7, 7, 9, 7], [8, 6, 8, 7]],
    [[6, 7, 5, 6], [7, 6, 6, 5], [5, 5, 7, 7]],
    [[6, 6, 6, 6], [6, 6, 6, 6], [6, 6, 6, 6]],
]
NOTES = {(0, 0): "Überzeugendes Modell mit dauerhafter Bindung über das Mietshäuser Syndikat."}


def _plot(*, by) -> Property:
    """The Ratiborstraße plot in Kreuzberg (a real position), recorded once."""
    existing = Property.objects.filter(gemarkung="Kreuzberg", flur="2", flurstueck="318/7").first()
    if existing is not None:
        return existing
    return property_create(
        data=PropertyInput(
            address="Ratiborstraße 14, 10999 Berlin",
            gemarkung="Kreuzberg",
            flur="2",
            flurstueck="318/7",
            owner_type=OwnerType.DISTRICT,
            size_m2=2400,
            use=PropertyUse.MIXED,
            use_note="Gewerbehof mit Werkstätten, teils unbebaut",
            latitude=52.4965,
            longitude=13.4350,
        ),
        by=by,
    )


def _criteria(tender, *, by):
    tender_set_criteria(
        tender=tender,
        criteria=[CriterionInput(name=n, weight=Decimal(w), description=d) for n, w, d in CRITERIA],
        by=by,
    )


def load(*, accounts: dict, plots: dict) -> dict[str, int]:
    """Create the demo tenders that do not exist yet; how many tenders, bids and scores were made."""
    made = {"tenders": 0, "bids": 0, "scores": 0}
    lead = accounts[TEAM_LEAD]
    jurors = [accounts[email] for email in JURY if email in accounts]
    plot = plots.get("tender") or _plot(by=lead)
    organisations = list(Organisation.objects.all().order_by("name", "pk")[: len(BID_TITLES)])
    today = timezone.localdate()

    if not Tender.objects.filter(title=DECIDED).exists():
        tender = tender_create(
            data=TenderInput(
                plot=plot,
                title=DECIDED,
                description="Vergabe im Erbbaurecht an das beste Konzept für gemeinwohlorientiertes Wohnen und Arbeiten.",
                status=TenderStatus.OPEN,
                bids_due_on=today - datetime.timedelta(days=60),
            ),
            by=lead,
        )
        made["tenders"] += 1
        _criteria(tender, by=lead)
        bids = []
        for number, organisation in enumerate(organisations):
            bids.append(
                bid_add(
                    tender=tender,
                    data=BidInput(
                        title=BID_TITLES[number],
                        organisation=organisation,
                        submitted_on=today - datetime.timedelta(days=70 - number),
                    ),
                    by=lead,
                )
            )
            made["bids"] += 1
        tender_set_jurors(tender=tender, users=jurors, by=lead)
        criteria = list(tender.criteria.order_by("position", "pk"))
        if bids:
            for number, juror in enumerate(jurors):
                for index, bid in enumerate(bids):
                    points = POINTS[index][number]
                    bid_score(
                        bid=bid,
                        by=juror,
                        points={c.pk: p for c, p in zip(criteria, points, strict=True)},
                        notes={criteria[0].pk: NOTES[(index, number)]} if (index, number) in NOTES else {},
                    )
                    made["scores"] += len(criteria)
            tender = Tender.objects.get(pk=tender.pk)
            tender_update(
                tender=tender,
                data=TenderInput(
                    plot=tender.plot,
                    title=tender.title,
                    description=tender.description,
                    status=TenderStatus.DECIDED,
                    bids_due_on=tender.bids_due_on,
                    scale_min=tender.scale_min,
                    scale_max=tender.scale_max,
                    visibility=tender.visibility,
                ),
                by=lead,
            )

    if not Tender.objects.filter(title=OPEN).exists():
        tender = tender_create(
            data=TenderInput(
                plot=plot,
                title=OPEN,
                description="Der zweite Bauabschnitt: Bewerbungen sind bis zum Bewerbungsschluss möglich.",
                status=TenderStatus.OPEN,
                bids_due_on=today + datetime.timedelta(days=45),
            ),
            by=lead,
        )
        made["tenders"] += 1
        _criteria(tender, by=lead)
        tender_set_jurors(tender=tender, users=jurors, by=lead)
        for number, organisation in enumerate(organisations[:2]):
            bid_add(
                tender=tender,
                data=BidInput(
                    title=BID_TITLES[number], organisation=organisation, submitted_on=today - datetime.timedelta(days=3)
                ),
                by=lead,
            )
            made["bids"] += 1
    return made
