"""The team records a place by typing its coordinates, changes its status, rates it and accepts a proposal."""

import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from gemeinwohl.places.models import Place, Rating, Review, Status
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]


def field(label: str) -> re.Pattern:
    """A form field by its whole label (Django adds a colon)."""
    return re.compile(rf"^{re.escape(label)}:?$")


def test_the_team_records_a_place_and_reviews_a_proposal(page, demo):
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)

    # A new place, its position typed with German decimal commas (the map is not needed).
    page.goto("/orte/neu/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ort anlegen")
    assert_accessible(page)
    page.get_by_label(field("Art")).select_option(label="Raum/Gebäude")
    page.get_by_label(field("Name")).fill("Repair-Café Simon-Dach")
    page.get_by_label(field("Adresse")).fill("Simon-Dach-Straße 20, 10245 Berlin")
    page.get_by_label("Gemeinschaft").check()
    page.get_by_label(field("Breitengrad")).fill("52,5104")
    page.get_by_label(field("Längengrad")).fill("13,4594")
    page.get_by_label(field("Stand")).select_option(label="in Verhandlung")
    page.get_by_role("button", name="Speichern").click()

    # The message names the areas it lies in (shown on the place page, whichever page that is).
    expect(page.locator(".messages")).to_contain_text(
        "Der Ort liegt in Friedrichshain-Kreuzberg, Ortsteil Friedrichshain, Milieuschutzgebiet Boxhagener Platz"
    )
    place = Place.objects.get(name="Repair-Café Simon-Dach")
    assert place.status == Status.NEGOTIATING
    assert place.milieuschutz.name == "Boxhagener Platz"

    # A status change with its date and a note.
    page.goto(f"/orte/{place.pk}/stand/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stand ändern: Repair-Café Simon-Dach")
    assert_accessible(page)
    page.get_by_label(field("Neuer Stand")).select_option(label="gesichert")
    page.get_by_label(field("seit")).fill(timezone.localdate().isoformat())
    page.get_by_label(field("Anmerkung")).fill("Mietvertrag unterschrieben.")
    page.get_by_role("button", name="Stand eintragen").click()
    expect(page.locator(".messages")).to_contain_text("Der Stand „gesichert“")
    place.refresh_from_db()
    assert place.status == Status.SECURED

    # A criterion rated.
    page.goto(f"/orte/{place.pk}/kriterien/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gemeinwohlkriterien: Repair-Café Simon-Dach")
    assert_accessible(page)
    criterion = page.locator("[data-criterion='Dauerhafte Sicherung']")
    criterion.get_by_label("erfüllt", exact=True).check()
    criterion.get_by_label(field("Anmerkung")).fill("Zehn Jahre Mietvertrag")
    page.get_by_role("button", name="Bewertung speichern").click()
    expect(page.locator(".messages")).to_contain_text("Die Bewertung von „Repair-Café Simon-Dach“ ist gespeichert.")
    assessment = place.assessments.get()
    assert (assessment.criterion.name, assessment.rating, assessment.note) == (
        "Dauerhafte Sicherung",
        Rating.MET,
        "Zehn Jahre Mietvertrag",
    )

    # The proposals waiting for review; one is accepted.
    page.goto("/orte/vorschlaege/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vorgeschlagene Orte")
    proposal = page.locator("[data-proposal='Gemeinschaftsgarten Wismarplatz']")
    expect(proposal).to_contain_text("mara.kuehn@example.org")
    expect(proposal).to_contain_text("Friedrichshain-Kreuzberg")
    assert_accessible(page)
    proposal.get_by_role("button", name="Gemeinschaftsgarten Wismarplatz aufnehmen").click()
    expect(page.locator(".messages")).to_contain_text("„Gemeinschaftsgarten Wismarplatz“ ist aufgenommen.")
    expect(page.locator("[data-proposal='Gemeinschaftsgarten Wismarplatz']")).to_have_count(0)
    expect(page.locator("[data-proposal]")).to_have_count(1)
    assert_accessible(page)
    assert Place.objects.get(name="Gemeinschaftsgarten Wismarplatz").review == Review.ACCEPTED


def test_bad_coordinates_come_back_with_a_german_message(page, demo):
    log_in(page, "intern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto("/orte/neu/")
    page.get_by_label(field("Name")).fill("Irgendwo")
    page.get_by_label(field("Breitengrad")).fill("abc")
    page.get_by_label(field("Längengrad")).fill("13,4")
    page.get_by_role("button", name="Speichern").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_contain_text("Breitengrad: Bitte geben Sie eine Zahl an")
    expect(summary).to_be_focused()
    assert_accessible(page)
    assert not Place.objects.filter(name="Irgendwo").exists()


def test_the_public_sees_a_proposal_only_after_review_and_never_what_is_for_the_team(page, demo, new_context):
    public = new_context()
    visitor = public.new_page()

    def public_sees(text: str) -> dict[str, bool]:
        """Whether the public list, map data and GeoJSON (page and API) mention ``text``."""
        visitor.goto("/orte/")
        in_list = text in visitor.locator("main").inner_text()
        visitor.goto("/orte/karte/")
        expect(visitor.locator("[data-places-map]")).to_have_attribute("data-places-loaded", re.compile(r"^\d+$"))
        in_map_table = text in visitor.locator("main").inner_text()
        in_geojson = text in visitor.request.get("/orte/orte.geojson").text()
        in_api = text in visitor.request.get("/api/v1/places.geojson").text()
        return {"list": in_list, "map": in_map_table, "geojson": in_geojson, "api": in_api}

    # A proposal waiting for review is nowhere for the public
    assert public_sees("Gemeinschaftsgarten Wismarplatz") == dict.fromkeys(["list", "map", "geojson", "api"], False)

    # The team accepts it: now it is everywhere
    log_in(page, "intern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto("/orte/vorschlaege/")
    page.get_by_role("button", name="Gemeinschaftsgarten Wismarplatz aufnehmen").click()
    expect(page.locator(".messages")).to_contain_text("ist aufgenommen")
    assert public_sees("Gemeinschaftsgarten Wismarplatz") == dict.fromkeys(["list", "map", "geojson", "api"], True)

    # The team-only place and the team-only owner never reach the public: not in list, map, GeoJSON, page
    assert public_sees("Hausprojekt Samariterstraße") == dict.fromkeys(["list", "map", "geojson", "api"], False)
    hidden = Place.objects.get(name="Hausprojekt Samariterstraße")
    assert visitor.goto(f"/orte/{hidden.pk}/").status == 404
    kiezladen = Place.objects.get(name="Kiezladen Boxhagener Eck")
    visitor.goto(f"/orte/{kiezladen.pk}/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Kiezladen Boxhagener Eck")
    for secret in ("Erbengemeinschaft", "privat", "Mietstaffel"):
        expect(visitor.locator("main")).not_to_contain_text(secret)
    for address in ("/orte/orte.geojson", "/api/v1/places.geojson"):
        features = visitor.request.get(address).json()["features"]
        (entry,) = [feature for feature in features if feature["properties"]["name"] == "Kiezladen Boxhagener Eck"]
        assert entry["properties"].get("owner_type") is None, address
    assert_accessible(visitor)
    # while the team sees the owner on the same page
    page.goto(f"/orte/{kiezladen.pk}/")
    expect(page.locator("main")).to_contain_text("Erbengemeinschaft")
    public.close()
