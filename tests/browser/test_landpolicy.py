"""Land policy in a real browser: the issue's "done when".

An administration-internal team member records a sale notification for a
property in a Milieuschutz area, sees the right deadline with its legal basis,
gets the reminder mail when the lead time is reached (time moved in the
test), records an Abwendungsvereinbarung; a concept tender is scored by three
jurors and ranked; the external team and the public see nothing of the cases.
"""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from gemeinwohl.accounts.models import User
from gemeinwohl.directory.models import Organisation
from gemeinwohl.landpolicy.actions import tenders
from gemeinwohl.landpolicy.actions.properties import PropertyInput, property_create
from gemeinwohl.landpolicy.actions.tenders import BidInput, CriterionInput, TenderInput
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]

JURORS = ["intern@gemeinwohl.example", "bezirksamt@gemeinwohl.example", "murat.yildiz@gemeinwohl.example"]


def log_out(page) -> None:
    page.context.clear_cookies()


def test_a_concept_tender_is_scored_by_three_jurors_and_ranked(page, demo):
    # Given a tender with two criteria (60/40), three bids and a jury of three, set up by the team
    lead = User.objects.get(email="intern@gemeinwohl.example")
    plot = property_create(
        data=PropertyInput(address="Wühlischstraße 40, 10245 Berlin", latitude=52.5087, longitude=13.4640), by=lead
    )
    tender = tenders.tender_create(
        data=TenderInput(plot=plot, title="Konzeptverfahren Ecke Wühlischstraße", scale_min=0, scale_max=10),
        by=lead,
    )
    tenders.tender_set_criteria(
        tender=tender,
        criteria=[
            CriterionInput(name="Soziale Wohnraumversorgung", weight=Decimal(60)),
            CriterionInput(name="Nachbarschaft und Gemeinwohl", weight=Decimal(40)),
        ],
        by=lead,
    )
    applicants = list(Organisation.objects.visible_to(lead).order_by("pk")[:3])
    bids = [
        tenders.bid_add(
            tender=tender,
            data=BidInput(title=title, organisation=organisation, submitted_on=timezone.localdate()),
            by=lead,
        )
        for title, organisation in zip(
            ["Hausgemeinschaft", "Wohnen im Kiez", "Kiezgenossenschaft"], applicants, strict=True
        )
    ]
    tenders.tender_set_jurors(tender=tender, users=list(User.objects.filter(email__in=JURORS)), by=lead)
    # Each juror's points per bid: (Wohnraum, Nachbarschaft). Totals: 8.0, 7.0 and 7.0 → 1, 2, 2.
    points = {
        "intern@gemeinwohl.example": [(8, 8), (7, 7), (6, 8)],
        "bezirksamt@gemeinwohl.example": [(9, 7), (7, 7), (7, 7)],
        "murat.yildiz@gemeinwohl.example": [(7, 9), (7, 7), (8, 6)],
    }

    # When each juror logs in and scores every bid
    for email in JURORS:
        log_in(page, email, settings.DEMO_PASSWORD)
        page.goto(tender.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_contain_text("Konzeptverfahren Ecke Wühlischstraße")
        # Until everyone has scored, there is no ranking to see.
        expect(page.locator("[data-ranking]")).to_have_count(0)
        for bid, (housing, neighbourhood) in zip(bids, points[email], strict=True):
            page.get_by_role("link", name=re.compile(rf"^Bewerten\s*:\s*{bid.title}$")).click()
            if email == JURORS[0] and bid == bids[0]:
                assert_accessible(page)
            page.get_by_label("Punkte für „Soziale Wohnraumversorgung“").fill(str(housing))
            page.get_by_label("Punkte für „Nachbarschaft und Gemeinwohl“").fill(str(neighbourhood))
            page.get_by_role("button", name="Bewertung speichern").click()
        log_out(page)

    # Then the tender shows the ranking, with the tie shown as a tie
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto(tender.get_absolute_url())
    ranking = page.locator("[data-ranking]")
    expect(ranking).to_be_visible()
    assert_accessible(page)
    rows = ranking.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Hausgemeinschaft")
    expect(rows.nth(0)).to_contain_text("8,00")
    expect(rows.nth(1)).to_contain_text("gleichauf")
    expect(rows.nth(2)).to_contain_text("gleichauf")
    assert [rows.nth(n).get_attribute("data-rank") for n in range(3)] == ["1", "2", "2"]
