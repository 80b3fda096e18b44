"""Enforcing the second factor: a session that gave only the password reaches nothing beyond the basics."""

import pytest
from django.test import Client

from conftest import logged_in_client
from gemeinwohl.accounts.actions import second_factor_enrol
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import TEST_PASSWORD, UserFactory
from gemeinwohl.api.actions import token_create
from gemeinwohl.api.models import ApiToken
from gemeinwohl.committees.tests.factories import CommitteeFactory
from gemeinwohl.core.visibility import Visibility

pytestmark = pytest.mark.django_db

VERIFY = "/konto/zwei-faktor/bestaetigen/"
SETUP = "/konto/zwei-faktor/einrichten/"
REQUIRED_ROLES = [Role.ADMIN, Role.TEAM_INTERNAL, Role.TEAM_EXTERNAL, Role.BEZIRKSAMT]
INTERNAL_PAGES = [
    "/uebersicht/",
    "/adressbuch/personen/",
    "/beratung/faelle/",
    "/boden/",
    "/boden/grundstuecke/",
    "/admin/",
    "/gremien/",
    "/konto/profil/",
    "/konto/passwort-aendern/",
]
OPEN_PAGES = ["/seiten/impressum/", "/seiten/datenschutz/", "/seiten/barrierefreiheit/", VERIFY]


def password_only_client(user) -> Client:
    """A client past the password on the login page, and no further."""
    client = Client()
    response = client.post("/konto/anmelden/", {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def committee(db):
    return CommitteeFactory(name="Regelrunde", visibility=Visibility.INTERNAL)


@pytest.mark.parametrize("role", REQUIRED_ROLES)
@pytest.mark.parametrize("path", INTERNAL_PAGES)
def test_every_role_that_needs_it_is_sent_to_verify_from_internal_pages(role, path):
    # given an account with an authenticator whose session gave only the password
    user = UserFactory(role=role)
    second_factor_enrol(user=user)
    client = password_only_client(user)

    # when it asks for an internal page
    response = client.get(path)

    # then it is sent to "Bestätigungscode", and back afterwards
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)
    assert f"next={path.replace('/', '%2F')}" in response.url


@pytest.mark.parametrize("role", REQUIRED_ROLES)
def test_without_an_authenticator_the_role_is_sent_to_set_one_up(role):
    client = password_only_client(UserFactory(role=role))

    response = client.get("/uebersicht/")

    assert response.status_code == 302
    assert response.url.startswith(SETUP)
    assert client.get(response.url).status_code == 200


def test_a_committees_internal_meeting_pages_are_closed_too(committee):
    user = UserFactory(role=Role.TEAM_INTERNAL)
    second_factor_enrol(user=user)
    client = password_only_client(user)

    for path in [committee.get_absolute_url(), f"{committee.get_absolute_url()}mitglieder/"]:
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith(VERIFY), path


@pytest.mark.parametrize("path", OPEN_PAGES)
def test_the_legal_pages_and_the_verify_page_stay_open(path):
    user = UserFactory(role=Role.TEAM_EXTERNAL)
    second_factor_enrol(user=user)

    response = password_only_client(user).get(path)

    assert response.status_code == 200


def test_the_pages_still_open_show_only_the_public_navigation():
    user = UserFactory(role=Role.TEAM_INTERNAL)
    second_factor_enrol(user=user)

    page = password_only_client(user).get(VERIFY).content.decode()

    assert 'href="/adressbuch/' not in page and 'href="/uebersicht/"' not in page
    assert 'href="/veranstaltungen/"' in page


def test_logging_out_and_switching_the_language_work_before_the_second_factor():
    user = UserFactory(role=Role.BEZIRKSAMT)
    second_factor_enrol(user=user)
    client = password_only_client(user)

    language = client.post("/sprache/", {"language": "en", "next": VERIFY})
    logout = client.post("/konto/abmelden/")

    assert language.status_code == 302 and language.url == VERIFY
    assert logout.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path", ["/", "/gremien/", "/veranstaltungen/", "/orte/", "/beratung/", "/seiten/impressum/"])
def test_public_pages_stay_open_to_the_public_and_to_registered_users(path):
    assert Client().get(path).status_code == 200
    assert password_only_client(UserFactory(role=Role.REGISTERED)).get(path).status_code == 200


def test_a_registered_user_without_a_second_factor_reaches_everything_of_theirs():
    client = password_only_client(UserFactory(role=Role.REGISTERED))

    assert client.get("/uebersicht/").status_code == 200
    assert client.get("/konto/profil/").status_code == 200


def test_a_registered_user_who_set_one_up_must_verify_it_too():
    user = UserFactory(role=Role.REGISTERED)
    second_factor_enrol(user=user)

    response = password_only_client(user).get("/uebersicht/")

    assert response.status_code == 302 and response.url.startswith(VERIFY)


def test_changing_requests_are_refused_not_redirected(committee):
    user = UserFactory(role=Role.TEAM_INTERNAL)
    second_factor_enrol(user=user)
    client = password_only_client(user)

    response = client.post("/konto/profil/", {"name": "Anders", "language": "de"})
    htmx = client.post("/konto/profil/", {"name": "Anders", "language": "de"}, headers={"HX-Request": "true"})

    assert response.status_code == 403
    assert "Zweiter Faktor erforderlich" in response.content.decode()
    assert htmx.status_code == 403 and htmx["HX-Redirect"] == VERIFY
    user.refresh_from_db()
    assert user.name != "Anders"


def test_the_api_refuses_an_unverified_session_in_its_own_shape():
    user = UserFactory(role=Role.TEAM_EXTERNAL)
    second_factor_enrol(user=user)
    client = password_only_client(user)

    response = client.get("/api/v1/me")

    assert response.status_code == 403
    assert "zweiten Faktor" in response.json()["detail"]


def test_an_api_key_works_whatever_its_holders_sessions(users):
    # given a team member with an API key (its holder's sessions play no part)
    _token, secret = token_create(user=users["team_external"], name="Skript")

    response = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})

    assert response.status_code == 200
    assert response.json()["email"] == users["team_external"].email


def test_a_key_in_an_unverified_session_counts_alone_and_opens_nothing_of_the_session(users):
    # given a session past the password only, and somebody's valid API key
    user = UserFactory(role=Role.TEAM_INTERNAL)
    second_factor_enrol(user=user)
    client = password_only_client(user)
    _token, secret = token_create(user=users["team_external"], name="Skript")
    bearer = {"Authorization": f"Bearer {secret}"}

    # when the requests carry the key
    me = client.get("/api/v1/me", headers=bearer)
    made = client.post("/api/v1/schluessel/", {"name": "Hintertür"}, headers=bearer)
    page = client.get("/uebersicht/", headers=bearer)

    # then the API acts for the key's holder, and pages take the request for an anonymous one
    assert me.json()["email"] == users["team_external"].email
    assert made.status_code == 302 and made.url.startswith("/konto/anmelden/")
    assert not ApiToken.objects.filter(user=user).exists()
    assert page.status_code == 302 and page.url.startswith("/konto/anmelden/")


def test_a_verified_session_is_let_through(users):
    client = logged_in_client(users["team_internal"])

    assert client.get("/uebersicht/").status_code == 200
    assert client.get(VERIFY).status_code == 302


def test_a_reset_second_factor_ends_the_verified_state_of_running_sessions(users):
    # given a verified team session
    member = users["team_external"]
    client = logged_in_client(member)
    assert client.get("/uebersicht/").status_code == 200

    # when an administrator resets the member's second factor
    from gemeinwohl.accounts.actions import second_factor_reset

    second_factor_reset(user=member, by=users["admin"])

    # then the session must set up a new one before going on
    response = client.get("/uebersicht/")
    assert response.status_code == 302 and response.url.startswith(SETUP)
