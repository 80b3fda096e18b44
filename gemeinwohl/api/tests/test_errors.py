"""Every failure answers in one JSON shape with a German message and the field at fault; none is a 500."""

import pytest
from django.test import Client, override_settings

from gemeinwohl.committees.models import Committee, Meeting
from gemeinwohl.committees.tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(api_as):
    return api_as("team_internal")


@pytest.fixture
def committee(users):
    return CommitteeFactory(visibility=0, by=users["team_internal"])


def fields(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


@pytest.mark.parametrize("body", [b"{nicht json", b"[1, 2]", b'"Text"', b"\xff\xfe"])
def test_a_body_that_is_no_json_object_answers_400(team, body):
    response = team.post("/committees", body)

    assert response.status_code == 400
    assert response.json() == {"detail": "Der Inhalt der Anfrage ist kein gültiges JSON-Objekt.", "errors": []}


@override_settings(API_MAX_BODY_BYTES=1000)
def test_a_body_above_the_limit_answers_413_before_anything_is_read(team):
    response = team.post("/committees", {"name": "x" * 2000})

    assert response.status_code == 413
    assert response.json()["detail"] == "Die Anfrage ist zu groß; erlaubt sind höchstens 1000 Bytes."
    assert not Committee.objects.exists()


def test_unknown_fields_wrong_types_and_missing_fields_are_named(team):
    response = team.post(
        "/committees",
        {"name": 5, "short_name": "X", "slug": "x y", "kind": "verein", "visibility": "team", "farbe": "rot"},
    )

    assert response.status_code == 422
    assert response.json()["detail"] == "Eingabe ungültig."
    assert fields(response) == {
        "name": "Bitte einen Text angeben.",
        "slug": "Nur Kleinbuchstaben, Ziffern, Binde- und Unterstriche.",
        "kind": "Ungültiger Wert. Erlaubt: 'eigenes_gremium', 'externe_runde', 'netzwerk', 'vereinsgremium'",
        "farbe": "Dieses Feld gibt es nicht.",
    }


def test_a_missing_field_and_a_nul_character_are_named(team):
    response = team.post("/committees", {"short_name": "X\x00", "slug": "x", "kind": "netzwerk", "visibility": "team"})

    assert response.status_code == 422
    assert fields(response) == {"name": "Diese Angabe fehlt.", "short_name": "Der Text enthält ein Nullzeichen."}


def test_what_the_action_refuses_is_named_by_field_and_nothing_is_saved(team, committee):
    response = team.post(
        f"/committees/{committee.pk}/meetings",
        {"start": "2026-05-05T18:00:00+02:00", "end": "2026-05-05T17:00:00+02:00", "room": "Rathaus, Raum 1"},
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Eingabe ungültig.",
        "errors": [{"field": "end", "message": "Das Ende muss nach dem Beginn liegen."}],
    }
    assert not Meeting.objects.exists()


def test_dates_need_a_time_zone_and_a_sensible_year(team, committee):
    naive = team.post(
        f"/committees/{committee.pk}/meetings",
        {"start": "2026-05-05T17:00:00", "end": "2026-05-05T19:00:00", "room": "Rathaus"},
    )
    far = team.post(
        f"/committees/{committee.pk}/meetings",
        {"start": "9999-12-31T23:00:00-12:00", "end": "9999-12-31T23:30:00-12:00", "room": "Rathaus"},
    )

    assert naive.status_code == 422 and set(fields(naive)) == {"start", "end"}
    assert "Zeitzone" in fields(naive)["start"]
    assert far.status_code == 422 and fields(far)["start"] == "Das Datum liegt außerhalb von 1900 bis 2200."
    assert not Meeting.objects.exists()


def test_query_parameters_out_of_range_are_named(team):
    response = team.get("/committees", {"limit": 1000, "offset": -1})

    assert response.status_code == 422
    assert fields(response) == {
        "limit": "Der Wert darf höchstens 200 sein.",
        "offset": "Der Wert muss mindestens 0 sein.",
    }


@pytest.mark.parametrize("path", ["/gibt-es-nicht", "/committees/abc", "/committees/99999999999999999999999"])
def test_unknown_addresses_and_malformed_ids_answer_json(team, path):
    response = team.get(path)

    assert response.status_code in (404, 422)
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_the_description_documents_the_error_shape_for_every_failure():
    description = Client().get("/api/v1/openapi.json").json()

    assert set(description["components"]["schemas"]["ErrorOut"]["properties"]) == {"detail", "errors"}
    for path, operations in description["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, status)
            if method in ("post", "patch") and "requestBody" in operation:
                assert {"400", "413", "422"} <= set(operation["responses"]), (method, path)
            assert "401" in operation["responses"], (method, path)


def test_the_description_says_which_operations_the_public_may_use():
    paths = Client().get("/api/v1/openapi.json").json()["paths"]

    assert paths["/api/v1/committees"]["get"]["security"] == [{"TokenAuth": []}, {"SessionAuth": []}, {}]
    assert paths["/api/v1/committees"]["post"]["security"] == [{"TokenAuth": []}, {"SessionAuth": []}]
    assert paths["/api/v1/persons"]["get"]["security"] == [{"TokenAuth": []}, {"SessionAuth": []}]
