"""Django's admin site: for administrators only, and its account forms go through the actions."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import logged_in_client
from gemeinwohl.accounts.actions import second_factor_enrol, second_factor_reset
from gemeinwohl.accounts.models import Role, User
from gemeinwohl.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/admin/", "/admin/accounts/user/", "/admin/core/page/", "/admin/axes/accessattempt/"]


@pytest.mark.parametrize("url", ADMIN_PAGES)
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("anonymous", False),
        ("registered", False),
        ("bezirksamt", False),
        ("team_external", False),
        ("team_internal", False),
        ("admin", True),
    ],
)
def test_admin_site_only_for_admins(client_as, role, url, allowed):
    response = client_as(role).get(url)

    if allowed:
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_deactivated_admin_is_shut_out_of_the_admin_site(client):
    admin = UserFactory(role=Role.ADMIN, is_active=False)
    logged_in_client(admin, client)

    response = client.get("/admin/accounts/user/")

    assert response.status_code == 302


def test_team_member_cannot_log_in_to_the_admin_site(client):
    user = UserFactory(role=Role.TEAM_INTERNAL)

    response = client.post(
        "/admin/login/", {"username": user.email, "password": "ein-testpasswort-42", "next": "/admin/"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_admin_creates_an_account_in_the_admin_site(client_as):
    # given an administrator in the admin site
    client = client_as("admin")

    # when they add an account
    response = client.post(
        "/admin/accounts/user/add/", {"email": "Neu@Test.example", "name": "Nora Neu", "role": Role.TEAM_EXTERNAL}
    )

    # then it exists, without a password until its holder sets one
    assert response.status_code == 302
    user = User.objects.get(email="neu@test.example")
    assert (user.name, user.role, user.is_superuser) == ("Nora Neu", Role.TEAM_EXTERNAL, False)
    assert not user.has_usable_password()


def _change(client, user, **changes):
    data = {"name": user.name, "role": user.role, "language": user.language, "is_active": "on", **changes}
    if data["is_active"] is False:
        del data["is_active"]
    return client.post(f"/admin/accounts/user/{user.pk}/change/", data)


def test_admin_demotes_another_admin_in_the_admin_site(client_as):
    # given a second administrator
    other = UserFactory(role=Role.ADMIN)

    # when an administrator makes them a team member
    response = _change(client_as("admin"), other, role=Role.TEAM_INTERNAL)

    # then the role changed and superuser status went with it
    assert response.status_code == 302
    other.refresh_from_db()
    assert (other.role, other.is_superuser) == (Role.TEAM_INTERNAL, False)


def test_admin_promotes_a_team_member_in_the_admin_site(client_as):
    member = UserFactory(role=Role.TEAM_EXTERNAL)

    response = _change(client_as("admin"), member, role=Role.ADMIN)

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.role, member.is_superuser) == (Role.ADMIN, True)


def test_admin_deactivates_an_account_in_the_admin_site(client_as):
    member = UserFactory(role=Role.TEAM_EXTERNAL)

    response = _change(client_as("admin"), member, is_active=False)

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_active is False


def test_admin_site_cannot_set_superuser_or_address(client_as):
    # given a registered account
    user = UserFactory(email="kim@test.example", role=Role.REGISTERED)

    # when the change form is sent with fields it does not offer
    _change(client_as("admin"), user, is_superuser="on", email="anders@test.example")

    # then they are ignored
    user.refresh_from_db()
    assert (user.email, user.is_superuser) == ("kim@test.example", False)


def test_accounts_are_deactivated_not_deleted(client_as):
    member = UserFactory(role=Role.TEAM_EXTERNAL)

    response = client_as("admin").post(f"/admin/accounts/user/{member.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert User.objects.filter(pk=member.pk).exists()


def test_the_admin_site_refuses_to_demote_the_last_administrator(client):
    admin = UserFactory(role=Role.ADMIN)
    logged_in_client(admin, client)
    response = client.post(
        f"/admin/accounts/user/{admin.pk}/change/",
        {"name": admin.name, "role": Role.TEAM_INTERNAL, "language": "de", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "letzte aktive Administrationskonto" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_an_administrator_resets_a_second_factor_and_it_is_recorded(client_as, users):
    # given a team member with an authenticator and recovery codes
    member = users["team_external"]
    device = second_factor_enrol(user=member)
    StaticDevice.objects.create(user=member, name="Wiederherstellungscodes").token_set.create(token="abcdefgh")
    listing = client_as("admin")
    assert "Zweiter Faktor" in listing.get("/admin/accounts/user/").content.decode()

    # when an administrator resets it with the admin action
    response = listing.post(
        "/admin/accounts/user/", {"action": "reset_second_factor", "_selected_action": [member.pk]}, follow=True
    )

    # then app and codes are gone, the page says so and the account's history records who did it
    assert response.status_code == 200
    assert "wurde zurückgesetzt" in response.content.decode()
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not StaticDevice.objects.filter(user=member).exists()
    entry = LogEntry.objects.get(object_id=str(member.pk))
    assert entry.user == users["admin"] and "Zweiten Faktor zurückgesetzt" in entry.get_change_message()


@pytest.mark.parametrize("role", ["bezirksamt", "team_external", "team_internal"])
def test_only_administrators_reset_a_second_factor(users, role):
    target = users["registered"]
    second_factor_enrol(user=target)

    with pytest.raises(PermissionDenied):
        second_factor_reset(user=target, by=users[role])

    assert TOTPDevice.objects.filter(user=target).exists()
