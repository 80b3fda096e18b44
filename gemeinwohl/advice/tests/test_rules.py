"""The permission grid of advice: roles down, surfaces across, the expected answer in each cell.

"shared" is a case shared with the Bezirksamt account of the ``users`` fixture,
"unshared" one that is not. The requester's link is a secret: it opens the
status page for anyone who holds it and nothing else.
"""

import pytest
from django.urls import reverse

from gemeinwohl.advice import actions
from gemeinwohl.advice.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

LOGIN = "login"

# role: (case list, unshared case page, shared case page, figures page)
GRID = {
    "anonymous": (LOGIN, LOGIN, LOGIN, LOGIN),
    "registered": (403, 404, 404, 403),
    "bezirksamt": (200, 404, 200, 200),
    "team_external": (200, 200, 200, 200),
    "team_internal": (200, 200, 200, 200),
    "admin": (200, 200, 200, 200),
}


@pytest.fixture
def cases(users):
    unshared = CaseFactory(group_name="Nicht freigegeben")
    shared = CaseFactory(group_name="Freigegeben")
    actions.case_share(case=shared, user=users["bezirksamt"], by=users["team_internal"])
    return {"unshared": unshared, "shared": shared}


def answer(response):
    if response.status_code == 302 and "/konto/anmelden/" in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("role", list(GRID))
def test_the_grid(client_as, cases, role):
    client = client_as(role)
    expected = GRID[role]
    got = (
        answer(client.get(reverse("advice:case_list"))),
        answer(client.get(reverse("advice:case_detail", args=[cases["unshared"].pk]))),
        answer(client.get(reverse("advice:case_detail", args=[cases["shared"].pk]))),
        answer(client.get(reverse("advice:figures"))),
    )
    assert got == expected


@pytest.mark.parametrize("role", list(GRID))
def test_the_request_form_and_a_status_link_are_open_to_everyone(client_as, cases, role):
    client = client_as(role)
    assert client.get(reverse("advice:request")).status_code == 200
    assert client.get(reverse("advice:status", args=[cases["unshared"].status_token])).status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "registered", "bezirksamt"])
def test_a_case_list_shows_nothing_of_cases_the_reader_may_not_open(client_as, cases, role):
    page = client_as(role).get(reverse("advice:case_list")).content.decode()
    assert "Nicht freigegeben" not in page
    assert cases["unshared"].reference not in page


@pytest.mark.parametrize(
    ("role", "expected"),
    [("registered", 404), ("bezirksamt", 403), ("team_external", 302), ("team_internal", 302), ("admin", 302)],
)
def test_changing_a_shared_case(client_as, cases, role, expected):
    """Bezirksamt staff read and comment on shared cases; only the team changes them."""
    response = client_as(role).post(
        reverse("advice:case_transition", args=[cases["shared"].pk]), {"state": "in_klaerung"}
    )
    assert response.status_code == expected


@pytest.mark.parametrize(("role", "expected"), [("registered", 404), ("bezirksamt", 302), ("team_external", 302)])
def test_commenting_on_a_shared_case(client_as, cases, role, expected):
    response = client_as(role).post(
        reverse("advice:note_add", args=[cases["shared"].pk]), {"text": "Das Amt prüft.", "audience": "team"}
    )
    assert response.status_code == expected


def test_the_bezirksamt_cannot_share_a_note_with_the_requester(client_as, cases):
    response = client_as("bezirksamt").post(
        reverse("advice:note_add", args=[cases["shared"].pk]), {"text": "x", "audience": "shared"}
    )
    assert response.status_code == 422
    assert not cases["shared"].notes.exists()


@pytest.mark.parametrize("role", ["anonymous", "registered", "bezirksamt"])
def test_every_change_url_is_closed_to_readers_without_the_case(client_as, cases, role):
    case = cases["unshared"]
    activity = case.activities.first()
    for name, args in [
        ("case_assign", [case.pk]),
        ("case_type", [case.pk]),
        ("case_transition", [case.pk]),
        ("note_add", [case.pk]),
        ("document_add", [case.pk]),
        ("activity_add", [case.pk]),
        ("activity_complete", [case.pk, activity.pk]),
        ("referral_add", [case.pk]),
        ("case_share", [case.pk]),
        ("case_links", [case.pk]),
        ("status_link_renew", [case.pk]),
    ]:
        response = client_as(role).post(reverse(f"advice:{name}", args=args), {})
        assert answer(response) in (LOGIN, 404), name


def test_the_status_page_never_shows_team_names_or_internal_records(client, users, cases):
    case = cases["unshared"]
    actions.case_assign(case=case, assignee=users["team_internal"], by=users["team_internal"])
    actions.note_add(case=case, by=users["team_internal"], text="Nur für das Team", visibility=20)
    page = client.get(reverse("advice:status", args=[case.status_token])).content.decode()
    assert "Nur für das Team" not in page
    assert users["team_internal"].name not in page
    assert "Erstgespräch" not in page
