"""Role predicates and the accounts' permissions as a grid: roles down, predicates and permissions across."""

import pytest

from gemeinwohl.accounts import rules as account_rules
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ALL_ROLES = {"anonymous", "registered", "bezirksamt", "team_external", "team_internal", "admin"}

PREDICATES = {
    "is_admin": {"admin"},
    "is_team_internal": {"team_internal"},
    "is_team_external": {"team_external"},
    "is_bezirksamt": {"bezirksamt"},
    "is_team": {"team_internal", "team_external"},
    "is_team_or_admin": {"team_internal", "team_external", "admin"},
    "is_signed_in": ALL_ROLES - {"anonymous"},
}

PERMISSIONS = {
    "accounts.view_team": {"team_internal", "team_external", "bezirksamt", "admin"},
    "accounts.add_user": {"admin"},
    "accounts.change_user": {"admin"},
    "accounts.view_user": {"admin"},
    "accounts.unlock_user": {"admin"},
    "accounts": {"admin"},  # the app in Django's admin site
    # django-axes' failed-login records in the admin site
    "axes": {"admin"},
    "axes.view_accessattempt": {"admin"},
    "axes.delete_accessattempt": {"admin"},
    "axes.view_accesslog": {"admin"},
    "axes.view_accessfailurelog": {"admin"},
}


@pytest.mark.parametrize("predicate", PREDICATES)
def test_role_predicates(users, predicate):
    test = getattr(account_rules, predicate)

    holders = {role for role, user in users.items() if test(user)}

    assert holders == PREDICATES[predicate]


@pytest.mark.parametrize("permission", PERMISSIONS)
def test_account_permissions(users, permission):
    holders = {
        role
        for role, user in users.items()
        if (user.has_module_perms(permission) if "." not in permission else user.has_perm(permission))
    }

    assert holders == PERMISSIONS[permission]


@pytest.mark.parametrize("role", list(Role))
def test_deactivated_accounts_hold_no_role_and_no_permission(role):
    # given a deactivated account of any role
    user = UserFactory(role=role, is_active=False)

    # then no predicate and no permission holds for it
    assert not any(getattr(account_rules, predicate)(user) for predicate in PREDICATES)
    assert not any(user.has_perm(permission) for permission in PERMISSIONS)
