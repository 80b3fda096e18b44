"""The documentation page: the report, photos with their alternative text, files, and who sees what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.events import actions
from gemeinwohl.events.models import EventFile, EventPhoto
from gemeinwohl.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def documentation(event):
    return reverse("events:documentation", args=[event.pk])


def photo_upload(name="kiezspaziergang.png", content=PNG):
    return SimpleUploadedFile(name, content, content_type="image/png")


def test_the_team_writes_the_report(client_as):
    event = EventFactory()
    client = client_as("team_external")
    response = client.post(
        documentation(event), {"report": "  Dreißig Leute kamen, zwei Projekte stellten sich vor.  "}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.report == "Dreißig Leute kamen, zwei Projekte stellten sich vor."
    assert "Dreißig Leute kamen" in client.get(documentation(event)).content.decode()


def test_a_photo_with_its_alternative_text_is_added_and_listed(client_as):
    event = EventFactory()
    client = client_as("team_external")
    # When the team uploads a photo with a description
    response = client.post(
        reverse("events:photo_add", args=[event.pk]),
        {
            "file": photo_upload(),
            "alt_text": "Gruppe vor dem Gemeinschaftsgarten in der Wrangelstraße",
            "caption": "Start am Garten",
            "credit": "AKS Gemeinwohl",
            "visibility": str(Visibility.PUBLIC),
        },
    )
    # Then it is stored and shown with its text as the image's alternative
    assert response.status_code == 302
    photo = EventPhoto.objects.get(event=event)
    assert photo.content_type == "image/png"
    page = client.get(documentation(event)).content.decode()
    assert 'alt="Gruppe vor dem Gemeinschaftsgarten in der Wrangelstraße"' in page
    assert reverse("events:photo", args=[event.pk, photo.pk]) in page


def test_a_photo_without_alternative_text_is_refused_with_a_clear_message(client_as):
    event = EventFactory()
    response = client_as("team_external").post(
        reverse("events:photo_add", args=[event.pk]),
        {"file": photo_upload(), "alt_text": "   ", "visibility": str(Visibility.PUBLIC)},
    )
    assert response.status_code == 422
    assert "Bitte beschreiben Sie, was auf dem Foto zu sehen ist" in response.content.decode()
    assert not EventPhoto.objects.exists()


def test_a_file_that_is_no_photo_is_refused_as_a_photo(client_as):
    event = EventFactory()
    response = client_as("team_external").post(
        reverse("events:photo_add", args=[event.pk]),
        {
            "file": SimpleUploadedFile("foto.png", b"<html><script>alert(1)</script></html>"),
            "alt_text": "Ein Foto",
            "visibility": str(Visibility.PUBLIC),
        },
    )
    assert response.status_code == 422
    assert "Dieser Dateityp ist nicht erlaubt" in response.content.decode()
    assert not EventPhoto.objects.exists()


def test_documentation_is_never_looser_than_the_event(client_as):
    # Given a team-only event
    event = EventFactory(visibility=Visibility.TEAM)
    client = client_as("team_internal")
    # The form offers no public level
    page = client.get(documentation(event)).content.decode()
    assert "öffentlich" not in page.split('id="photo_visibility"')[1].split("</select>")[0]
    # And a hand-made public file is refused
    response = client.post(
        reverse("events:file_add", args=[event.pk]),
        {"file": SimpleUploadedFile("folien.pdf", PDF), "title": "Folien", "visibility": str(Visibility.PUBLIC)},
    )
    assert response.status_code == 422
    assert not EventFile.objects.exists()


def test_a_file_is_added_and_removed(client_as, users):
    event = EventFactory()
    client = client_as("team_external")
    response = client.post(
        reverse("events:file_add", args=[event.pk]),
        {"file": SimpleUploadedFile("folien.pdf", PDF), "title": "Folien", "visibility": str(Visibility.PUBLIC)},
    )
    assert response.status_code == 302
    document = EventFile.objects.get(event=event)
    assert document.title == "Folien"
    assert "Folien" in client.get(documentation(event)).content.decode()
    response = client.post(reverse("events:file_remove", args=[event.pk, document.pk]))
    assert response.status_code == 302
    assert not EventFile.objects.exists()


def test_a_photo_is_removed(client_as, users):
    event = EventFactory()
    photo = actions.photo_add(event=event, upload=photo_upload(), alt_text="Podium", by=users["team_internal"])
    response = client_as("team_external").post(reverse("events:photo_remove", args=[event.pk, photo.pk]))
    assert response.status_code == 302
    assert not EventPhoto.objects.exists()


def test_a_photo_the_reader_may_not_see_cannot_be_removed_by_them(client_as, users):
    # Given a public event with an administration-internal photo
    event = EventFactory()
    photo = actions.photo_add(
        event=event,
        upload=photo_upload(),
        alt_text="Interne Runde",
        visibility=Visibility.INTERNAL,
        by=users["team_internal"],
    )
    client = client_as("team_external")
    # Then external staff neither see it nor remove it
    assert "Interne Runde" not in client.get(documentation(event)).content.decode()
    assert client.post(reverse("events:photo_remove", args=[event.pk, photo.pk])).status_code == 404
    assert EventPhoto.objects.filter(pk=photo.pk).exists()
