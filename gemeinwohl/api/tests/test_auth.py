"""Who the API takes a request to be: a personal key, the browser session (with CSRF), or nobody."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from conftest import logged_in_client
from gemeinwohl.accounts.actions import user_set_role
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.api.actions import hash_secret, token_create, token_revoke
from gemeinwohl.api.models import ApiToken
from gemeinwohl.api.tests.conftest import ApiClient
from gemeinwohl.committees.models import Committee

pytestmark = pytest.mark.django_db

NEW_COMMITTEE = {
    "name": "Neue Runde",
    "short_name": "NR",
    "slug": "neue-runde",
    "kind": "netzwerk",
    "visibility": "team",
}


def test_a_key_acts_for_its_holder_and_only_its_hash_is_stored(users):
    token, secret = token_create(user=users["team_external"], name="Tabellen")

    response = ApiClient(secret).get("/me")

    assert response.status_code == 200
    assert response.json()["email"] == users["team_external"].email
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_secret(secret) and secret not in (stored.key_hash, stored.prefix)
    assert secret.startswith(stored.prefix) and len(stored.prefix) < 16


@pytest.mark.parametrize("path", ["/me", "/committees"])
def test_a_wrong_or_revoked_key_answers_401_never_anonymous(users, path):
    token, secret = token_create(user=users["team_internal"], name="alt")
    token_revoke(token=token, by=users["team_internal"])

    for headers in (
        {"Authorization": f"Bearer {secret}"},
        {"Authorization": "Bearer gw_falsch"},
        {"Authorization": "bearer "},
    ):
        response = Client().get(f"/api/v1{path}", headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["detail"] == "Der API-Schlüssel ist ungültig oder widerrufen."
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_the_key_of_a_deactivated_account_stops_working(users):
    holder = UserFactory(role=Role.TEAM_EXTERNAL)
    _token, secret = token_create(user=holder, name="Skript")
    assert ApiClient(secret).get("/me").status_code == 200

    user_set_role(user=holder, role=holder.role, is_active=False, by=users["admin"])

    assert ApiClient(secret).get("/me").status_code == 401


def test_without_any_authentication_what_needs_an_account_answers_401():
    response = ApiClient().get("/me")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Bitte anmelden: mit einem API-Schlüssel (Authorization: Bearer …) oder im Browser.",
        "errors": [],
    }


def test_last_used_is_written_at_most_once_a_minute(users, django_assert_num_queries):
    token, secret = token_create(user=users["team_internal"], name="Skript")
    client = ApiClient(secret)
    client.get("/me")
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None

    with django_assert_num_queries(2):  # the key with its account, the account's address-book entry; no write
        client.get("/me")
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - datetime.timedelta(minutes=2))
    client.get("/me")
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first


def test_the_session_works_for_reading_and_needs_csrf_for_changing(users):
    client = Client(enforce_csrf_checks=True)
    logged_in_client(users["team_internal"], client)
    assert client.get("/api/v1/me").json()["email"] == users["team_internal"].email

    refused = client.post("/api/v1/committees", NEW_COMMITTEE, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert not Committee.objects.exists()

    client.get("/konto/profil/")  # sets the CSRF cookie, as any page does
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/committees", NEW_COMMITTEE, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201, accepted.json()
    assert Committee.objects.filter(slug="neue-runde").exists()


def test_a_key_needs_no_csrf_token(users):
    _token, secret = token_create(user=users["team_internal"], name="Skript")
    client = ApiClient(secret, client=Client(enforce_csrf_checks=True))

    assert client.post("/committees", NEW_COMMITTEE).status_code == 201


def test_an_anonymous_change_answers_401_not_a_csrf_refusal():
    response = Client(enforce_csrf_checks=True).post(
        "/api/v1/committees", NEW_COMMITTEE, content_type="application/json"
    )
    assert response.status_code == 401


def test_other_authorization_schemes_are_not_keys(users):
    _token, secret = token_create(user=users["team_internal"], name="Skript")
    client = Client()
    logged_in_client(users["team_external"], client)

    # e.g. the Basic authentication of a staging server in front of the site: the session still counts
    response = client.get("/api/v1/me", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.json()["email"] == users["team_external"].email
    assert Client().get("/api/v1/me", headers={"Authorization": f"Token {secret}"}).status_code == 401
