"""The detail page and both exports cost the same queries for 3 bids x 2 criteria x 2 jurors as for 30 x 12 x 7.

The big tender is built with bulk_create (2,520 scores), not through the actions, to keep the suite fast.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.committees import pdf
from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.landpolicy.models import Bid, Juror, Score, TenderCriterion, TenderStatus
from gemeinwohl.landpolicy.tests.factories import TenderFactory
from gemeinwohl.landpolicy.views import tenders as views

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def html_instead_of_pdf(monkeypatch):
    """Render the PDF's template (where queries could hide) but skip WeasyPrint's layout of 30 tables."""
    monkeypatch.setattr(views, "render_pdf", lambda template, context: pdf.render_html(template, context).encode())


def scored_tender(*, bids: int, criteria: int, jurors: int, team):
    tender = TenderFactory(by=team)
    base, rest = divmod(Decimal(10000), criteria)  # weights in hundredths of a per cent, adding up to 100
    weights = [(base + (1 if number < rest else 0)) / 100 for number in range(criteria)]
    catalogue = TenderCriterion.objects.bulk_create(
        TenderCriterion(tender=tender, name=f"Kriterium {n}", weight=weight, position=n)
        for n, weight in enumerate(weights)
    )
    organisation = OrganisationFactory(by=team)
    offers = Bid.objects.bulk_create(
        Bid(tender=tender, organisation=organisation, title=f"Konzept {n}", submitted_on=datetime.date(2026, 1, 1))
        for n in range(bids)
    )
    jury = Juror.objects.bulk_create(
        Juror(tender=tender, user=UserFactory(role=Role.TEAM_EXTERNAL)) for _ in range(jurors)
    )
    Score.objects.bulk_create(
        Score(bid=bid, criterion=criterion, juror=juror, points=(bid.pk + criterion.pk + juror.pk) % 11)
        for bid in offers
        for criterion in catalogue
        for juror in jury
    )
    tender.criteria_frozen_at = timezone.now()
    tender.status = TenderStatus.SCORING
    tender.save(update_fields=["criteria_frozen_at", "status"])
    return tender


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["tender_detail", "tender_pdf", "tender_xlsx", "tender_list"])
def test_queries_do_not_grow_with_bids_criteria_and_jurors(name):
    team = UserFactory(role=Role.TEAM_INTERNAL)
    small = scored_tender(bids=3, criteria=2, jurors=2, team=team)
    client = Client()
    logged_in_client(team, client)

    def url(tender):
        if name == "tender_list":
            return reverse("landpolicy:tender_list")
        return reverse(f"landpolicy:{name}", kwargs={"pk": tender.pk})

    count_queries(client, url(small))  # the session and the like, warmed up
    few = count_queries(client, url(small))
    # For the list: the same page with one more, big tender on it.
    big = scored_tender(bids=30, criteria=12, jurors=7, team=team)
    many = count_queries(client, url(big))

    assert many == few
    assert many <= 12
