"""Land-policy demo data: properties first, then the cases, tenders and contracts on them."""


def load(*, accounts) -> dict[str, int]:
    """Create what is missing of the land-policy demo; a second run creates nothing. Returns how many there are."""
    from gemeinwohl.landpolicy.demo import leases, preemption, properties, tenders
    from gemeinwohl.landpolicy.models import GroundLease, PreEmptionCase, Property, Tender

    plots = properties.load(accounts=accounts)
    preemption.load(accounts=accounts, plots=plots)
    tenders.load(accounts=accounts, plots=plots)
    leases.load(accounts=accounts, plots=plots)
    return {
        "properties": Property.objects.count(),
        "cases": PreEmptionCase.objects.count(),
        "tenders": Tender.objects.count(),
        "leases": GroundLease.objects.count(),
    }
