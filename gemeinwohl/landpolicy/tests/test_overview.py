import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.models import Tender
from gemeinwohl.landpolicy.tests.factories import LeaseFactory, PropertyFactory
from gemeinwohl.landpolicy.tests.test_properties_views import make_case

pytestmark = pytest.mark.django_db

OVERVIEW = "/boden/"


@pytest.fixture
def records(users):
    by = users["team_internal"]
    today = timezone.localdate()
    team_plot = PropertyFactory(by=by)
    internal_plot = PropertyFactory(by=by, visibility=Visibility.INTERNAL)
    LeaseFactory(by=by, plot=team_plot, next_adjustment_on=today + datetime.timedelta(days=30))
    LeaseFactory(by=by, plot=team_plot)
    LeaseFactory(by=by, plot=internal_plot, visibility=Visibility.INTERNAL, next_adjustment_on=today)
    Tender.objects.create(plot=team_plot, title="Offenes Verfahren", visibility=Visibility.TEAM)
    make_case(team_plot, visibility=Visibility.TEAM)
    make_case(internal_plot, visibility=Visibility.INTERNAL)


@pytest.mark.parametrize(
    ("role", "properties", "leases", "attention", "cases", "tenders"),
    [
        ("team_internal", 2, 3, 2, 2, 1),
        ("admin", 2, 3, 2, 2, 1),
        ("team_external", 1, 2, 1, 1, 1),
        ("bezirksamt", 1, 2, 1, 1, 1),
    ],
)
def test_each_section_counts_what_the_reader_may_see(
    client_as, records, role, properties, leases, attention, cases, tenders
):
    text = client_as(role).get(OVERVIEW).content.decode()
    assert f'data-property-count="{properties}"' in text
    assert f'data-lease-count="{leases}"' in text
    assert f'data-lease-attention="{attention}"' in text
    assert f'data-open-cases="{cases}"' in text
    assert f'data-tender-count="{tenders}"' in text
    for url in (
        "/boden/vorkauf/fristen/",
        "/boden/vorkauf/",
        "/boden/abwendungsvereinbarungen/",
        "/boden/grundstuecke/",
        "/boden/konzeptverfahren/",
        "/boden/erbbaurecht/",
        "/boden/vorkauf/zahlen/",
    ):
        assert f'href="{url}"' in text


def test_the_overview_costs_the_same_queries_however_much_there_is(client_as, users):
    client = client_as("team_internal")
    client.get(OVERVIEW)
    with CaptureQueriesContext(connection) as empty:
        client.get(OVERVIEW)
    by = users["team_internal"]
    for _ in range(5):
        plot = PropertyFactory(by=by)
        LeaseFactory(by=by, plot=plot)
        make_case(plot)
    with CaptureQueriesContext(connection) as full:
        client.get(OVERVIEW)
    assert len(full) == len(empty)
