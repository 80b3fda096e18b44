""" "Ort vorschlagen": anyone proposes a place; spam, floods and bad input are refused and nothing is saved."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from gemeinwohl.places.models import Place, Review

pytestmark = pytest.mark.django_db

URL = reverse("places:propose")


@pytest.fixture(autouse=True)
def fresh_limits():
    # The rate limit counts in the cache; every test starts with none used.
    cache.clear()
    yield
    cache.clear()


def proposal(**fields) -> dict:
    return {
        "name": "Gemeinschaftsgarten Wühlischplatz",
        "kind": "freiflaeche",
        "address": "Wühlischplatz, 10245 Berlin",
        "latitude": "52,5104",
        "longitude": "13,4594",
        "description": "Ein Garten für die Nachbarschaft.",
        "uses": ["gruen", "gemeinschaft"],
        "proposer_name": "Robin Beispiel",
        "email": "robin@example.org",
        "consent": "on",
        **fields,
    }


def test_the_form_is_there_for_everyone(client):
    page = client.get(URL).content.decode()

    assert "Ort vorschlagen" in page
    assert 'name="latitude"' in page and "data-place-picker" in page


def test_a_proposal_with_a_german_decimal_comma_is_saved_for_review(client):
    # When someone proposes a place, typing the position with decimal commas
    response = client.post(URL, proposal(), follow=True)

    # Then they see the thank-you page and the place waits for review with its areas computed
    assert response.redirect_chain[-1][0] == reverse("places:proposed")
    assert "Vielen Dank für Ihren Vorschlag" in response.content.decode()
    place = Place.objects.get()
    assert place.review == Review.PROPOSED
    assert (place.latitude, place.longitude) == (52.5104, 13.4594)
    assert place.milieuschutz.key == "EM0206"
    assert sorted(place.uses.values_list("use", flat=True)) == ["gemeinschaft", "gruen"]
    assert place.proposer_email == "robin@example.org"
    assert place.proposal_consent_at is not None


def test_a_proposal_without_a_position_is_fine(client):
    response = client.post(URL, proposal(latitude="", longitude=""))

    assert response.status_code == 302
    assert Place.objects.get().latitude is None


def test_the_thank_you_page_is_only_for_the_one_who_sent(client):
    # Without having sent anything, the thank-you page leads back to the form
    assert client.get(reverse("places:proposed")).url == URL


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"latitude": "95", "longitude": "13,4"}, "Der Breitengrad muss zwischen -90 und 90 liegen"),
        ({"latitude": "52,5", "longitude": "200"}, "Der Längengrad muss zwischen -180 und 180 liegen"),
        ({"latitude": "zweiundfünfzig"}, "Bitte geben Sie den Breitengrad als Zahl an"),
        ({"longitude": "13.4.5"}, "Bitte geben Sie den Längengrad als Zahl an"),
        ({"longitude": ""}, "Bitte geben Sie Breiten- und Längengrad an, oder keinen von beiden."),
        ({"consent": ""}, "Ohne Ihre Einwilligung können wir den Vorschlag nicht speichern."),
        ({"name": ""}, "Bitte geben Sie einen Namen an."),
        ({"email": "robin(at)example.org"}, "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({"uses": ["schloss"]}, "Bitte wählen Sie nur die angebotenen Nutzungen."),
    ],
)
def test_bad_input_gets_a_german_message_and_nothing_is_saved(client, fields, message):
    # When someone sends a proposal with a mistake
    response = client.post(URL, proposal(**fields))

    # Then the form comes back with 422 and the reason in German; nothing is stored
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Place.objects.exists()


def test_a_filled_honeypot_is_refused_with_400(client):
    response = client.post(URL, proposal(homepage="https://spam.example"))

    assert response.status_code == 400
    assert "Bitte leer lassen" in response.content.decode()
    assert not Place.objects.exists()


def test_too_many_proposals_from_one_address_are_refused_with_429(settings):
    # Given a limit of two proposals an hour
    settings.PLACES_PROPOSAL_RATE = "2/h"
    client = Client()

    # When one address sends three (with different e-mail addresses)
    answers = [client.post(URL, proposal(email=f"person{i}@example.org")).status_code for i in range(3)]

    # Then the third is refused and only two are stored
    assert answers == [302, 302, 429]
    assert Place.objects.count() == 2


def test_corrections_do_not_count_against_the_limit(settings):
    # Given a limit of one proposal an hour
    settings.PLACES_PROPOSAL_RATE = "1/h"
    client = Client()

    # When someone first sends a form with a mistake, then corrects it
    first = client.post(URL, proposal(latitude="abc"))
    second = client.post(URL, proposal())

    # Then the corrected proposal goes through
    assert (first.status_code, second.status_code) == (422, 302)


def test_a_proposal_appears_nowhere_public_until_accepted(client):
    # Given a proposal just sent
    client.post(URL, proposal())
    place = Place.objects.get()

    # Then the public finds it neither on its page, nor in the list, nor on the map data
    public = Client()
    assert public.get(place.get_absolute_url()).status_code == 404
    assert "Wühlischplatz" not in public.get(reverse("places:place_list")).content.decode()
    assert "Wühlischplatz" not in public.get(reverse("places:places_geojson")).content.decode()
