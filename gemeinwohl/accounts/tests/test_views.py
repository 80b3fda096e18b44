"""Logging in and out, resetting and changing the password, and the profile, as a person uses them."""

import re

import pytest
from django.core import mail
from django.test import Client

from conftest import logged_in_client
from gemeinwohl.accounts.actions import second_factor_enrol, user_create, user_set_role
from gemeinwohl.accounts.models import Role, User
from gemeinwohl.accounts.tests.factories import TEST_PASSWORD, UserFactory
from gemeinwohl.accounts.tests.logins import password_opens
from gemeinwohl.accounts.tests.second_factor import totp_code
from gemeinwohl.core.tests.pages import field_error, h1

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/anmelden/"
NEUTRAL_MESSAGE = "E-Mail-Adresse oder Passwort sind nicht richtig. Bitte versuchen Sie es erneut."
NEW_PASSWORD = "neues-sicheres-passwort-7"


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# --- logging in -------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_every_role_logs_in_and_lands_on_uebersicht(client, role):
    # given an account of the role, with an authenticator app where the role requires one
    user = UserFactory(role=role)
    device = second_factor_enrol(user=user) if user.role_requires_second_factor else None

    # when its holder logs in with e-mail and password (and the app's code where asked)
    response = client.post(LOGIN_URL, {"username": user.email, "password": TEST_PASSWORD}, follow=True)
    if device is not None:
        assert response.redirect_chain == [
            ("/uebersicht/", 302),
            ("/konto/zwei-faktor/bestaetigen/?next=%2Fuebersicht%2F", 302),
        ]
        assert h1(response) == "Bestätigungscode"
        response = client.post(response.redirect_chain[-1][0], {"code": totp_code(device)}, follow=True)

    # then they are logged in and see the "Übersicht"
    assert response.redirect_chain == [("/uebersicht/", 302)]
    assert h1(response) == "Übersicht"
    assert is_logged_in(client)


def test_login_page_is_german_and_offers_password_reset(client):
    response = client.get(LOGIN_URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert h1(response) == "Anmelden"
    assert '<label for="id_username">E-Mail-Adresse:</label>' in page
    assert 'href="/konto/passwort-vergessen/"' in page


def test_login_asks_for_an_email_address(client):
    page = client.get(LOGIN_URL).content.decode()

    field = re.search(r'<input\b[^>]*\bid="id_username"[^>]*>', page).group(0)
    assert re.findall(r'\btype="([^"]*)"', field) == ["email"]
    assert 'autocomplete="username"' in field


def test_email_login_ignores_case(client):
    # given an account
    UserFactory(email="jana.brandt@test.example")

    # when its holder types the address with capitals
    response = client.post(LOGIN_URL, {"username": "Jana.Brandt@TEST.example", "password": TEST_PASSWORD})

    # then they are logged in
    assert response.status_code == 302
    assert is_logged_in(client)


def _login_page_without_tokens(response, typed_email: str) -> str:
    """The login page as a person sees it, with what they typed and the CSRF token left out."""
    page = response.content.decode().replace(typed_email, "<typed>")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_failed_logins_all_look_the_same(client):
    # given an active account and a deactivated one
    UserFactory(email="aktiv@test.example")
    UserFactory(email="inaktiv@test.example", is_active=False)
    attempts = {
        "unknown e-mail": ("niemand@test.example", TEST_PASSWORD),
        "wrong password": ("aktiv@test.example", "falsches-passwort"),
        "deactivated account": ("inaktiv@test.example", TEST_PASSWORD),
    }

    # when each fails to log in
    responses = {case: client.post(LOGIN_URL, {"username": e, "password": p}) for case, (e, p) in attempts.items()}

    # then each gets 422, one neutral message, and the same page
    for response in responses.values():
        assert response.status_code == 422
        assert response.content.decode().count(NEUTRAL_MESSAGE) == 1
    pages = {case: _login_page_without_tokens(responses[case], attempts[case][0]) for case in attempts}
    assert len(set(pages.values())) == 1
    assert not is_logged_in(client)


def test_empty_login_form_gets_german_messages(client):
    response = client.post(LOGIN_URL, {"username": "", "password": ""})

    assert response.status_code == 422
    assert field_error(response.content.decode(), "username") == "Dieses Feld ist zwingend erforderlich."
    assert field_error(response.content.decode(), "password") == "Dieses Feld ist zwingend erforderlich."


def test_login_follows_a_local_next_but_not_a_foreign_one(client):
    user = UserFactory()

    response = client.post(LOGIN_URL, {"username": user.email, "password": TEST_PASSWORD, "next": "/konto/profil/"})
    assert response.url == "/konto/profil/"

    other = Client()
    response = other.post(
        LOGIN_URL, {"username": user.email, "password": TEST_PASSWORD, "next": "https://boese.example/"}
    )
    assert response.url == "/uebersicht/"


def test_login_switches_to_the_holders_language(client):
    # given an account whose holder chose English
    user = UserFactory(role=Role.TEAM_EXTERNAL)
    user.language = "en"
    user.save(update_fields=["language"])

    # when they log in
    response = client.post(LOGIN_URL, {"username": user.email, "password": TEST_PASSWORD}, follow=True)

    # then the platform answers in English
    assert client.cookies["django_language"].value == "en"
    assert '<html lang="en">' in response.content.decode()


def test_logged_in_visitor_of_login_page_goes_to_uebersicht(client_as):
    response = client_as("registered").get(LOGIN_URL)

    assert response.status_code == 302
    assert response.url == "/uebersicht/"


# --- logging out ----------------------------------------------------------


def test_logout_by_post(client_as):
    # given a logged-in team member
    client = client_as("team_internal")

    # when they press "Abmelden"
    response = client.post("/konto/abmelden/", follow=True)

    # then they are logged out on the start page, which offers "Anmelden" again
    assert response.redirect_chain == [("/", 302)]
    assert not is_logged_in(client)
    assert 'href="/konto/anmelden/"' in response.content.decode()


def test_logout_by_get_is_refused(client_as):
    # given a logged-in team member
    client = client_as("team_internal")

    # when a link (or an image on another site) requests the logout page
    response = client.get("/konto/abmelden/")

    # then nothing happens: the method is not allowed and they stay logged in
    assert response.status_code == 405
    assert is_logged_in(client)


def test_every_page_offers_logout_as_a_form(client_as):
    page = client_as("registered").get("/").content.decode()

    assert re.search(r'<form method="post" action="/konto/abmelden/"', page)


# --- forgotten password -----------------------------------------------------


def _reset_link(message) -> str:
    match = re.search(r"http://testserver(/konto/passwort-neu/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def _request_reset(client: Client, email: str):
    return client.post("/konto/passwort-vergessen/", {"email": email}, follow=True)


def test_password_reset_by_email(client):
    # given an account whose holder forgot the password
    user = UserFactory(email="vergesslich@test.example", name="Vera Vergesslich")

    # when they ask for a link
    response = _request_reset(client, "Vergesslich@Test.example")

    # then they see the "E-Mail unterwegs" page and get one German mail with a link
    assert h1(response) == "E-Mail unterwegs"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["vergesslich@test.example"]
    assert message.subject == "Neues Passwort für AKS Gemeinwohl"
    assert "Hallo Vera Vergesslich" in message.body

    # when they follow the link and set a new password
    form = client.get(_reset_link(message), follow=True)
    assert h1(form) == "Neues Passwort festlegen"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )

    # then the new password opens the account and the old one no longer does
    assert h1(done) == "Passwort gespeichert"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert password_opens(user.email, NEW_PASSWORD)
    assert not password_opens(user.email, TEST_PASSWORD)


def test_reset_link_works_only_once(client):
    UserFactory(email="einmal@test.example")
    _request_reset(client, "einmal@test.example")
    link = _reset_link(mail.outbox[0])
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    again = Client().get(link, follow=True)

    assert "Dieser Link ist ungültig oder wurde schon benutzt." in again.content.decode()
    assert "new_password1" not in again.content.decode()


def test_reset_with_mismatched_passwords_saves_nothing(client):
    user = UserFactory(email="tippfehler@test.example")
    _request_reset(client, "tippfehler@test.example")
    form = client.get(_reset_link(mail.outbox[0]), follow=True)

    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}
    )

    assert response.status_code == 422
    assert field_error(response.content.decode(), "new_password2") == "Die beiden Passwörter sind nicht identisch."
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_unknown_address_gets_the_same_page_and_no_mail(client):
    # given an account, and an address that has none
    UserFactory(email="bekannt@test.example")

    # when a reset is asked for both
    known = _request_reset(client, "bekannt@test.example")
    mail.outbox.clear()
    unknown = _request_reset(Client(), "unbekannt@test.example")

    # then both see the same page, and nothing is sent to the unknown address
    assert unknown.redirect_chain == known.redirect_chain == [("/konto/passwort-vergessen/gesendet/", 302)]
    assert h1(unknown) == h1(known) == "E-Mail unterwegs"
    assert mail.outbox == []


def test_deactivated_account_gets_no_reset_mail(client):
    UserFactory(email="inaktiv@test.example", is_active=False)

    response = _request_reset(client, "inaktiv@test.example")

    assert h1(response) == "E-Mail unterwegs"
    assert mail.outbox == []


def test_account_created_without_password_sets_one_through_reset(client):
    # given an account an administrator created without a password
    user = user_create(email="neu@test.example", name="Nora Neu", role=Role.TEAM_EXTERNAL)

    # when its holder uses "Passwort vergessen" and follows the link
    _request_reset(client, "neu@test.example")
    assert len(mail.outbox) == 1
    form = client.get(_reset_link(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    # then they can log in
    assert password_opens(user.email, NEW_PASSWORD)


def test_reset_form_needs_a_valid_address(client):
    response = client.post("/konto/passwort-vergessen/", {"email": "keine-adresse"})

    assert response.status_code == 422
    assert field_error(response.content.decode(), "email") == "Bitte gültige E-Mail-Adresse eingeben."
    assert mail.outbox == []


# --- changing the password --------------------------------------------------

CHANGE_URL = "/konto/passwort-aendern/"


def test_password_change(client):
    # given a logged-in holder
    user = UserFactory()
    logged_in_client(user, client)

    # when they change their password
    response = client.post(
        CHANGE_URL,
        {"old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    # then they are back on their profile, told so, still logged in, and the new password works
    assert response.redirect_chain == [("/konto/profil/", 302)]
    assert "Ihr Passwort wurde geändert." in response.content.decode()
    assert is_logged_in(client)
    assert password_opens(user.email, NEW_PASSWORD)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"old_password": "falsch-falsch", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
            "old_password",
            "Das alte Passwort war falsch. Bitte neu eingeben.",
        ),
        (
            {"old_password": TEST_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "etwas-anderes-9"},
            "new_password2",
            "Die beiden Passwörter sind nicht identisch.",
        ),
        (
            {"old_password": TEST_PASSWORD, "new_password1": "kurz", "new_password2": "kurz"},
            "new_password2",
            "Dieses Passwort ist zu kurz. Es muss mindestens 10 Zeichen enthalten.",
        ),
        (
            {"old_password": TEST_PASSWORD, "new_password1": "vergesslich", "new_password2": "vergesslich"},
            "new_password2",
            "Das Passwort ist zu ähnlich zu Name.",
        ),
    ],
)
def test_invalid_password_change_saves_nothing(client, data, field, message):
    # given a logged-in holder
    user = UserFactory(name="Vera Vergesslich")
    logged_in_client(user, client)

    # when the form is filled in wrongly
    response = client.post(CHANGE_URL, data)

    # then the German message stands next to the field, with 422, and the old password still holds
    assert response.status_code == 422
    assert message in field_error(response.content.decode(), field)
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_password_change_needs_login(client):
    response = client.get(CHANGE_URL)

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


# --- profile --------------------------------------------------------------

PROFILE_URL = "/konto/profil/"


def test_profile_shows_the_account(client):
    user = UserFactory(email="lea@test.example", name="Lea Hoffmann", role=Role.TEAM_EXTERNAL)
    logged_in_client(user, client)

    page = client.get(PROFILE_URL).content.decode()

    assert "<dd>lea@test.example</dd>" in page
    assert "<dd>AKS-Team, Trägerverein</dd>" in page
    assert 'value="Lea Hoffmann"' in page


def test_profile_change_is_saved(client):
    # given a logged-in holder
    user = UserFactory(name="Lea Hoffmann")
    logged_in_client(user, client)

    # when they change their name and choose English
    response = client.post(PROFILE_URL, {"name": "Lea Hoffmann-Berg", "language": "en"}, follow=True)

    # then both are saved and the page now speaks English
    user.refresh_from_db()
    assert (user.name, user.language) == ("Lea Hoffmann-Berg", "en")
    assert response.redirect_chain == [(PROFILE_URL, 302)]
    assert '<html lang="en">' in response.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "", "language": "de"}, "name", "Dieses Feld ist zwingend erforderlich."),
        ({"name": "x" * 151, "language": "de"}, "name", "höchstens 150 Zeichen"),
        ({"name": "Neuer Name", "language": "fr"}, "language", "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_invalid_profile_saves_nothing(client, data, field, message):
    # given a logged-in holder
    user = UserFactory(name="Lea Hoffmann")
    logged_in_client(user, client)

    # when they submit an invalid profile
    response = client.post(PROFILE_URL, data)

    # then a German message stands next to the field, with 422, and nothing is saved
    page = response.content.decode()
    assert response.status_code == 422
    assert message in field_error(page, field)
    assert "Bitte prüfen Sie Ihre Angaben" in page
    user.refresh_from_db()
    assert (user.name, user.language) == ("Lea Hoffmann", "de")
    # nor shown as if it were: the header still greets the saved name
    assert "Neuer" not in page.split("<main")[0]


def test_profile_needs_login(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response.url == f"{LOGIN_URL}?next={PROFILE_URL}"


def test_profile_cannot_change_role_or_address(client):
    # given a registered holder
    user = UserFactory(email="kim@test.example", role=Role.REGISTERED)
    logged_in_client(user, client)

    # when they smuggle role and address fields into the form
    client.post(
        PROFILE_URL,
        {"name": "Kim", "language": "de", "role": Role.ADMIN, "email": "x@test.example", "is_superuser": "on"},
    )

    # then only the name changed
    user.refresh_from_db()
    assert (user.name, user.role, user.email, user.is_superuser) == ("Kim", Role.REGISTERED, "kim@test.example", False)
    assert User.objects.filter(role=Role.ADMIN).count() == 0


def test_deactivation_ends_a_running_session(client, users):
    # given a team member who is logged in
    member = UserFactory(role=Role.TEAM_EXTERNAL)
    logged_in_client(member, client)
    assert client.get("/uebersicht/").status_code == 200

    # when an administrator deactivates the account
    user_set_role(user=member, role=Role.TEAM_EXTERNAL, is_active=False, by=users["admin"])

    # then the next request is no longer logged in
    response = client.get("/uebersicht/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)
