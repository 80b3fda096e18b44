"""The account model: what the database itself guarantees, whatever code writes to it."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from gemeinwohl.accounts.models import Role, User
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_database_refuses_a_superuser_who_is_not_an_admin(role):
    # given an account of a role other than admin
    user = UserFactory(role=role)

    # when something writes superuser status past every action
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_superuser=True)

    # then the database keeps the account without all permissions
    user.refresh_from_db()
    assert user.is_superuser is False


def test_database_accepts_an_admin_superuser():
    # given / when an admin account is created
    admin = UserFactory(role=Role.ADMIN)

    # then it is a superuser, which the database allows for admins
    admin.refresh_from_db()
    assert admin.is_superuser is True


def test_database_refuses_an_unknown_role():
    user = UserFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(role="chef")


def test_database_refuses_the_same_address_in_another_case():
    # given an account
    UserFactory(email="lea@test.example")

    # when a second row with the same address in capitals is written past every check
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.bulk_create([User(email="LEA@test.example", name="Lea Zwei")])

    # then there is still only one
    assert User.objects.filter(email__iexact="lea@test.example").count() == 1


def test_createsuperuser_makes_an_admin():
    # given / when the manage.py createsuperuser path creates an account
    user = User.objects.create_superuser("Root@Test.example", "ein-langes-passwort")

    # then it is an admin with a lower-case address and a name
    assert (user.role, user.is_superuser, user.email) == (Role.ADMIN, True, "root@test.example")
    assert user.name == "Root"
    assert user.check_password("ein-langes-passwort")


def test_manage_py_createsuperuser_makes_an_admin(monkeypatch):
    # given the installer's password in the environment, as in a non-interactive set-up
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "ein-langes-passwort")

    # when createsuperuser runs
    call_command("createsuperuser", "--noinput", email="Chefin@Test.example", stdout=StringIO())

    # then the account is an administrator who can use the admin site
    user = User.objects.get(email="chefin@test.example")
    assert (user.role, user.is_superuser, user.is_staff) == (Role.ADMIN, True, True)
    assert user.has_perm("accounts.add_user")


def test_create_user_refuses_an_invalid_address():
    with pytest.raises(ValidationError) as error:
        User.objects.create_user("keine-adresse", "ein-langes-passwort", name="Niemand")

    assert "email" in error.value.message_dict
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("role", "is_active", "is_staff"),
    [
        (Role.ADMIN, True, True),
        (Role.ADMIN, False, False),
        (Role.TEAM_INTERNAL, True, False),
        (Role.TEAM_EXTERNAL, True, False),
        (Role.BEZIRKSAMT, True, False),
        (Role.REGISTERED, True, False),
    ],
)
def test_only_active_admins_are_staff(role, is_active, is_staff):
    user = UserFactory(role=role, is_active=is_active)

    assert user.is_staff is is_staff


@pytest.mark.parametrize(
    ("role", "clearance", "is_team"),
    [
        (Role.ADMIN, Visibility.INTERNAL, False),
        (Role.TEAM_INTERNAL, Visibility.INTERNAL, True),
        (Role.TEAM_EXTERNAL, Visibility.TEAM, True),
        (Role.BEZIRKSAMT, Visibility.TEAM, False),
        (Role.REGISTERED, Visibility.PUBLIC, False),
    ],
)
def test_role_gives_clearance_and_team_membership(role, clearance, is_team):
    user = UserFactory(role=role)

    assert user.global_clearance == clearance
    assert user.is_team is is_team


def test_names_shown_for_an_account():
    user = UserFactory(name="Jana Brandt", email="jana@test.example")

    assert (str(user), user.get_full_name(), user.get_short_name()) == ("Jana Brandt", "Jana Brandt", "Jana")
