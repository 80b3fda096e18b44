"""Fixtures shared by every app's tests: one account per role and clients logged in as them."""

import pytest
from django.test import Client

from gemeinwohl.accounts.models import Role

# Every role of the platform, and the anonymous public, in the order the permission grids list them.
ROLES = ["anonymous", "registered", "bezirksamt", "team_external", "team_internal", "admin"]
ROLE_OF = {
    "registered": Role.REGISTERED,
    "bezirksamt": Role.BEZIRKSAMT,
    "team_external": Role.TEAM_EXTERNAL,
    "team_internal": Role.TEAM_INTERNAL,
    "admin": Role.ADMIN,
}


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or database['NAME']}"


def logged_in_client(user, client: Client | None = None) -> Client:
    """A test client logged in as ``user``, as far as that person gets by logging in on the login page.

    Every test that needs a logged-in client gets it here (or through ``client_as``), so that what
    logging in involves is decided in one place: the password, and for accounts that need one the
    second factor. ``client``: log in this one (e.g. one that checks CSRF). Such an account gets a confirmed authenticator device if it has none, and the
    session counts as verified with it, as django-otp's ``login`` leaves it after a right code.
    """
    from django_otp import DEVICE_ID_SESSION_KEY

    from gemeinwohl.accounts.actions import second_factor_enrol
    from gemeinwohl.accounts.selectors import needs_second_factor, second_factor_device

    client = client or Client()
    client.force_login(user)
    if needs_second_factor(user):
        device = second_factor_device(user) or second_factor_enrol(user=user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def make_user(db):
    from gemeinwohl.accounts.tests.factories import UserFactory

    return UserFactory


@pytest.fixture
def users(db):
    """One active account per role; ``users["anonymous"]`` is Django's AnonymousUser."""
    from django.contrib.auth.models import AnonymousUser

    from gemeinwohl.accounts.tests.factories import UserFactory

    # Fixed, plain names, so that no random name can show up in a page under test.
    accounts = {
        key: UserFactory(role=role, name=f"Testkonto {number}") for number, (key, role) in enumerate(ROLE_OF.items())
    }
    accounts["anonymous"] = AnonymousUser()
    return accounts


@pytest.fixture
def client_as(users):
    """``client_as("team_external")``: a test client logged in with that role (anonymous: not logged in)."""

    def make(role: str) -> Client:
        return Client() if role == "anonymous" else logged_in_client(users[role])

    return make
