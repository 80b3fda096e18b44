"""The permission grid of the pre-emption pages: every page and download by every role, and what never leaks.

Roles across: the anonymous public, a registered initiative, Bezirksamt staff
not responsible for the case, the external and the administration-internal
team, administrators, and Bezirksamt staff responsible for the case. A hidden
case answers 404 (as a missing one would), a visible case the reader may not
change 403, a team page without login the login page.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import gemeinwohl.landpolicy.dashboard  # noqa: F401 - registers the deadlines panel
from conftest import logged_in_client
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.actions import preemption
from gemeinwohl.landpolicy.actions.preemption import AgreementInput
from gemeinwohl.landpolicy.models import Obligation, StepKind
from gemeinwohl.landpolicy.tests.factories import CaseFactory, PropertyFactory, bulk_open_cases

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GRID_ROLES = ["anonymous", "registered", "bezirksamt", "team_external", "team_internal", "admin", "bezirksamt_resp"]

# Texts of the administration-internal case that only its readers may ever get.
SECRET_ADDRESS = "Geheimgasse 17, 10245 Berlin"
SECRET_SELLER = "Verkäuferin Ottilie Schwarzkopf"
SECRET_BUYER = "Kaufinteressent Nebelheim Invest GmbH"
SECRET_FILE_NUMBER = "VK-GEHEIM-4711"
SECRET_STEP_NOTE = "Anhörungsvermerk Zitronenfalter"
SECRETS = [SECRET_ADDRESS, SECRET_SELLER, SECRET_BUYER, SECRET_FILE_NUMBER, SECRET_STEP_NOTE]
# Of the case open to the team: the external team reads the case, not its contract.
TEAM_SELLER = "Verkäufer Teamfall Quastenflosser"
TEAM_BUYER = "Käuferin Teamfall Wendehals AG"
TEAM_PRICE = "7.654.321"


@pytest.fixture
def world(users):
    lead = users["team_internal"]
    responsible_bezirksamt = UserFactory(role=Role.BEZIRKSAMT, name="Testkonto Bezirksamt zuständig")
    users["bezirksamt_resp"] = responsible_bezirksamt
    internal_plot = PropertyFactory(by=lead, address=SECRET_ADDRESS, visibility=Visibility.INTERNAL)
    internal = CaseFactory(
        by=lead,
        plot=internal_plot,
        seller=SECRET_SELLER,
        buyer=SECRET_BUYER,
        file_number=SECRET_FILE_NUMBER,
        responsible=[lead, responsible_bezirksamt],
        notified_on=timezone.localdate() - datetime.timedelta(days=20),
    )
    preemption.case_add_step(
        case=internal, kind=StepKind.HEARING, on_date=timezone.localdate(), note=SECRET_STEP_NOTE, by=lead
    )
    internal_document = preemption.document_add(
        case=internal, title="Kaufvertrag", upload=SimpleUploadedFile("vertrag.pdf", PDF), by=lead
    )
    team = CaseFactory(
        by=lead,
        seller=TEAM_SELLER,
        buyer=TEAM_BUYER,
        price=Decimal("7654321.00"),
        visibility=Visibility.TEAM,
        file_number="VK-TEAM-1",
    )
    team_document = preemption.document_add(
        case=team, title="Teamfall-Vertrag", upload=SimpleUploadedFile("team.pdf", PDF), by=lead
    )
    # An agreement on a third internal case, so the register has a row to hide.
    averted = CaseFactory(by=lead, plot=internal_plot, file_number=SECRET_FILE_NUMBER + "-A")
    preemption.agreement_record(
        case=averted,
        data=AgreementInput(
            signed_on=timezone.localdate(),
            starts_on=timezone.localdate(),
            term_years=1,
            obligations=list(Obligation.objects.filter(is_active=True)[:1]),
        ),
        by=lead,
    )
    preemption.figures_publish(year=timezone.localdate().year, by=lead)
    return {
        "internal": internal,
        "internal_document": internal_document,
        "team": team,
        "team_document": team_document,
    }


def client_for(users, role) -> Client:
    client = Client()
    if role != "anonymous":
        logged_in_client(users[role], client)
    return client


def url_of(name, world):
    """(method, url, data) for each page of the grid."""
    internal, team = world["internal"], world["team"]
    return {
        "list": ("get", reverse("landpolicy:case_list"), None),
        "board": ("get", reverse("landpolicy:deadline_board"), None),
        "create": ("get", reverse("landpolicy:case_create"), None),
        "detail_internal": ("get", reverse("landpolicy:case_detail", args=[internal.pk]), None),
        "detail_team": ("get", reverse("landpolicy:case_detail", args=[team.pk]), None),
        "detail_missing": ("get", reverse("landpolicy:case_detail", args=[999_999]), None),
        "update_internal": ("get", reverse("landpolicy:case_update", args=[internal.pk]), None),
        "update_team": ("get", reverse("landpolicy:case_update", args=[team.pk]), None),
        # empty posts: the permitted get the form's errors (422), so nothing changes between cells
        "step_internal": ("post", reverse("landpolicy:step_create", args=[internal.pk]), {}),
        "step_team": ("post", reverse("landpolicy:step_create", args=[team.pk]), {}),
        "upload_internal": ("post", reverse("landpolicy:document_upload", args=[internal.pk]), {}),
        "upload_team": ("post", reverse("landpolicy:document_upload", args=[team.pk]), {}),
        "download_internal": ("get", world["internal_document"].get_absolute_url(), None),
        "download_team": ("get", world["team_document"].get_absolute_url(), None),
        "download_wrong_case": (
            "get",
            reverse("landpolicy:case_document", args=[team.pk, world["internal_document"].pk]),
            None,
        ),
        "agreement_internal": ("get", reverse("landpolicy:agreement_create", args=[internal.pk]), None),
        "agreement_team": ("get", reverse("landpolicy:agreement_create", args=[team.pk]), None),
        "register": ("get", reverse("landpolicy:agreement_register"), None),
        "public_figures": ("get", reverse("landpolicy:public_figures"), None),
        "publish": ("get", reverse("landpolicy:figures_publish"), None),
        "publish_post": ("post", reverse("landpolicy:figures_publish"), {"year": "1900", "action": "veroeffentlichen"}),
    }[name]


L = 302  # to the login page
# page: anonymous, registered, bezirksamt, team_external, team_internal, admin, bezirksamt responsible
GRID = {
    "list": (L, 403, 200, 200, 200, 200, 200),
    "board": (L, 403, 200, 200, 200, 200, 200),
    "create": (L, 403, 200, 403, 200, 200, 200),
    "detail_internal": (L, 404, 404, 404, 200, 200, 200),
    "detail_team": (L, 404, 200, 200, 200, 200, 200),
    "detail_missing": (L, 404, 404, 404, 404, 404, 404),
    "update_internal": (L, 404, 404, 404, 200, 200, 200),
    "update_team": (L, 404, 403, 403, 200, 200, 403),
    "step_internal": (L, 404, 404, 404, 422, 422, 422),
    "step_team": (L, 404, 403, 403, 422, 422, 403),
    "upload_internal": (L, 404, 404, 404, 422, 422, 422),
    "upload_team": (L, 404, 403, 403, 422, 422, 403),
    "download_internal": (L, 404, 404, 404, 200, 200, 200),
    "download_team": (L, 404, 404, 404, 200, 200, 404),
    "download_wrong_case": (L, 404, 404, 404, 404, 404, 404),
    "agreement_internal": (L, 404, 404, 404, 200, 200, 200),
    "agreement_team": (L, 404, 403, 403, 200, 200, 403),
    "register": (L, 403, 200, 200, 200, 200, 200),
    "public_figures": (200, 200, 200, 200, 200, 200, 200),
    "publish": (L, 403, 403, 403, 200, 200, 403),
    "publish_post": (L, 403, 403, 403, 422, 422, 403),
}
CELLS = [(page, role, GRID[page][index]) for page in GRID for index, role in enumerate(GRID_ROLES)]


@pytest.mark.parametrize(("page", "role", "expected"), CELLS, ids=[f"{page}-{role}" for page, role, _ in CELLS])
def test_permission_grid(world, users, page, role, expected):
    method, url, data = url_of(page, world)
    client = client_for(users, role)
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == expected
    if expected == L:
        assert response["Location"].startswith(reverse("accounts:login"))


PAGES_TO_SCAN = [page for page in GRID if not page.startswith("download")] + ["dashboard"]


@pytest.mark.parametrize("role", ["anonymous", "registered", "bezirksamt", "team_external"])
def test_an_internal_case_never_shows_to_those_without_the_right(world, users, role):
    client = client_for(users, role)
    for page in PAGES_TO_SCAN:
        if page == "dashboard":
            response = client.get(reverse("core:dashboard"))
        else:
            method, url, data = url_of(page, world)
            response = client.post(url, data) if method == "post" else client.get(url)
        text = response.content.decode()
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} on {page} for {role}"


@pytest.mark.parametrize("role", ["team_internal", "admin", "bezirksamt_resp"])
def test_the_internal_case_shows_to_its_readers(world, users, role):
    text = client_for(users, role).get(world["internal"].get_absolute_url()).content.decode()
    for secret in SECRETS:
        assert secret in text


def test_a_team_case_shows_to_the_external_team_without_the_contract(world, users):
    client = client_for(users, "team_external")
    text = client.get(world["team"].get_absolute_url()).content.decode()
    assert world["team"].plot.address in text
    assert "VK-TEAM-1" in text
    for secret in (TEAM_SELLER, TEAM_BUYER, TEAM_PRICE, "Teamfall-Vertrag"):
        assert secret not in text
    for page in ("list", "board"):
        text = client.get(url_of(page, world)[1]).content.decode()
        assert world["team"].plot.address in text
        assert TEAM_SELLER not in text and TEAM_BUYER not in text


def test_a_bezirksamt_not_responsible_reads_the_team_case_without_the_contract(world, users):
    text = client_for(users, "bezirksamt").get(world["team"].get_absolute_url()).content.decode()
    assert "VK-TEAM-1" in text
    assert TEAM_SELLER not in text and TEAM_PRICE not in text


# --- query counts ---------------------------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["landpolicy:case_list", "landpolicy:deadline_board"])
def test_list_and_board_answer_in_a_fixed_number_of_queries(users, name):
    lead = users["team_internal"]
    other = UserFactory(role=Role.BEZIRKSAMT)
    plot = PropertyFactory(by=lead)
    client = client_for(users, "team_internal")
    bulk_open_cases(3, plot=plot, responsible=[lead])
    few = count_queries(client, reverse(name))
    bulk_open_cases(1000 if name == "landpolicy:deadline_board" else 60, plot=plot, responsible=[lead, other])
    many = count_queries(client, reverse(name))
    assert many == few


def test_the_register_answers_in_a_fixed_number_of_queries(users):
    lead = users["team_internal"]
    client = client_for(users, "team_internal")
    obligations = list(Obligation.objects.filter(is_active=True)[:3])

    def add_agreements(count):
        for _number in range(count):
            case = CaseFactory(by=lead)
            preemption.agreement_record(
                case=case,
                data=AgreementInput(
                    signed_on=timezone.localdate(),
                    starts_on=timezone.localdate(),
                    term_years=1 + _number,
                    obligations=obligations,
                ),
                by=lead,
            )

    add_agreements(3)
    url = reverse("landpolicy:agreement_register") + "?zeitraum=24"
    few = count_queries(client, url)
    add_agreements(12)
    assert count_queries(client, url) == few
