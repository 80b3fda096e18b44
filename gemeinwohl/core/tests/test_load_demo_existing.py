"""``load_demo`` on an installation that already has accounts of its own (an empty database otherwise)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeinwohl.accounts.models import User

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_leaves_existing_accounts_alone():
    # given the demo admin already exists with another password
    User.objects.create_superuser("Admin@Gemeinwohl.example", "eigenes-passwort-123", name="Eigene Admin")

    # when the demo data is loaded
    load_demo()

    # then that account is kept as it was and not doubled
    admins = User.objects.filter(email__iexact="admin@gemeinwohl.example")
    assert admins.count() == 1
    assert admins.get().check_password("eigenes-passwort-123")
    assert admins.get().name == "Eigene Admin"
    # and the publicly known demo secret is not put on it
    assert not TOTPDevice.objects.filter(user=admins.get()).exists()
