"""Land-policy demo data: properties first, then the cases, tenders and contracts on them."""


def load(*, accounts) -> dict[str, int]:
    """Create what is missing of the land-policy demo; a second run creates nothing. Returns the counts."""
    from gemeinwohl.landpolicy.demo import leases, preemption, properties, tenders

    plots = properties.load(accounts=accounts)
    counts = {"properties": len(plots)}
    counts.update(preemption.load(accounts=accounts, plots=plots))
    counts.update(tenders.load(accounts=accounts, plots=plots))
    counts.update(leases.load(accounts=accounts, plots=plots))
    return counts
