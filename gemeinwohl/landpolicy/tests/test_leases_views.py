import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.landpolicy.models import GroundLease
from gemeinwohl.landpolicy.tests.factories import LeaseFactory, PropertyFactory

pytestmark = pytest.mark.django_db

REGISTER = "/boden/erbbaurecht/"


def test_the_register_shows_the_yearly_rent_and_what_needs_attention(client_as, users):
    today = timezone.localdate()
    LeaseFactory(
        by=users["team_internal"],
        land_value=Decimal("833333.33"),
        rate_percent=Decimal("1.5"),
        next_adjustment_on=today + datetime.timedelta(days=60),
    )
    response = client_as("team_external").get(REGISTER)
    assert response.status_code == 200
    text = response.content.decode()
    assert "12.500,00 €" in text
    assert "833.333,33 €" in text
    assert "1,5 %" in text
    assert 'data-lease-table="due"' in text
    assert 'data-lease-table="ending"' not in text
    assert "<caption>" in text and 'scope="col"' in text


def test_the_horizon_is_chosen_in_the_address(client_as, users):
    today = timezone.localdate()
    LeaseFactory(by=users["team_internal"], next_adjustment_on=today + datetime.timedelta(days=400))
    assert 'data-lease-table="due"' not in client_as("admin").get(REGISTER).content.decode()
    assert 'data-lease-table="due"' in client_as("admin").get(REGISTER + "?monate=24").content.decode()
    # A horizon that is not on offer counts as the default.
    assert client_as("admin").get(REGISTER + "?monate=abc").status_code == 200


def test_the_register_as_csv_and_xlsx(client_as, users):
    LeaseFactory(by=users["team_internal"], file_number="=HYPERLINK(1)")
    response = client_as("bezirksamt").get(REGISTER + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Erbbauzins im Jahr (EUR)" in text
    assert "15000,00" in text
    assert "'=HYPERLINK(1)" in text
    response = client_as("bezirksamt").get(REGISTER + "?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=10).value == 15000
    assert client_as("bezirksamt").get(REGISTER + "?format=pdf").status_code == 404


def test_the_register_costs_the_same_queries_for_3_and_30_contracts(client_as, users):
    client = client_as("team_internal")
    for _ in range(3):
        LeaseFactory(by=users["team_internal"])
    client.get(REGISTER)
    with CaptureQueriesContext(connection) as few:
        client.get(REGISTER)
    for _ in range(27):
        LeaseFactory(by=users["team_internal"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(REGISTER)
    assert len(response.context["register"].leases) == 30
    assert len(many) == len(few)


def test_the_detail_page_shows_the_formula(client_as, users):
    lease = LeaseFactory(by=users["team_internal"], starts_on=datetime.date(2025, 1, 1), term_years=10)
    response = client_as("team_external").get(f"/boden/erbbaurecht/{lease.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Bodenwert 1.000.000,00 € × 1,5 % = 15.000,00 € im Jahr" in text
    assert "31. Dezember 2034" in text


def test_a_team_member_records_a_contract_in_german_notation(client_as, users):
    plot = PropertyFactory(by=users["team_internal"])
    cooperative = OrganisationFactory(name="Bauverein Testkiez eG", by=users["team_internal"])
    client = client_as("team_external")
    assert client.get(f"/boden/erbbaurecht/neu/?grundstueck={plot.pk}").status_code == 200
    response = client.post(
        "/boden/erbbaurecht/neu/",
        {
            "plot": plot.pk,
            "holder": f"o{cooperative.pk}",
            "starts_on": "2025-01-01",
            "term_years": "99",
            "rate_percent": "1,5",
            "land_value": "1.250.000,00",
            "next_adjustment_on": "2030-01-01",
            "adjustment_interval_years": "5",
            "visibility": "20",
        },
    )
    lease = GroundLease.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/boden/erbbaurecht/{lease.pk}/"
    assert lease.land_value == Decimal("1250000.00")
    assert lease.rate_percent == Decimal("1.5")
    assert lease.yearly_rent == Decimal("18750.00")
    assert lease.ends_on == datetime.date(2123, 12, 31)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("term_years", "-3", "Die Laufzeit muss mindestens ein Jahr betragen."),
        ("rate_percent", "-1,5", "Der Erbbauzins kann nicht negativ sein."),
        ("land_value", "viel", "Bitte geben Sie den Bodenwert als Betrag an, etwa 1.250.000,00."),
    ],
)
def test_bad_input_answers_422_with_a_german_message_and_saves_nothing(client_as, users, field, value, message):
    plot = PropertyFactory(by=users["team_internal"])
    cooperative = OrganisationFactory(by=users["team_internal"])
    data = {
        "plot": plot.pk,
        "holder": f"o{cooperative.pk}",
        "starts_on": "2025-01-01",
        "term_years": "99",
        "rate_percent": "1,5",
        "land_value": "1000000",
        "visibility": "20",
    }
    response = client_as("admin").post("/boden/erbbaurecht/neu/", {**data, field: value})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not GroundLease.objects.exists()


def test_a_contract_is_changed_and_its_end_recomputed(client_as, users):
    lease = LeaseFactory(by=users["team_internal"])
    client = client_as("bezirksamt")
    page = client.get(f"/boden/erbbaurecht/{lease.pk}/bearbeiten/")
    assert page.status_code == 200
    assert 'value="1.000.000,00"' in page.content.decode()
    assert 'value="1,5"' in page.content.decode()
    response = client.post(
        f"/boden/erbbaurecht/{lease.pk}/bearbeiten/",
        {
            "plot": lease.plot.pk,
            "holder": f"o{lease.holder_organisation.pk}",
            "starts_on": "2020-01-01",
            "term_years": "50",
            "rate_percent": "2",
            "land_value": "1000000",
            "visibility": "20",
        },
    )
    assert response.status_code == 302
    lease.refresh_from_db()
    assert lease.ends_on == datetime.date(2069, 12, 31)
