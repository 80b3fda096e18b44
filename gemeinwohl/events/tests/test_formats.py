"""The team's formats: listed with their events, added, renamed, retired."""

import pytest
from django.urls import reverse

from gemeinwohl.events.models import EventFormat
from gemeinwohl.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_the_formats_are_listed_with_the_number_of_their_events(client_as):
    # Given two workshops
    EventFactory.create_batch(2)
    # When the team opens the formats
    page = client_as("team_external").get(reverse("events:formats")).content.decode()
    # Then the seeded formats are there, the workshop with its two events
    for name in ("Werkstattgespräch", "Workshop", "Kiezspaziergang", "Fachveranstaltung", "Netzwerktreffen"):
        assert name in page
    row = page.split('data-format="workshop"')[1].split("</tr>")[0]
    assert "<td data-count>2</td>" in row


def test_the_team_adds_a_format(client_as):
    response = client_as("team_external").post(
        reverse("events:formats"), {"name": "Kiezfrühstück", "name_en": "Neighbourhood breakfast"}
    )
    assert response.status_code == 302
    created = EventFormat.objects.get(name="Kiezfrühstück")
    assert created.name_en == "Neighbourhood breakfast" and created.is_active


def test_a_format_name_that_exists_is_refused(client_as):
    response = client_as("team_external").post(reverse("events:formats"), {"name": "Workshop"})
    assert response.status_code == 422
    assert response.context["form"].errors["name"]
    assert EventFormat.objects.filter(name="Workshop").count() == 1


def test_the_team_renames_and_retires_a_format(client_as):
    walk = EventFormat.objects.get(slug="kiezspaziergang")
    client = client_as("team_internal")
    url = reverse("events:format_update", args=[walk.pk])
    assert 'value="Kiezspaziergang"' in client.get(url).content.decode()
    response = client.post(url, {"name": "Kiezrundgang", "name_en": "Neighbourhood walk", "description": "Zu Fuß."})
    assert response.status_code == 302
    walk.refresh_from_db()
    assert (walk.name, walk.name_en, walk.description, walk.is_active) == (
        "Kiezrundgang",
        "Neighbourhood walk",
        "Zu Fuß.",
        False,
    )
    assert walk.slug == "kiezspaziergang"


def test_a_refused_rename_leaves_the_format_and_its_heading_as_they_were(client_as):
    walk = EventFormat.objects.get(slug="kiezspaziergang")
    response = client_as("team_internal").post(
        reverse("events:format_update", args=[walk.pk]), {"name": "Workshop", "is_active": "on"}
    )
    assert response.status_code == 422
    assert "Format bearbeiten: Kiezspaziergang" in response.content.decode()
    walk.refresh_from_db()
    assert walk.name == "Kiezspaziergang"


def test_an_unknown_format_is_not_found(client_as):
    assert client_as("team_internal").get(reverse("events:format_update", args=[99999])).status_code == 404


@pytest.mark.parametrize("role", ["registered", "bezirksamt"])
def test_only_the_team_changes_formats(client_as, role):
    walk = EventFormat.objects.get(slug="kiezspaziergang")
    client = client_as(role)
    assert client.post(reverse("events:formats"), {"name": "Heimlich"}).status_code == 403
    assert client.post(reverse("events:format_update", args=[walk.pk]), {"name": "Heimlich"}).status_code == 403
    assert not EventFormat.objects.filter(name="Heimlich").exists()
