"""Advice in Django's admin site: case types with timeline and transitions, consent texts, the retention period."""

import pytest

from gemeinwohl.advice.models import CaseType, ConsentText, RetentionPolicy, State
from gemeinwohl.advice.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def inline_management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize(
    "path",
    [
        "/admin/advice/",
        "/admin/advice/casetype/",
        "/admin/advice/casetype/add/",
        "/admin/advice/consenttext/",
        "/admin/advice/consenttext/add/",
        "/admin/advice/retentionpolicy/",
        "/admin/advice/retentionpolicy/1/change/",
    ],
)
def test_the_admin_pages_render_for_an_administrator(client_as, path):
    assert client_as("admin").get(path).status_code == 200


def test_a_case_type_page_shows_its_timeline_and_transitions(client_as):
    case_type = CaseType.objects.get(is_default=True)

    page = client_as("admin").get(f"/admin/advice/casetype/{case_type.pk}/change/").content.decode()

    assert "Erstgespräch mit der Initiative" in page
    assert 'name="steps-0-title"' in page
    assert 'name="transitions-0-source"' in page


def test_an_administrator_adds_a_case_type_with_a_step_and_a_transition(client_as):
    response = client_as("admin").post(
        "/admin/advice/casetype/add/",
        {
            "name": "Raumsuche",
            "description": "Eine Initiative sucht Räume.",
            "active": "on",
            **inline_management("steps", total=1),
            "steps-0-position": "1",
            "steps-0-title": "Besichtigung vereinbaren",
            "steps-0-kind": "ortstermin",
            "steps-0-anchor": "eingang",
            "steps-0-days": "5",
            "steps-0-working_days": "on",
            **inline_management("transitions", total=1),
            "transitions-0-source": State.NEW,
            "transitions-0-target": State.ADVISING,
        },
    )

    assert response.status_code == 302
    case_type = CaseType.objects.get(name="Raumsuche")
    assert list(case_type.steps.values_list("title", "days")) == [("Besichtigung vereinbaren", 5)]
    assert list(case_type.transitions.values_list("source", "target")) == [(State.NEW, State.ADVISING)]


def test_a_case_type_in_use_is_not_deleted(client_as):
    CaseFactory()
    case_type = CaseType.objects.get(is_default=True)

    response = client_as("admin").post(f"/admin/advice/casetype/{case_type.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert CaseType.objects.filter(pk=case_type.pk).exists()


def test_consent_texts_are_added_but_never_changed_or_deleted(client_as):
    client = client_as("admin")
    current = ConsentText.objects.current()
    original = current.text

    # an existing version shows read-only, and a changed text is refused
    page = client.get(f"/admin/advice/consenttext/{current.pk}/change/")
    assert page.status_code == 200
    assert 'name="text"' not in page.content.decode()
    assert client.post(f"/admin/advice/consenttext/{current.pk}/change/", {"text": "Anders"}).status_code == 403
    assert client.post(f"/admin/advice/consenttext/{current.pk}/delete/", {"post": "yes"}).status_code == 403
    current.refresh_from_db()
    assert current.text == original

    # a new version is added and becomes the current one
    response = client.post(
        "/admin/advice/consenttext/add/", {"version": "2027-01", "text": "Neuer Text", "text_en": "New text"}
    )
    assert response.status_code == 302
    assert ConsentText.objects.current().version == "2027-01"


def test_the_retention_period_is_one_row_changed_never_added_or_deleted(client_as):
    client = client_as("admin")

    assert client.get("/admin/advice/retentionpolicy/add/").status_code == 403
    assert client.post("/admin/advice/retentionpolicy/1/delete/", {"post": "yes"}).status_code == 403
    response = client.post("/admin/advice/retentionpolicy/1/change/", {"anonymise_after_days": "730"})
    assert response.status_code == 302
    assert RetentionPolicy.current().anonymise_after_days == 730
    assert RetentionPolicy.objects.count() == 1


def test_the_retention_period_cannot_be_shorter_than_30_days(client_as):
    response = client_as("admin").post("/admin/advice/retentionpolicy/1/change/", {"anonymise_after_days": "7"})

    assert response.status_code == 200  # the form again, with the error
    assert RetentionPolicy.current().anonymise_after_days == 1095


@pytest.mark.parametrize("role", ["registered", "bezirksamt", "team_external", "team_internal"])
@pytest.mark.parametrize("path", ["/admin/advice/casetype/", "/admin/advice/consenttext/add/", "/admin/advice/"])
def test_nobody_but_administrators_gets_in(client_as, role, path):
    response = client_as(role).get(path)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
