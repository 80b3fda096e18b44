"""Two-factor login as a person uses it: set up, verify, recovery codes, switch off, status on the profile."""

import base64
import re
import urllib.parse

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import logged_in_client
from gemeinwohl.accounts.actions import second_factor_enrol
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.selectors import second_factor_device
from gemeinwohl.accounts.tests.factories import TEST_PASSWORD, UserFactory
from gemeinwohl.accounts.tests.second_factor import totp_code
from gemeinwohl.core.tests.pages import field_error, h1

pytestmark = pytest.mark.django_db

VERIFY = "/konto/zwei-faktor/bestaetigen/"
SETUP = "/konto/zwei-faktor/einrichten/"
CODES = "/konto/zwei-faktor/codes/"
RENEW = "/konto/zwei-faktor/codes/erneuern/"
SWITCH_OFF = "/konto/zwei-faktor/ausschalten/"
WRONG = "Der Code stimmt nicht oder ist schon verbraucht."


@pytest.fixture(autouse=True)
def no_waiting(settings):
    # A wrong code makes the next try wait a second; these tests try again at once (the wait has its own test).
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def log_in_with_password(user) -> Client:
    client = Client()
    client.post("/konto/anmelden/", {"username": user.email, "password": TEST_PASSWORD})
    return client


def secret_on(page: str) -> str:
    return re.search(r'<code class="secret" id="secret"[^>]*>([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")


def code_for(secret: str) -> str:
    return f"{TOTP(base64.b32decode(secret)).token():06d}"


def recovery_codes_on(page: str) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", page)


def set_up(client) -> list[str]:
    """Set up an authenticator as the person does; the recovery codes shown."""
    secret = secret_on(client.get(SETUP).content.decode())
    response = client.post(SETUP, {"code": code_for(secret)})
    assert response.status_code == 302, response.content.decode()
    return recovery_codes_on(client.get(response.url).content.decode())


# --- setting up ----------------------------------------------------------------------------


def test_set_up_shows_a_qr_code_drawn_here_and_the_secret_as_text():
    client = log_in_with_password(UserFactory(role=Role.TEAM_EXTERNAL, email="lea@test.example"))

    response = client.get(SETUP)

    page = response.content.decode()
    assert response.status_code == 200
    assert h1(response) == "Zwei-Faktor-Anmeldung einrichten"
    assert '<svg role="img" class="qr-code"' in page and "<title>QR-Code" in page
    assert "<img" not in page
    device = TOTPDevice.objects.get(user__email="lea@test.example")
    assert not device.confirmed
    assert secret_on(page) == base64.b32encode(device.bin_key).decode()
    # The page keeps its secret when reloaded: the app may have scanned it already.
    assert secret_on(client.get(SETUP).content.decode()) == secret_on(page)


def test_a_wrong_code_does_not_set_up_and_answers_422():
    user = UserFactory(role=Role.TEAM_INTERNAL)
    client = log_in_with_password(user)
    client.get(SETUP)

    response = client.post(SETUP, {"code": "000000"})

    assert response.status_code == 422
    assert WRONG in field_error(response.content.decode(), "code")
    assert second_factor_device(user) is None
    assert client.get("/uebersicht/").url.startswith(SETUP)


def test_the_right_code_sets_up_verifies_the_session_and_shows_the_recovery_codes_once():
    # given a team member at the set-up page after the password
    user = UserFactory(role=Role.TEAM_INTERNAL)
    client = log_in_with_password(user)
    secret = secret_on(client.get(f"{SETUP}?next=/adressbuch/personen/").content.decode())

    # when they confirm with the app's code
    response = client.post(SETUP, {"code": code_for(secret), "next": "/adressbuch/personen/"})

    # then the authenticator counts, the session is verified and ten recovery codes are shown, once
    assert response.status_code == 302 and response.url.startswith(CODES)
    assert second_factor_device(user) is not None
    shown = client.get(response.url)
    codes = recovery_codes_on(shown.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(codes) == sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert "no-store" in shown["Cache-Control"]
    assert 'download="wiederherstellungscodes.txt"' in shown.content.decode()
    download = re.search(r'href="data:text/plain;charset=utf-8,([^"]+)"', shown.content.decode()).group(1)
    assert all(code in urllib.parse.unquote(download) for code in codes)
    assert 'href="/adressbuch/personen/"' in shown.content.decode()
    assert recovery_codes_on(client.get(response.url).content.decode()) == []
    assert client.get("/adressbuch/personen/").status_code == 200


def test_someone_with_only_the_password_cannot_add_an_authenticator_to_a_set_up_account():
    user = UserFactory(role=Role.TEAM_EXTERNAL)
    device = second_factor_enrol(user=user)
    client = log_in_with_password(user)

    response = client.get(SETUP)

    assert response.status_code == 302 and response.url.startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=user)) == [device]


# --- verifying -----------------------------------------------------------------------------


def test_the_login_of_a_set_up_account_asks_for_the_code():
    user = UserFactory(role=Role.BEZIRKSAMT)
    second_factor_enrol(user=user)
    client = Client()

    response = client.post("/konto/anmelden/", {"username": user.email, "password": TEST_PASSWORD}, follow=True)

    assert response.status_code == 200
    assert h1(response) == "Bestätigungscode"
    assert response.redirect_chain[-1][0].startswith(f"{VERIFY}?next=")


def test_a_wrong_code_answers_422_with_a_german_message():
    user = UserFactory(role=Role.TEAM_INTERNAL)
    second_factor_enrol(user=user)
    client = log_in_with_password(user)

    response = client.post(VERIFY, {"code": "123456"})
    letters = client.post(VERIFY, {"code": "nichtda1"})

    assert response.status_code == 422 and letters.status_code == 422
    assert WRONG in field_error(response.content.decode(), "code")
    assert client.get("/uebersicht/").status_code == 302


def test_the_right_code_verifies_the_session_and_goes_on_to_the_page_asked_for():
    user = UserFactory(role=Role.TEAM_INTERNAL)
    device = second_factor_enrol(user=user)
    client = log_in_with_password(user)
    key_before = client.session.session_key

    response = client.post(VERIFY, {"code": totp_code(device), "next": "/boden/"})

    assert response.status_code == 302 and response.url == "/boden/"
    assert client.get("/boden/").status_code == 200
    assert client.session.session_key != key_before
    # The same code is not accepted a second time.
    replay = log_in_with_password(user).post(VERIFY, {"code": f"{TOTP(device.bin_key).token():06d}"})
    assert replay.status_code == 422


def test_a_foreign_next_address_is_not_followed():
    user = UserFactory(role=Role.TEAM_INTERNAL)
    device = second_factor_enrol(user=user)

    response = log_in_with_password(user).post(VERIFY, {"code": totp_code(device), "next": "https://example.org/"})

    assert response.url == "/uebersicht/"


def test_a_recovery_code_works_once():
    # given a team member who set up the second factor and kept the recovery codes
    user = UserFactory(role=Role.TEAM_EXTERNAL)
    codes = set_up(log_in_with_password(user))

    # when they log in with one of them (as typed: upper case, with a space)
    client = log_in_with_password(user)
    response = client.post(VERIFY, {"code": f"{codes[0][:4].upper()} {codes[0][4:]}"}, follow=True)

    # then it lets them in, says how many are left, and does not work a second time
    assert h1(response) == "Übersicht"
    assert "Es bleiben noch 9 Codes" in response.content.decode()
    again = log_in_with_password(user).post(VERIFY, {"code": codes[0]})
    assert again.status_code == 422
    assert log_in_with_password(user).post(VERIFY, {"code": codes[1]}).status_code == 302


def test_wrong_codes_make_the_next_try_wait(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1
    user = UserFactory(role=Role.TEAM_INTERNAL)
    device = second_factor_enrol(user=user)
    client = log_in_with_password(user)

    client.post(VERIFY, {"code": "000000"})
    response = client.post(VERIFY, {"code": totp_code(device)})

    assert response.status_code == 429
    assert "Zu viele falsche Codes" in field_error(response.content.decode(), "code")
    assert client.get("/uebersicht/").status_code == 302


# --- registered users, the profile, recovery codes -----------------------------------------


def test_a_registered_user_sets_it_up_from_the_profile_and_then_needs_it():
    # given a registered user, who needs no second factor
    user = UserFactory(role=Role.REGISTERED)
    client = log_in_with_password(user)
    profile = client.get("/konto/profil/").content.decode()
    assert "Ausgeschaltet" in profile and f'href="{SETUP}"' in profile

    # when they set one up
    set_up(client)

    # then the profile says since when, and a new login asks for the code
    assert "Eingeschaltet seit" in client.get("/konto/profil/").content.decode()
    assert log_in_with_password(user).get("/uebersicht/").url.startswith(VERIFY)


def test_a_registered_user_switches_it_off_with_a_current_code():
    user = UserFactory(role=Role.REGISTERED)
    device = second_factor_enrol(user=user)
    client = logged_in_client(user)

    wrong = client.post(SWITCH_OFF, {"code": "000000"})
    right = client.post(SWITCH_OFF, {"code": totp_code(device)})

    assert wrong.status_code == 422
    assert right.status_code == 302
    assert second_factor_device(user) is None
    assert log_in_with_password(user).get("/uebersicht/").status_code == 200


@pytest.mark.parametrize("role", [Role.TEAM_EXTERNAL, Role.BEZIRKSAMT, Role.ADMIN])
def test_roles_that_require_it_cannot_switch_it_off(role):
    user = UserFactory(role=role)
    device = second_factor_enrol(user=user)
    client = logged_in_client(user)

    assert f'href="{SWITCH_OFF}"' not in client.get("/konto/profil/").content.decode()
    response = client.post(SWITCH_OFF, {"code": totp_code(device)})

    assert response.status_code == 302 and response.url == "/konto/profil/"
    assert second_factor_device(user) == device


def test_new_recovery_codes_need_a_current_code_and_replace_the_old_ones():
    # given a team member with recovery codes
    user = UserFactory(role=Role.TEAM_INTERNAL)
    client = log_in_with_password(user)
    old = set_up(client)
    assert "noch 10 unbenutzte Wiederherstellungscodes" in client.get("/konto/profil/").content.decode()

    # when they ask for new ones, first with a wrong code, then with a right one
    wrong = client.post(RENEW, {"code": "000000"})
    right = client.post(RENEW, {"code": totp_code(second_factor_device(user))})

    # then only the right code brings ten new codes, and the old ones no longer work
    assert wrong.status_code == 422
    assert right.status_code == 302 and right.url.startswith(CODES)
    new = recovery_codes_on(client.get(right.url).content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert log_in_with_password(user).post(VERIFY, {"code": old[1]}).status_code == 422
    assert log_in_with_password(user).post(VERIFY, {"code": new[0]}).status_code == 302


def test_the_recovery_codes_page_without_new_codes_says_so():
    client = logged_in_client(UserFactory(role=Role.TEAM_INTERNAL))

    response = client.get(CODES)

    assert response.status_code == 200
    assert "bereits angezeigt" in response.content.decode()
