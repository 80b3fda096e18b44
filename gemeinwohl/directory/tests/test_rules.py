"""The address book's permissions as a grid: roles down, permissions and objects across."""

import pytest

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

TEAM = {"team_external", "team_internal", "admin"}
INTERNAL = {"team_internal", "admin"}
NOBODY = set()

SECTION_PERMISSIONS = {
    "directory.view_directory": TEAM,
    "directory.add_person": TEAM,
    "directory.add_organisation": TEAM,
    "directory.import_entries": TEAM,
    "directory.export_entries": TEAM,
}


@pytest.mark.parametrize("permission", SECTION_PERMISSIONS)
def test_section_permissions(users, permission):
    granted = {role for role, user in users.items() if user.has_perm(permission)}
    assert granted == SECTION_PERMISSIONS[permission]


# (permission, visibility of the person, archived?) -> roles that hold it
OBJECT_GRID = [
    ("directory.view_person", Visibility.PUBLIC, False, TEAM),
    ("directory.view_person", Visibility.TEAM, False, TEAM),
    ("directory.view_person", Visibility.INTERNAL, False, INTERNAL),
    ("directory.change_person", Visibility.TEAM, False, TEAM),
    ("directory.change_person", Visibility.INTERNAL, False, INTERNAL),
    ("directory.change_person", Visibility.TEAM, True, NOBODY),
    ("directory.archive_person", Visibility.TEAM, False, TEAM),
    ("directory.archive_person", Visibility.INTERNAL, False, INTERNAL),
    ("directory.archive_person", Visibility.TEAM, True, NOBODY),
    ("directory.restore_person", Visibility.TEAM, False, NOBODY),
    ("directory.restore_person", Visibility.TEAM, True, TEAM),
    ("directory.restore_person", Visibility.INTERNAL, True, INTERNAL),
    ("directory.add_note", Visibility.TEAM, False, TEAM),
    ("directory.add_note", Visibility.INTERNAL, False, INTERNAL),
    ("directory.add_consentrecord", Visibility.TEAM, False, TEAM),
    ("directory.add_consentrecord", Visibility.INTERNAL, False, INTERNAL),
]


@pytest.mark.parametrize(("permission", "level", "archived", "expected"), OBJECT_GRID)
def test_person_permissions(users, permission, level, archived, expected):
    person = PersonFactory(visibility=level)
    if archived:
        person.archived_at = person.created_at
    granted = {role for role, user in users.items() if user.has_perm(permission, person)}
    assert granted == expected


@pytest.mark.parametrize(
    ("permission", "level", "expected"),
    [
        ("directory.view_organisation", Visibility.PUBLIC, TEAM),
        ("directory.view_organisation", Visibility.INTERNAL, INTERNAL),
        ("directory.change_organisation", Visibility.TEAM, TEAM),
        ("directory.change_organisation", Visibility.INTERNAL, INTERNAL),
        ("directory.archive_organisation", Visibility.INTERNAL, INTERNAL),
    ],
)
def test_organisation_permissions(users, permission, level, expected):
    organisation = OrganisationFactory(visibility=level)
    granted = {role for role, user in users.items() if user.has_perm(permission, organisation)}
    assert granted == expected
