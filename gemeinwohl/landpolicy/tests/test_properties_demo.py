import pytest
from django.utils import timezone

from gemeinwohl.accounts import demo as accounts_demo
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import demo as directory_demo
from gemeinwohl.landpolicy.demo import leases as leases_demo
from gemeinwohl.landpolicy.demo import properties as properties_demo
from gemeinwohl.landpolicy.models import GroundLease, OwnerType, Property, PropertyUse
from gemeinwohl.landpolicy.selectors.leases import lease_register
from gemeinwohl.places import demo as places_demo
from gemeinwohl.places import geo

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    accounts = accounts_demo.load()
    directory_demo.load(accounts=accounts)
    places_demo.load(accounts=accounts)
    return accounts


def test_the_demo_properties_lie_where_the_cases_tenders_and_contracts_need_them(accounts):
    plots = properties_demo.load(accounts=accounts)
    areas = set()
    for key in ("preemption_1", "preemption_2", "preemption_3", "preemption_4"):
        plot = plots[key]
        match = geo.areas_at(latitude=plot.latitude, longitude=plot.longitude)
        assert match.milieuschutz is not None, key
        assert plot.milieuschutz == match.milieuschutz
        assert plot.use in (PropertyUse.RESIDENTIAL, PropertyUse.MIXED)
        areas.add(match.milieuschutz.key)
    assert len(areas) == 4
    assert plots["tender"].owner_type == OwnerType.DISTRICT and plots["tender"].use == PropertyUse.VACANT
    assert {"lease_1", "lease_2"} <= set(plots)
    assert all(plot.district.name == "Friedrichshain-Kreuzberg" for plot in plots.values())
    assert Property.objects.filter(visibility=Visibility.INTERNAL).count() == 1
    assert plots["lease_1"].place.name == "Nachbarschaftshaus Rudolfkiez"


def test_loading_the_demo_twice_creates_nothing(accounts):
    plots = properties_demo.load(accounts=accounts)
    leases = leases_demo.load(accounts=accounts, plots=plots)
    counts = (Property.objects.count(), GroundLease.objects.count())
    assert properties_demo.load(accounts=accounts) == plots
    assert leases_demo.load(accounts=accounts, plots=plots) == leases
    assert (Property.objects.count(), GroundLease.objects.count()) == counts == (len(plots), 3)


def test_the_demo_register_shows_a_contract_to_adjust_within_a_year(accounts):
    plots = properties_demo.load(accounts=accounts)
    leases_demo.load(accounts=accounts, plots=plots)
    register = lease_register(fetched_by=accounts["extern@gemeinwohl.example"], months=12, today=timezone.localdate())
    assert register.adjustments_due
    assert len(register.leases) == 3
    assert GroundLease.objects.get(plot=plots["lease_2"]).holder.name == "Wohnungsgenossenschaft Kreuzberger Höfe eG"
