"""Land policy in Django's admin site: the obligations catalogue and the reminder lead times."""

import pytest

from gemeinwohl.landpolicy.models import Obligation, ReminderPolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy():
    return ReminderPolicy.current()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/landpolicy/",
        "/admin/landpolicy/obligation/",
        "/admin/landpolicy/obligation/add/",
        "/admin/landpolicy/reminderpolicy/",
        "/admin/landpolicy/reminderpolicy/1/change/",
    ],
)
def test_the_admin_pages_render_for_an_administrator_only(client_as, policy, path):
    assert client_as("admin").get(path).status_code == 200
    assert client_as("team_internal").get(path).status_code == 302  # to the admin login


def test_the_seeded_obligations_are_there():
    names = list(Obligation.objects.values_list("name", flat=True))
    assert "Keine Umwandlung in Eigentumswohnungen" in names
    assert "Keine Modernisierung über den gesetzlichen Mindeststandard hinaus" in names


def test_an_administrator_sets_the_lead_times_and_nonsense_is_refused(client_as, policy):
    client = client_as("admin")
    url = "/admin/landpolicy/reminderpolicy/1/change/"

    response = client.post(url, {"lead_days": "vierzehn"})
    assert response.status_code == 200
    assert "Bitte geben Sie Tage zwischen 0 und 365 an" in response.content.decode()
    policy.refresh_from_db()
    assert policy.leads() == [30, 14, 7, 2]

    client.post(url, {"lead_days": "21, 10; 3"})
    policy.refresh_from_db()
    assert policy.leads() == [21, 10, 3]
