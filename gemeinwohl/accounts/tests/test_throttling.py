"""Login throttling (django-axes, enabled): accounts and addresses locked after repeated failures."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import PermissionDenied
from django.test import Client, override_settings

from gemeinwohl.accounts.actions import user_unlock
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import TEST_PASSWORD, UserFactory
from gemeinwohl.accounts.tests.logins import password_opens
from gemeinwohl.accounts.throttling import client_address
from gemeinwohl.core.tests.pages import h1, main, text

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/anmelden/"
LIMIT = 5  # LOGIN_FAILURE_LIMIT's default
LOCKED_TITLE = "Anmeldung vorübergehend gesperrt"


def attempt(email: str, password: str, *, address: str = "10.0.0.1", **headers):
    """One login on the login page from ``address``; the response and whether it logged in."""
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN_URL, {"username": email, "password": password})
    return response, "_auth_user_id" in client.session


def fail(email: str, times: int, *, address: str = "10.0.0.1", **headers):
    responses = [attempt(email, "falsch-geraten-1", address=address, **headers)[0] for _ in range(times)]
    return responses[-1]


def is_lockout_page(response) -> bool:
    return response.status_code == 429 and h1(response) == LOCKED_TITLE


def test_the_nth_failure_locks_the_account_and_then_even_the_right_password_is_refused():
    # given an account
    user = UserFactory(email="ziel@test.example")

    # when someone guesses wrong LIMIT - 1 times, the login page answers as for any typo
    before = fail(user.email, LIMIT - 1)
    assert before.status_code == 422
    assert h1(before) == "Anmelden"

    # and the LIMIT-th failure locks the account
    locked = fail(user.email, 1)
    assert is_lockout_page(locked)

    # then the right password is refused too, in German, with no session
    response, logged_in = attempt(user.email, TEST_PASSWORD)
    assert is_lockout_page(response)
    assert not logged_in
    page = text(main(response))
    assert "für dieses Konto oder von dieser Adresse aus für 15 Minuten gesperrt" in page
    assert "Administrator" in page


def test_a_locked_account_is_locked_from_every_address_and_whatever_the_case():
    user = UserFactory(email="ziel@test.example")
    fail("Ziel@Test.Example", LIMIT, address="10.0.0.1")

    response, logged_in = attempt(user.email, TEST_PASSWORD, address="10.0.0.2")

    assert is_lockout_page(response)
    assert not logged_in


def test_another_account_from_another_address_still_logs_in():
    # given a locked account
    UserFactory(email="ziel@test.example")
    fail("ziel@test.example", LIMIT, address="10.0.0.1")

    # when someone else logs in from elsewhere
    other = UserFactory(email="andere@test.example")
    response, logged_in = attempt(other.email, TEST_PASSWORD, address="10.0.0.2")

    # then that works as ever
    assert response.status_code == 302
    assert logged_in


def test_an_address_is_locked_after_failures_on_different_accounts():
    # given an address that guessed once each at LIMIT different accounts
    victims = [UserFactory() for _ in range(LIMIT)]
    for victim in victims[:-1]:
        assert fail(victim.email, 1, address="10.0.0.66").status_code == 422
    assert is_lockout_page(fail(victims[-1].email, 1, address="10.0.0.66"))

    # then no account logs in from there, not even with its right password
    innocent = UserFactory()
    response, logged_in = attempt(innocent.email, TEST_PASSWORD, address="10.0.0.66")
    assert is_lockout_page(response)
    assert not logged_in

    # but the accounts themselves are not locked: from elsewhere they log in
    assert password_opens(victims[0].email, TEST_PASSWORD, address="10.0.0.2")


def test_the_lock_ends_after_the_lockout_time():
    # given a locked account
    user = UserFactory()
    fail(user.email, LIMIT)
    assert is_lockout_page(attempt(user.email, TEST_PASSWORD)[0])

    # when the lockout time (LOGIN_LOCKOUT_MINUTES) has passed since the failures
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))

    # then the right password opens the account again, and the expired failures are gone
    response, logged_in = attempt(user.email, TEST_PASSWORD)
    assert response.status_code == 302
    assert logged_in
    assert not AccessAttempt.objects.exists()


@override_settings(LOGIN_LOCKOUT_MINUTES=60, AXES_COOLOFF_TIME=timedelta(minutes=60))
def test_the_lockout_time_is_a_setting():
    user = UserFactory()
    locked = fail(user.email, LIMIT)
    assert "für 60 Minuten gesperrt" in text(main(locked))

    # 16 minutes later it is still locked
    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16))
    assert is_lockout_page(attempt(user.email, TEST_PASSWORD)[0])


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_failure_limit_is_a_setting():
    user = UserFactory()

    assert fail(user.email, 1).status_code == 422
    assert is_lockout_page(fail(user.email, 1))


def test_attempts_while_locked_do_not_prolong_the_lock():
    user = UserFactory()
    fail(user.email, LIMIT)
    locked_at = AccessAttempt.objects.get().attempt_time

    fail(user.email, 3)
    attempt(user.email, TEST_PASSWORD)

    assert AccessAttempt.objects.get().attempt_time == locked_at
    assert AccessAttempt.objects.get().failures_since_start == LIMIT


def test_a_successful_login_clears_the_accounts_failures():
    # given an account with one failure short of the lock
    user = UserFactory()
    fail(user.email, LIMIT - 1)

    # when its holder then gets the password right
    assert attempt(user.email, TEST_PASSWORD)[1]

    # then the count starts again
    assert not AccessAttempt.objects.exists()
    assert fail(user.email, LIMIT - 1).status_code == 422


def test_logging_in_to_ones_own_account_does_not_clear_the_addresss_failures():
    # given an address that guessed at other accounts LIMIT - 1 times
    for victim in [UserFactory() for _ in range(LIMIT - 1)]:
        fail(victim.email, 1, address="10.0.0.66")

    # when it logs in to an account of its own
    own = UserFactory()
    assert attempt(own.email, TEST_PASSWORD, address="10.0.0.66")[1]

    # then its next wrong guess still locks it
    assert is_lockout_page(fail(UserFactory().email, 1, address="10.0.0.66"))


def test_unknown_addresses_are_counted_like_accounts():
    # Nobody learns from the lock whether an account exists: unknown e-mail addresses lock alike.
    assert is_lockout_page(fail("niemand@test.example", LIMIT))


def test_the_admin_login_is_throttled_too():
    admin = UserFactory(role=Role.ADMIN)
    client = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(LIMIT):
        client.post("/admin/login/", {"username": admin.email, "password": "falsch-geraten-1", "next": "/admin/"})

    response = client.post("/admin/login/", {"username": admin.email, "password": TEST_PASSWORD, "next": "/admin/"})

    assert is_lockout_page(response)


# --- behind a reverse proxy ----------------------------------------------------


@override_settings(RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP")
def test_behind_a_proxy_the_visitors_address_from_the_header_is_locked():
    # given a proxy at 10.0.0.1 passing each visitor's address in X-Real-IP
    for _ in range(LIMIT):
        fail(UserFactory().email, 1, address="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")

    # then that visitor is locked, another one behind the same proxy is not
    locked, _ = attempt(UserFactory().email, TEST_PASSWORD, address="10.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert is_lockout_page(locked)
    ok, logged_in = attempt(UserFactory().email, TEST_PASSWORD, address="10.0.0.1", HTTP_X_REAL_IP="203.0.113.8")
    assert ok.status_code == 302
    assert logged_in


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "192.0.2.1"}, "192.0.2.1"),
        ({"REMOTE_ADDR": "2001:db8:1:2:3:4:5:6"}, "2001:db8:1:2::"),
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_REAL_IP": "198.51.100.4"}, "10.0.0.1"),
    ],
)
def test_client_address(rf, meta, expected):
    assert client_address(rf.get("/", **meta)) == expected


@override_settings(RATELIMIT_IP_META_KEY="HTTP_X_REAL_IP")
def test_client_address_behind_a_proxy(rf):
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_REAL_IP="198.51.100.4")) == "198.51.100.4"


# --- unlocking by an administrator -------------------------------------------------


def test_administrator_unlocks_an_account_in_the_admin_site(client_as):
    # given a locked account
    user = UserFactory()
    fail(user.email, LIMIT)

    # when an administrator picks "Entsperren" for it in the account list
    response = client_as("admin").post(
        "/admin/accounts/user/", {"action": "unlock", "_selected_action": [user.pk]}, follow=True
    )

    # then it is told so, and the account logs in again at once
    assert "1 Konto entsperrt." in response.content.decode()
    assert password_opens(user.email, TEST_PASSWORD, address="10.0.0.1")


def test_unlocking_an_account_leaves_other_accounts_locked(users):
    locked = [UserFactory(), UserFactory()]
    for user in locked:
        fail(user.email, LIMIT, address=f"10.0.1.{user.pk % 250}")

    user_unlock(user=locked[0], by=users["admin"])

    assert password_opens(locked[0].email, TEST_PASSWORD, address="10.0.2.1")
    assert not password_opens(locked[1].email, TEST_PASSWORD, address="10.0.2.1")


@pytest.mark.parametrize("role", ["registered", "bezirksamt", "team_external", "team_internal"])
def test_only_administrators_unlock(users, role):
    user = UserFactory()
    fail(user.email, LIMIT)

    with pytest.raises(PermissionDenied):
        user_unlock(user=user, by=users[role])
    assert AccessAttempt.objects.exists()


def test_administrator_unlocks_an_address_in_the_admin_site(client_as):
    # given an address locked by guesses at different accounts
    for _ in range(LIMIT):
        fail(UserFactory().email, 1, address="10.0.0.66")
    admin = client_as("admin")

    # when an administrator finds its attempts in "Zugriffsversuche" (axes' access attempts) and deletes them
    listing = admin.get("/admin/axes/accessattempt/", {"q": "10.0.0.66"})
    assert listing.status_code == 200
    ids = list(AccessAttempt.objects.filter(ip_address="10.0.0.66").values_list("pk", flat=True))
    admin.post("/admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"})

    # then the address logs in again
    assert not AccessAttempt.objects.exists()
    assert password_opens(UserFactory().email, TEST_PASSWORD, address="10.0.0.66")
