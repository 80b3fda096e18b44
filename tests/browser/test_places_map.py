"""The map of places in Chromium without any tile server: clusters, the Milieuschutz layer, filters, a place's page."""

import random
import re

import pytest
from playwright.sync_api import expect

from gemeinwohl.places.models import PlaceKind
from gemeinwohl.places.tests.factories import ALEXANDERPLATZ, BOXHAGENER_PLATZ, PlaceFactory
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser]


@pytest.fixture
def places(django_db_serialized_rollback, transactional_db, settings):
    # No tile server: the map must work with the area outlines alone.
    settings.PLACES_TILE_URL = ""
    rng = random.Random(7)
    # 30 projects close together around Boxhagener Platz: far too close to show one by one.
    for i in range(30):
        PlaceFactory(
            name=f"Kiezprojekt {i:02d}",
            latitude=BOXHAGENER_PLATZ[0] + rng.uniform(-0.0015, 0.0015),
            longitude=BOXHAGENER_PLATZ[1] + rng.uniform(-0.0015, 0.0015),
        )
    PlaceFactory(
        name="Garten am Alex", kind=PlaceKind.OPEN_SPACE, latitude=ALEXANDERPLATZ[0], longitude=ALEXANDERPLATZ[1]
    )


def test_the_map_clusters_places_shows_milieuschutz_filters_and_leads_to_a_place(page, places):
    # A visitor opens the map: it loads without tiles and groups the 30 nearby projects into clusters
    page.goto("/orte/karte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Orte")
    expect(page.locator("[data-places-map]")).to_have_attribute("data-places-loaded", "31")
    expect(page.locator(".marker-cluster").first).to_be_visible()
    assert page.locator("img.leaflet-tile").count() == 0
    expect(page.locator("[data-place-count]")).to_have_attribute("data-place-count", "31")
    assert_accessible(page)

    # She switches on the Milieuschutz layer: its outlines are drawn
    assert page.locator("path.places-area--milieuschutz").count() == 0
    page.locator(".leaflet-control-layers").get_by_label("Soziales Erhaltungsgebiet (Milieuschutz)").check()
    expect(page.locator("path.places-area--milieuschutz").first).to_be_attached()
    assert page.locator("path.places-area--milieuschutz").count() > 10

    # She filters to open spaces: the table and the map keep only the garden
    page.get_by_label("Art", exact=True).select_option(label="Freifläche")
    page.get_by_role("button", name="Filtern").click()
    expect(page.locator("[data-place-count]")).to_have_attribute("data-place-count", "1")
    expect(page.locator("[data-places-map]")).to_have_attribute("data-places-loaded", "1")
    expect(page.locator("[data-place-table]")).to_contain_text("Garten am Alex")
    expect(page.locator("[data-place-table]")).not_to_contain_text("Kiezprojekt")

    # Back to all places: a click on the cluster opens it up, a click on a marker shows a summary with a link
    page.get_by_role("link", name="Alle zeigen").click()
    expect(page.locator("[data-places-map]")).to_have_attribute("data-places-loaded", "31")
    marker = page.locator("img.leaflet-marker-icon[alt^='Kiezprojekt']").first
    for _zoom_step in range(8):  # each click on a cluster zooms in (or spreads it out at the closest zoom)
        if marker.is_visible():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(700)
    expect(marker).to_be_visible()
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Friedrichshain-Kreuzberg")
    expect(popup).to_contain_text("Boxhagener Platz")
    popup.get_by_role("link", name="Zur Seite des Ortes").click()

    # The place's page names its district, Ortsteil and Milieuschutz area
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kiezprojekt")
    areas = page.locator("[data-place-areas]")
    expect(areas).to_contain_text("Friedrichshain-Kreuzberg")
    expect(areas).to_contain_text("Friedrichshain")
    expect(areas).to_contain_text("Boxhagener Platz (EM0206)")
    expect(page.locator("[data-place-point] img.leaflet-marker-icon")).to_be_visible()
    assert_accessible(page)


def test_the_list_and_the_proposal_form_work_and_are_accessible(page, places):
    # The list reaches every place without the map
    page.goto("/orte/")
    expect(page.locator("[data-place-count]")).to_have_attribute("data-place-count", "31")
    page.get_by_role("link", name="Garten am Alex").click()
    expect(page.locator("[data-place-areas]")).to_contain_text("Mitte")
    page.goto("/orte/")
    assert_accessible(page)

    # A visitor proposes a place, picking the position on the small map
    page.get_by_role("link", name="Ort vorschlagen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ort vorschlagen")
    assert_accessible(page)
    page.get_by_label("Name des Ortes").fill("Nachbarschaftsgarten")
    picker = page.locator("[data-place-picker]")
    expect(picker.locator("path.places-area--bezirk").first).to_be_attached()
    picker.click()
    expect(page.get_by_label("Breitengrad (freiwillig)")).to_have_value(re.compile(r"^52,\d{6}$"))
    expect(page.get_by_label("Längengrad (freiwillig)")).to_have_value(re.compile(r"^13,\d{6}$"))
    page.get_by_label("Ihr Name").fill("Robin Beispiel")
    page.get_by_label("Ihre E-Mail-Adresse").fill("robin@example.org")
    page.get_by_role("button", name="Vorschlag senden").click()
    # without consent: a German message, nothing saved
    expect(page.get_by_role("alert")).to_contain_text("Ohne Ihre Einwilligung")
    assert_accessible(page)
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Vorschlag senden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank für Ihren Vorschlag")

    # The proposal is not on the public list
    page.goto("/orte/")
    expect(page.locator("[data-place-table]")).not_to_contain_text("Nachbarschaftsgarten")


@pytest.fixture
def ten_thousand_places(django_db_serialized_rollback, transactional_db, settings):
    from gemeinwohl.places.models import Place

    settings.PLACES_TILE_URL = ""
    rng = random.Random(10_000)
    Place.objects.bulk_create(
        Place(
            name=f"Ort {number:05d}",
            latitude=52.47 + rng.uniform(0, 0.07),
            longitude=13.37 + rng.uniform(0, 0.12),
            status_since="2026-01-01",
        )
        for number in range(10_000)
    )


def test_the_map_stays_usable_with_ten_thousand_places(page, ten_thousand_places):
    # A visitor opens the map of 10,000 places
    page.goto("/orte/karte/")
    expect(page.locator("[data-places-map]")).to_have_attribute("data-places-loaded", "10000", timeout=90_000)

    # Then the places are drawn as a few clusters, not 10,000 markers
    drawn = page.locator(".leaflet-marker-icon").count()
    assert 0 < drawn < 500, drawn

    # And the map still answers: zooming in re-clusters and the layer control works
    page.get_by_role("button", name=re.compile("Vergrößern|Zoom in|\\+")).first.click()
    page.locator(".leaflet-control-layers").get_by_label("Ortsteil").check()
    expect(page.locator("path.places-area--ortsteil").first).to_be_attached()
    assert 0 < page.locator(".leaflet-marker-icon").count() < 1_000
