"""The demo tenders: one decided with three jurors and a tie, one open; loadable any number of times."""

import pytest
from django.apps import apps

from gemeinwohl.accounts import demo as accounts_demo
from gemeinwohl.directory import demo as directory_demo
from gemeinwohl.landpolicy.demo import tenders as demo
from gemeinwohl.landpolicy.models import Tender, TenderStatus
from gemeinwohl.landpolicy.selectors.tenders import evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    accounts = accounts_demo.load()
    directory_demo.load(accounts=accounts)
    return accounts


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_app_config("landpolicy").get_models()}


def test_loading_twice_adds_nothing_the_second_time(accounts):
    first = demo.load(accounts=accounts, plots={})
    counts = row_counts()

    second = demo.load(accounts=accounts, plots={})

    assert first["tenders"] == 2 and first["bids"] >= 4 and first["scores"] > 0
    assert second == {"tenders": 0, "bids": 0, "scores": 0}
    assert row_counts() == counts


def test_the_decided_tender_is_ranked_with_a_tie_and_the_open_one_awaits_scores(accounts):
    demo.load(accounts=accounts, plots={})
    lead = accounts[demo.TEAM_LEAD]

    decided = Tender.objects.get(title=demo.DECIDED)
    result = evaluation(tender=decided, fetched_by=lead)
    assert decided.status == TenderStatus.DECIDED
    assert decided.plot.district.name == "Friedrichshain-Kreuzberg"
    assert result.complete and len(result.jurors) == 3
    assert [(r.rank, r.tied) for r in result.results] == [(1, False), (2, False), (3, True), (3, True)]

    still_open = Tender.objects.get(title=demo.OPEN)
    result = evaluation(tender=still_open, fetched_by=lead)
    assert still_open.status == TenderStatus.OPEN and not still_open.criteria_frozen
    assert result.weights_complete and not result.complete
