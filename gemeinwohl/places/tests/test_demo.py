"""The demo places of ``manage.py load_demo``: Friedrichshain-Kreuzberg's projects and spaces, loadable any number of times."""

import pytest
from django.apps import apps

from gemeinwohl.accounts import demo as accounts_demo
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import demo as directory_demo
from gemeinwohl.places import demo
from gemeinwohl.places.models import Assessment, Place, PlaceActor, PlaceKind, Review, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts():
    accounts = accounts_demo.load()
    directory_demo.load(accounts=accounts)
    return accounts


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_app_config("places").get_models()}


def test_loading_twice_adds_nothing_the_second_time(accounts):
    # given the demo places loaded once
    first = demo.load(accounts=accounts)
    counts = row_counts()

    # when they are loaded again
    second = demo.load(accounts=accounts)

    # then no places table gained a row
    assert first == second == {"places": len(demo.SPECS), "proposals": len(demo.PROPOSALS)}
    assert row_counts() == counts


def test_the_demo_shows_what_the_places_app_can_do(accounts):
    demo.load(accounts=accounts)
    places = Place.objects.filter(review=Review.ACCEPTED)

    # about fifteen places of every kind, in several statuses, all located ones in Friedrichshain-Kreuzberg
    assert places.count() >= 15
    assert set(places.values_list("kind", flat=True)) == set(PlaceKind.values)
    assert len(set(places.values_list("status", flat=True))) >= 5
    located = places.filter(latitude__isnull=False)
    assert set(located.values_list("district__name", flat=True)) == {"Friedrichshain-Kreuzberg"}
    assert set(located.values_list("ortsteil__name", flat=True)) == {"Friedrichshain", "Kreuzberg"}
    assert located.filter(milieuschutz__isnull=False).exists()
    # one without position, one for the team only, one public place whose owner only the team sees
    assert places.filter(latitude__isnull=True).count() == 1
    assert places.filter(visibility=Visibility.TEAM).count() == 1
    assert places.filter(visibility=Visibility.PUBLIC, owner_visibility=Visibility.TEAM).exclude(owner_note="").exists()
    # a history for most, actors from the address book, assessments
    with_history = [place for place in places.prefetch_related("status_changes") if place.status_changes.count() > 1]
    assert len(with_history) >= 12
    assert PlaceActor.objects.filter(organisation__name="Kiezladen Boxhagener Eck e.V.").exists()
    assert Assessment.objects.values("place").distinct().count() >= 10
    # two proposals wait for review, hidden from the public
    assert Place.objects.filter(review=Review.PROPOSED).count() == 2
    assert not Place.objects.visible_to(None).filter(review=Review.PROPOSED).exists()


def test_each_places_status_is_its_latest_step(accounts):
    demo.load(accounts=accounts)

    for place in Place.objects.filter(review=Review.ACCEPTED).prefetch_related("status_changes"):
        latest = place.status_changes.order_by("-on_date", "-pk").first()
        assert (place.status, place.status_since) == (latest.status, latest.on_date), place.name
    assert Place.objects.get(name="Club an der Mühlenstraße").status == Status.LOST
