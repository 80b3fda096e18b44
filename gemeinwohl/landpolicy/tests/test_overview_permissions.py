"""The permission grid of the land-policy home, the properties and the heritable building rights.

Roles down, pages across: the expected answer in each cell. A hidden object
answers 404 on every address, and what it holds never shows on any page a
reader without clearance can open.
"""

import pytest

from conftest import ROLES
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.landpolicy.tests.factories import LeaseFactory, PropertyFactory

pytestmark = pytest.mark.django_db

STAFF = {"bezirksamt", "team_external", "team_internal", "admin"}
INTERNAL = {"team_internal", "admin"}
HIDDEN_ADDRESS = "Geheimweg 7 (verwaltungsintern)"
HIDDEN_HOLDER = "Verdeckte Bodenholding Intern GmbH"


@pytest.fixture
def objects(users):
    by = users["team_internal"]
    public_plot = PropertyFactory(by=by, address="Offene Straße 1", visibility=Visibility.PUBLIC)
    team_plot = PropertyFactory(by=by, address="Teamstraße 2")
    internal_plot = PropertyFactory(by=by, address=HIDDEN_ADDRESS, visibility=Visibility.INTERNAL)
    holder = OrganisationFactory(name=HIDDEN_HOLDER, visibility=Visibility.INTERNAL, by=by)
    team_lease = LeaseFactory(by=by, plot=team_plot)
    internal_lease = LeaseFactory(by=by, plot=internal_plot, holder_organisation=holder, visibility=Visibility.INTERNAL)
    return {
        "public_plot": public_plot.pk,
        "team_plot": team_plot.pk,
        "internal_plot": internal_plot.pk,
        "team_lease": team_lease.pk,
        "internal_lease": internal_lease.pk,
    }


def expected(role: str, *, readers=STAFF, hidden_from_others=False) -> int:
    """200 for the readers; else the login page for the public, 404 for a hidden object, 403 otherwise."""
    if role == "anonymous":
        return 302
    if role in readers:
        return 200
    return 404 if hidden_from_others else 403


# (path, who reads it, whether it is an object the others may not see at all)
PAGES = [
    ("/boden/", STAFF, False),
    ("/boden/grundstuecke/", STAFF, False),
    ("/boden/grundstuecke/neu/", STAFF, False),
    ("/boden/grundstuecke/{public_plot}/", STAFF, False),
    ("/boden/grundstuecke/{public_plot}/bearbeiten/", STAFF, False),
    ("/boden/grundstuecke/{team_plot}/", STAFF, True),
    ("/boden/grundstuecke/{team_plot}/bearbeiten/", STAFF, True),
    ("/boden/grundstuecke/{internal_plot}/", INTERNAL, True),
    ("/boden/grundstuecke/{internal_plot}/bearbeiten/", INTERNAL, True),
    ("/boden/grundstuecke/999999/", set(), True),
    ("/boden/erbbaurecht/", STAFF, False),
    ("/boden/erbbaurecht/?format=csv", STAFF, False),
    ("/boden/erbbaurecht/?format=xlsx", STAFF, False),
    ("/boden/erbbaurecht/neu/", STAFF, False),
    ("/boden/erbbaurecht/{team_lease}/", STAFF, True),
    ("/boden/erbbaurecht/{team_lease}/bearbeiten/", STAFF, True),
    ("/boden/erbbaurecht/{internal_lease}/", INTERNAL, True),
    ("/boden/erbbaurecht/{internal_lease}/bearbeiten/", INTERNAL, True),
    ("/boden/erbbaurecht/999999/", set(), True),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("path", "readers", "hidden"), PAGES, ids=[page[0] for page in PAGES])
def test_pages_by_role(client_as, objects, role, path, readers, hidden):
    response = client_as(role).get(path.format(**objects))
    assert response.status_code == expected(role, readers=readers, hidden_from_others=hidden)
    if response.status_code == 302:
        assert response["Location"].startswith("/konto/anmelden/")
    text = response.content.decode("utf-8", errors="replace")
    if role not in INTERNAL:
        assert HIDDEN_ADDRESS not in text
        assert HIDDEN_HOLDER not in text
    if response.status_code == 200 and path.endswith("xlsx"):
        assert response.content.startswith(b"PK")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "path",
    [
        "/boden/grundstuecke/neu/",
        "/boden/grundstuecke/{team_plot}/bearbeiten/",
        "/boden/grundstuecke/{internal_plot}/bearbeiten/",
        "/boden/erbbaurecht/neu/",
        "/boden/erbbaurecht/{team_lease}/bearbeiten/",
        "/boden/erbbaurecht/{internal_lease}/bearbeiten/",
    ],
)
def test_forms_refuse_those_who_may_not_send_them(client_as, objects, role, path):
    response = client_as(role).post(path.format(**objects), {})
    if role == "anonymous":
        assert response.status_code == 302
    elif role == "registered":
        assert response.status_code in (403, 404)
    elif "internal" in path and role not in INTERNAL:
        assert response.status_code == 404
    else:
        assert response.status_code == 422  # the form was read, and an empty one is refused


def test_the_lists_leave_out_what_the_reader_may_not_see(client_as, objects):
    for role in ("bezirksamt", "team_external"):
        client = client_as(role)
        for path in (
            "/boden/grundstuecke/",
            "/boden/erbbaurecht/",
            "/boden/erbbaurecht/neu/",
            "/boden/grundstuecke/neu/",
        ):
            text = client.get(path).content.decode()
            assert HIDDEN_ADDRESS not in text
            assert HIDDEN_HOLDER not in text
    text = client_as("team_internal").get("/boden/erbbaurecht/").content.decode()
    assert HIDDEN_ADDRESS in text and HIDDEN_HOLDER in text
