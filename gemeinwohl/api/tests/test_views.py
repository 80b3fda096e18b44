"""API keys on the profile page: made with a name, shown once, listed by prefix, revoked by their holder."""

import pytest
from django.urls import reverse

from gemeinwohl.api.actions import MAX_ACTIVE_TOKENS, token_create
from gemeinwohl.api.models import ApiToken
from gemeinwohl.api.tests.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_the_profile_lists_ones_own_keys_and_offers_a_new_one(client_as, users):
    token_create(user=users["team_internal"], name="Eigener Schlüssel")
    token_create(user=users["registered"], name="Fremder Schlüssel")

    html = client_as("team_internal").get(reverse("accounts:profile")).content.decode()

    assert "API-Schlüssel" in html and "Eigener Schlüssel" in html and "Fremder Schlüssel" not in html
    assert "noch nie" in html and 'action="/api/v1/schluessel/"' in html


def test_a_new_key_is_shown_once_and_works(client_as, users):
    client = client_as("registered")

    response = client.post(reverse("api:token_create"), {"name": "Auswertung"})

    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=users["registered"])
    secret = response.context["secret"]
    assert secret.startswith(token.prefix) and secret in response.content.decode()
    assert ApiClient(secret).get("/me").json()["email"] == users["registered"].email
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert secret not in profile and f"{token.prefix}…" in profile


def test_a_key_needs_a_name(client_as):
    response = client_as("registered").post(reverse("api:token_create"), {"name": "  "})

    assert response.status_code == 422
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_holder_has_at_most_so_many_keys(client_as, users):
    for n in range(MAX_ACTIVE_TOKENS):
        token_create(user=users["registered"], name=f"Schlüssel {n}")

    response = client_as("registered").post(reverse("api:token_create"), {"name": "Noch einer"})

    assert response.status_code == 422
    assert ApiToken.objects.count() == MAX_ACTIVE_TOKENS


def test_revoking_a_key_stops_it_at_once(client_as, users):
    token, secret = token_create(user=users["registered"], name="Alt")

    response = client_as("registered").post(reverse("api:token_revoke", args=[token.pk]), follow=True)

    assert "Der API-Schlüssel „Alt“ wurde widerrufen." in response.content.decode()
    assert ApiClient(secret).get("/me").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_elses_key(client_as, users):
    token, secret = token_create(user=users["team_internal"], name="Fremd")

    assert client_as("registered").post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    assert client_as("registered").get(reverse("api:token_revoke", args=[token.pk])).status_code == 405
    assert ApiClient(secret).get("/me").status_code == 200


def test_keys_are_for_signed_in_people_only(client_as):
    response = client_as("anonymous").post(reverse("api:token_create"), {"name": "X"})

    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    assert not ApiToken.objects.exists()
