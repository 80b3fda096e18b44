"""The account actions: who may create and change accounts, and what each guarantees."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeinwohl.accounts.actions import (
    RECOVERY_CODE_COUNT,
    SecondFactorLocked,
    second_factor_confirm,
    second_factor_enrol,
    second_factor_start,
    second_factor_switch_off,
    second_factor_verify,
    user_create,
    user_set_role,
    user_update_profile,
)
from gemeinwohl.accounts.models import Role, User
from gemeinwohl.accounts.tests.factories import TEST_PASSWORD, UserFactory
from gemeinwohl.accounts.tests.logins import password_opens
from gemeinwohl.accounts.tests.second_factor import totp_code

pytestmark = pytest.mark.django_db

NOT_ADMIN = ["anonymous", "registered", "bezirksamt", "team_external", "team_internal"]


def test_admin_creates_an_account(users):
    # given an administrator
    admin = users["admin"]

    # when they create an account for a new team member
    user = user_create(email="  Neu.Mitglied@Test.Example ", name=" Neu Mitglied ", role=Role.TEAM_EXTERNAL, by=admin)

    # then it exists with a lower-case address, a trimmed name and the role
    user.refresh_from_db()
    assert (user.email, user.name, user.role) == ("neu.mitglied@test.example", "Neu Mitglied", Role.TEAM_EXTERNAL)
    assert user.is_active and not user.is_superuser


@pytest.mark.parametrize("role", NOT_ADMIN)
def test_only_admins_create_accounts(users, role):
    # given someone who is not an administrator
    before = User.objects.count()

    # when they try to create an account
    with pytest.raises(PermissionDenied):
        user_create(email="neu@test.example", name="Neu", role=Role.REGISTERED, by=users[role])

    # then nothing is created
    assert User.objects.count() == before
    assert not User.objects.filter(email="neu@test.example").exists()


def test_a_deactivated_admin_cannot_create_accounts():
    admin = UserFactory(role=Role.ADMIN, is_active=False)

    with pytest.raises(PermissionDenied):
        user_create(email="neu@test.example", name="Neu", by=admin)

    assert not User.objects.filter(email="neu@test.example").exists()


def test_account_without_password_cannot_log_in_yet():
    # given an account created without a password, as the admin site does
    user = user_create(email="ohne@test.example", name="Ohne Passwort")

    # then no password opens it
    assert not user.has_usable_password()
    assert not password_opens("ohne@test.example", "")
    assert not password_opens("ohne@test.example", TEST_PASSWORD)


def test_account_with_password_can_log_in():
    user_create(email="mit@test.example", name="Mit Passwort", password=TEST_PASSWORD)

    assert password_opens("mit@test.example", TEST_PASSWORD)


def test_creating_an_admin_makes_a_superuser():
    user = user_create(email="chefin@test.example", name="Chefin", role=Role.ADMIN)

    user.refresh_from_db()
    assert user.is_superuser is True


def test_the_same_address_in_another_case_is_refused():
    # given an account
    UserFactory(email="lea@test.example")

    # when another is created with the address in capitals
    with pytest.raises(ValidationError) as error:
        user_create(email="LEA@TEST.EXAMPLE", name="Lea Zwei")

    # then the second is refused with a message on the address
    assert "email" in error.value.message_dict
    assert User.objects.filter(email__iexact="lea@test.example").count() == 1


@pytest.mark.parametrize(("email", "name"), [("keine-adresse", "Name"), ("gut@test.example", "   ")])
def test_invalid_input_creates_nothing(email, name):
    with pytest.raises(ValidationError):
        user_create(email=email, name=name)

    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("old_role", "new_role", "superuser"),
    [
        (Role.REGISTERED, Role.ADMIN, True),
        (Role.TEAM_INTERNAL, Role.ADMIN, True),
        (Role.ADMIN, Role.REGISTERED, False),
        (Role.ADMIN, Role.TEAM_EXTERNAL, False),
        (Role.BEZIRKSAMT, Role.TEAM_INTERNAL, False),
    ],
)
def test_set_role_keeps_superuser_in_step(users, old_role, new_role, superuser):
    # given an account with one role
    user = UserFactory(role=old_role)

    # when an administrator gives it another
    user_set_role(user=user, role=new_role, is_active=True, by=users["admin"])

    # then superuser status follows the new role, in the database too
    user.refresh_from_db()
    assert (user.role, user.is_superuser) == (new_role, superuser)


def test_set_role_deactivates_an_account(users):
    # given an active account
    user = UserFactory(role=Role.TEAM_EXTERNAL)

    # when an administrator deactivates it
    user_set_role(user=user, role=Role.TEAM_EXTERNAL, is_active=False, by=users["admin"])

    # then it can no longer log in
    user.refresh_from_db()
    assert user.is_active is False
    assert not password_opens(user.email, TEST_PASSWORD)


@pytest.mark.parametrize("role", NOT_ADMIN)
def test_only_admins_set_roles(users, role):
    # given an account
    user = UserFactory(role=Role.REGISTERED)

    # when someone who is not an administrator tries to make it an admin (their own too)
    for target in (user, users[role]) if role != "anonymous" else (user,):
        with pytest.raises(PermissionDenied):
            user_set_role(user=target, role=Role.ADMIN, is_active=True, by=users[role])

    # then nothing changed
    user.refresh_from_db()
    assert (user.role, user.is_superuser) == (Role.REGISTERED, False)
    assert not User.objects.filter(role=Role.ADMIN).exclude(pk=users["admin"].pk).exists()


def test_set_role_refuses_an_unknown_role(users):
    user = UserFactory(role=Role.REGISTERED)

    with pytest.raises(ValidationError):
        user_set_role(user=user, role="chef", is_active=True, by=users["admin"])

    user.refresh_from_db()
    assert user.role == Role.REGISTERED


def test_holder_updates_their_profile():
    # given an account
    user = UserFactory(name="Alter Name")

    # when the holder changes name and language
    user_update_profile(user=user, name="  Neuer Name ", language="en")

    # then both are saved, the name trimmed
    user.refresh_from_db()
    assert (user.name, user.language) == ("Neuer Name", "en")


@pytest.mark.parametrize(("name", "language"), [("", "de"), ("Name", "fr")])
def test_profile_update_refuses_invalid_input(name, language):
    user = UserFactory(name="Alter Name")

    with pytest.raises(ValidationError):
        user_update_profile(user=user, name=name, language=language)

    user.refresh_from_db()
    assert (user.name, user.language) == ("Alter Name", "de")


def test_the_last_active_administrator_cannot_be_demoted_or_deactivated(make_user):
    admin = make_user(role=Role.ADMIN)
    with pytest.raises(ValidationError) as error:
        user_set_role(user=admin, role=Role.TEAM_INTERNAL, is_active=True, by=admin)
    assert "letzte aktive Administrationskonto" in str(error.value)
    with pytest.raises(ValidationError):
        user_set_role(user=admin, role=Role.ADMIN, is_active=False, by=admin)
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN and admin.is_active

    second = make_user(role=Role.ADMIN)
    user_set_role(user=admin, role=Role.TEAM_INTERNAL, is_active=True, by=second)
    admin.refresh_from_db()
    assert admin.role == Role.TEAM_INTERNAL


# --- second factor -------------------------------------------------------------------------


def test_set_up_needs_the_apps_code_and_brings_ten_recovery_codes(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = UserFactory(role=Role.TEAM_INTERNAL)
    pending = second_factor_start(user=user)
    assert second_factor_start(user=user) == pending and not pending.confirmed

    assert second_factor_confirm(user=user, code="000000") is None
    device, codes = second_factor_confirm(user=user, code=totp_code(pending))

    assert device.pk == pending.pk and device.confirmed
    assert len(codes) == RECOVERY_CODE_COUNT == 10
    with pytest.raises(ValidationError):
        second_factor_start(user=user)


def test_a_wrong_code_is_counted_even_though_nothing_else_changes():
    user = UserFactory(role=Role.TEAM_INTERNAL)
    device = second_factor_enrol(user=user)

    assert second_factor_verify(user=user, code="000000") is None

    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    with pytest.raises(SecondFactorLocked):
        second_factor_verify(user=user, code=totp_code(device))


def test_the_enrolled_secret_is_the_given_base32_one():
    user = UserFactory(role=Role.BEZIRKSAMT)

    device = second_factor_enrol(user=user, secret="GEMEINWOHLDEMO2FAKREUZBERG234567")

    assert device.confirmed
    assert "secret=GEMEINWOHLDEMO2FAKREUZBERG234567" in device.config_url


@pytest.mark.parametrize("role", [Role.ADMIN, Role.TEAM_INTERNAL, Role.TEAM_EXTERNAL, Role.BEZIRKSAMT])
def test_roles_that_require_a_second_factor_cannot_switch_it_off(role):
    user = UserFactory(role=role)
    device = second_factor_enrol(user=user)

    with pytest.raises(ValidationError):
        second_factor_switch_off(user=user, code=totp_code(device))

    assert TOTPDevice.objects.filter(pk=device.pk).exists()
