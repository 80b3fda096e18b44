import datetime

import pytest
from django.utils import timezone

from gemeinwohl.accounts import demo as accounts_demo
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.demo import preemption as demo
from gemeinwohl.landpolicy.models import AversionAgreement, Outcome, PreEmptionCase
from gemeinwohl.landpolicy.tests.factories import PropertyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    return accounts_demo.load()


def test_the_demo_cases_load_alone_and_a_second_run_creates_nothing(accounts):
    # Given no properties from elsewhere
    # When the demo loads twice
    first = demo.load(accounts=accounts, plots={})
    second = demo.load(accounts=accounts, plots={})

    # Then six cases exist, all administration-internal, in Milieuschutz areas; the second run made nothing
    assert first["cases"] == 6 and first["agreements"] == 1
    assert second == {"properties": 0, "cases": 0, "steps": 0, "agreements": 0, "publications": 0}
    cases = {case.file_number: case for case in PreEmptionCase.objects.select_related("plot__milieuschutz")}
    assert len(cases) == 6
    assert all(case.visibility == Visibility.INTERNAL for case in cases.values())
    assert all(case.plot.milieuschutz is not None for case in cases.values())


def test_the_demo_cases_tell_the_deadline_story(accounts):
    demo.load(accounts=accounts, plots={})
    today = timezone.localdate()
    cases = {case.file_number: case for case in PreEmptionCase.objects.all()}

    assert cases["VK-DEMO-01"].days_left(today) == 5 and cases["VK-DEMO-01"].is_open
    extended = cases["VK-DEMO-02"]
    assert extended.extended_on is not None and extended.days_left(today) == 20
    assert accounts["bezirksamt@gemeinwohl.example"] in extended.responsible.all()
    assert cases["VK-DEMO-03"].notified_on == today - datetime.timedelta(days=40)
    assert cases["VK-DEMO-04"].outcome == Outcome.AVERTED
    agreement = AversionAgreement.objects.get(case=cases["VK-DEMO-04"])
    assert agreement.term_years == 20 and agreement.obligations.count() == 3
    assert cases["VK-DEMO-05"].outcome == Outcome.WAIVED
    old = cases["VK-DEMO-2021-07"]
    assert old.outcome == Outcome.EXERCISED
    assert old.rule_key == "baugb-1987" and old.deadline == datetime.date(2021, 7, 3)
    assert {person.name for case in cases.values() for person in case.responsible.all()} == {
        "Jana Brandt",
        "Dr. Friedrich Lenz",
    }


def test_the_demo_uses_the_properties_it_is_given(accounts):
    given = PropertyFactory(by=accounts["intern@gemeinwohl.example"], address="Gegebene Straße 1, 10245 Berlin")
    demo.load(accounts=accounts, plots={"preemption_1": given})
    assert PreEmptionCase.objects.get(file_number="VK-DEMO-01").plot == given
