"""The permission grid of concept tenders: every page and both exports, roles down, tenders across.

A tender the reader may not see answers 404 on every address (never 403);
anonymous readers are sent to the login first, whatever the tender.
"""

import pytest
from django.urls import reverse

from conftest import ROLES, logged_in_client
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.tests.factories import TenderFactory, add_bid, score, seat_jury, set_criteria
from gemeinwohl.landpolicy.views import tenders as views

pytestmark = pytest.mark.django_db

PAGES = ["list", "create", "detail", "update", "criteria", "bid_create", "jury", "score", "pdf", "xlsx"]

# Expected status per role on a team-level, fully scored tender.
WORKS_LAND = dict.fromkeys(PAGES, 200) | {"score": 403}
TEAM_TENDER = {
    "anonymous": dict.fromkeys(PAGES, 302),
    "registered": {"list": 403, "create": 403} | dict.fromkeys(PAGES[2:], 404),
    "bezirksamt": WORKS_LAND,
    "team_external": WORKS_LAND,
    "team_internal": WORKS_LAND,
    "admin": WORKS_LAND,
    "juror": {"list": 200, "create": 403, "detail": 200, "update": 403, "criteria": 403}
    | {"bid_create": 403, "jury": 403, "score": 200, "pdf": 200, "xlsx": 200},
}
# On an administration-internal tender, those without internal clearance find nothing at all.
HIDDEN = {"list": 200, "create": 200} | dict.fromkeys(PAGES[2:], 404)
INTERNAL_TENDER = TEAM_TENDER | {
    "registered": TEAM_TENDER["registered"],
    "bezirksamt": HIDDEN,
    "team_external": HIDDEN,
}


@pytest.fixture(autouse=True)
def no_weasyprint(monkeypatch):
    """The grid asks who gets an answer, not what the PDF looks like (test_tenders_views reads PDFs)."""
    monkeypatch.setattr(views, "render_pdf", lambda template, context: b"%PDF-1.7 stub")


@pytest.fixture
def juror_account():
    return UserFactory(role=Role.REGISTERED, name="Kim Nowak")


def scored_tender(*, visibility, juror):
    team = UserFactory(role=Role.TEAM_INTERNAL)
    tender = TenderFactory(by=team, visibility=visibility)
    set_criteria(tender, [50, 50], by=team)
    bid = add_bid(tender, by=team)
    seat_jury(tender, [juror], by=team)
    score(bid, juror, [6, 8])
    return tender, bid


def address(page, tender, bid) -> str:
    if page == "list":
        return reverse("landpolicy:tender_list")
    if page == "create":
        return reverse("landpolicy:tender_create")
    if page == "score":
        return reverse("landpolicy:bid_score", kwargs={"pk": tender.pk, "bid": bid.pk})
    name = {"detail": "tender_detail", "update": "tender_update", "criteria": "tender_criteria"}.get(page)
    name = name or {"bid_create": "bid_create", "jury": "tender_jury", "pdf": "tender_pdf", "xlsx": "tender_xlsx"}[page]
    return reverse(f"landpolicy:{name}", kwargs={"pk": tender.pk})


def answers(client, tender, bid) -> dict[str, int]:
    return {page: client.get(address(page, tender, bid)).status_code for page in PAGES}


@pytest.mark.parametrize("role", [*ROLES, "juror"])
def test_grid_on_a_team_tender(role, client_as, juror_account, client):
    tender, bid = scored_tender(visibility=Visibility.TEAM, juror=juror_account)
    if role == "juror":
        logged_in_client(juror_account, client)
    else:
        client = client_as(role)
    assert answers(client, tender, bid) == TEAM_TENDER[role]


@pytest.mark.parametrize("role", [*ROLES, "juror"])
def test_grid_on_an_internal_tender(role, client_as, juror_account, client):
    tender, bid = scored_tender(visibility=Visibility.INTERNAL, juror=juror_account)
    if role == "juror":
        logged_in_client(juror_account, client)
    else:
        client = client_as(role)
    assert answers(client, tender, bid) == INTERNAL_TENDER[role]


def test_a_missing_tender_and_a_bid_of_another_tender_answer_404(client_as, juror_account, client):
    tender, _bid = scored_tender(visibility=Visibility.TEAM, juror=juror_account)
    other, other_bid = scored_tender(visibility=Visibility.TEAM, juror=juror_account)
    logged_in_client(juror_account, client)
    assert client.get(reverse("landpolicy:bid_score", kwargs={"pk": tender.pk, "bid": other_bid.pk})).status_code == 404
    missing = other.pk + 100
    team = client_as("team_internal")
    for name in ("tender_detail", "tender_pdf", "tender_xlsx", "tender_criteria"):
        assert team.get(reverse(f"landpolicy:{name}", kwargs={"pk": missing})).status_code == 404


def test_the_list_shows_a_juror_only_their_tenders(juror_account, client):
    mine, _bid = scored_tender(visibility=Visibility.TEAM, juror=juror_account)
    other, _other_bid = scored_tender(visibility=Visibility.PUBLIC, juror=UserFactory())
    logged_in_client(juror_account, client)
    page = client.get(reverse("landpolicy:tender_list")).content.decode()
    assert mine.title in page
    assert other.title not in page
