"""The core permissions as a grid: roles down, permissions across."""

import pytest

from gemeinwohl.core.models import Page

pytestmark = pytest.mark.django_db

GRID = {
    "core.change_page": {"admin"},
    "core.view_page": {"admin"},  # in Django's admin site; the pages themselves are public
}


@pytest.mark.parametrize("permission", GRID)
def test_page_permissions(users, permission):
    page = Page.objects.get(slug="impressum")

    holders = {role for role, user in users.items() if user.has_perm(permission, page)}

    assert holders == GRID[permission]


def test_only_admins_see_core_in_the_admin_site(users):
    holders = {role for role, user in users.items() if role != "anonymous" and user.has_module_perms("core")}

    assert holders == {"admin"}
