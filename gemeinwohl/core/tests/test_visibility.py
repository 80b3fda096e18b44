import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.core.visibility import Visibility, check_not_looser, clearance_for, selectable_levels
from gemeinwohl.directory.models import Organisation
from gemeinwohl.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

EXPECTED_CLEARANCE = {
    "anonymous": Visibility.PUBLIC,
    "registered": Visibility.PUBLIC,
    "bezirksamt": Visibility.TEAM,
    "team_external": Visibility.TEAM,
    "team_internal": Visibility.INTERNAL,
    "admin": Visibility.INTERNAL,
}


@pytest.mark.parametrize(("role", "expected"), EXPECTED_CLEARANCE.items())
def test_each_role_reads_up_to_its_clearance(users, role, expected):
    assert clearance_for(users[role]) == expected


def test_a_deactivated_account_reads_only_public_content(make_user):
    from gemeinwohl.accounts.models import Role

    user = make_user(role=Role.TEAM_INTERNAL, is_active=False)
    assert clearance_for(user) == Visibility.PUBLIC


class _Scope:
    """A container that lets its members read up to MEMBERS, as committees will."""

    def __init__(self, members):
        self.members = members

    def clearance_for(self, user):
        return Visibility.MEMBERS if user in self.members else Visibility.PUBLIC


def test_a_scope_decides_for_its_own_content(users):
    scope = _Scope(members=[users["registered"]])
    assert clearance_for(users["registered"], scope) == Visibility.MEMBERS
    assert clearance_for(users["bezirksamt"], scope) == Visibility.PUBLIC
    assert clearance_for(users["anonymous"], scope) == Visibility.PUBLIC
    assert clearance_for(users["bezirksamt"]) == Visibility.TEAM


def test_nobody_may_offer_a_level_above_their_own_clearance(users):
    levels = [value for value, _label in selectable_levels(users["team_external"])]
    assert levels == [Visibility.PUBLIC, Visibility.MEMBERS, Visibility.TEAM]
    assert [v for v, _l in selectable_levels(users["team_internal"], floor=Visibility.TEAM)] == [
        Visibility.TEAM,
        Visibility.INTERNAL,
    ]


def test_an_item_may_not_be_looser_than_its_container():
    check_not_looser(level=Visibility.INTERNAL, floor=Visibility.TEAM)
    with pytest.raises(ValidationError) as error:
        check_not_looser(level=Visibility.PUBLIC, floor=Visibility.TEAM)
    assert "nicht offener" in str(error.value)


@pytest.mark.parametrize(
    ("level", "readers"),
    [
        (Visibility.PUBLIC, {"anonymous", "registered", "bezirksamt", "team_external", "team_internal", "admin"}),
        (Visibility.TEAM, {"bezirksamt", "team_external", "team_internal", "admin"}),
        (Visibility.INTERNAL, {"team_internal", "admin"}),
    ],
)
def test_visible_to_filters_by_level(users, level, readers):
    organisation = OrganisationFactory(visibility=level)
    for role, user in users.items():
        assert Organisation.objects.visible_to(user).filter(pk=organisation.pk).exists() == (role in readers), role


def test_hidden_and_missing_objects_answer_the_same_404(users):
    internal = OrganisationFactory(visibility=Visibility.INTERNAL)
    reader = users["team_external"]
    with pytest.raises(Http404) as hidden:
        get_visible_or_404(Organisation.objects, reader, pk=internal.pk)
    with pytest.raises(Http404) as missing:
        get_visible_or_404(Organisation.objects, reader, pk=internal.pk + 1000)
    with pytest.raises(Http404):
        get_visible_or_404(Organisation.objects, reader, pk="kein-schlüssel")
    assert str(hidden.value) == str(missing.value)
    assert get_visible_or_404(Organisation.objects, users["team_internal"], pk=internal.pk) == internal
