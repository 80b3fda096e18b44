"""The initiative's side: the request form, the confirmation, the status link."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from gemeinwohl.advice import actions
from gemeinwohl.advice.models import Case, ConsentText, Document, Note, State
from gemeinwohl.advice.tests.factories import CaseFactory
from gemeinwohl.core.deadlines import pre_emption_period_end

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def form_data(**overrides) -> dict:
    data = {
        "group_name": "Hausgemeinschaft Wrangelstraße 12",
        "sector": "zivilgesellschaft",
        "contact_name": "Alex Muster",
        "email": "alex@example.org",
        "phone": "",
        "topics": ["verkauf", "finanzierung"],
        "address": "Wrangelstraße 12, 10997 Berlin",
        "sale_notified_on": (timezone.localdate() - datetime.timedelta(days=10)).isoformat(),
        "deadline": "",
        "deadline_note": "",
        "description": "Unser Haus wurde verkauft, der Bezirk prüft das Vorkaufsrecht.",
        "consent": "on",
        "consent_version": ConsentText.objects.current().version,
        "homepage": "",
    }
    data.update(overrides)
    return data


def submit(client, **overrides):
    return client.post(reverse("advice:request"), form_data(**overrides))


def test_the_form_shows_the_consent_text_and_every_topic(client):
    response = client.get(reverse("advice:request"))
    page = response.content.decode()
    assert response.status_code == 200
    assert ConsentText.objects.current().text in page
    for label in ("Raumsuche und Raumsicherung", "Verkauf des Hauses / Vorkaufsrecht", "Konzeptverfahren", "Sonstiges"):
        assert label in page


def test_a_request_becomes_a_case_with_confirmation_page_and_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.state == State.NEW
    assert sorted(case.topic_rows.values_list("topic", flat=True)) == ["finanzierung", "verkauf"]
    assert case.consent == ConsentText.objects.current()
    assert case.consented_at is not None
    # The pre-emption period (three months from the notification) makes it urgent.
    assert case.respond_by == pre_emption_period_end(case.sale_notified_on)
    confirmation = client.get(response["Location"])
    page = confirmation.content.decode()
    assert case.reference in page
    assert confirmation["Cache-Control"] == "private, no-store"
    [message] = mail.outbox
    assert message.to == ["alex@example.org"]
    assert case.reference in message.subject
    status_link = next(line for line in message.body.splitlines() if "/beratung/status/" in line)
    assert status_link.split("/beratung/status/")[1].rstrip("/") in page
    # The confirmation shows once; a reload goes back to the form.
    assert client.get(reverse("advice:request_sent"))["Location"] == reverse("advice:request")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent": ""}, "consent", "Ohne Ihre Einwilligung"),
        ({"email": "keine-adresse"}, "email", "gültige E-Mail-Adresse"),
        ({"description": "   "}, "description", "Dieses Feld ist zwingend erforderlich"),
        ({"topics": []}, "topics", "mindestens ein Thema"),
        ({"deadline": "2020-01-01"}, "deadline", "schon abgelaufen"),
        (
            {"sale_notified_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
            "sale_notified_on",
            "nicht in der Zukunft",
        ),
        ({"deadline": "2026-02-30"}, "deadline", "gültiges Datum"),
        ({"consent_version": "1999-01"}, "consent", "Text hat sich eventuell geändert"),
    ],
)
def test_bad_input_is_refused_in_german_and_nothing_is_saved(client, overrides, field, message):
    response = submit(client, **overrides)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Case.objects.count() == 0
    assert len(mail.outbox) == 0


@override_settings(ADVICE_TEXT_MAX_CHARS=100)
def test_an_oversized_text_is_refused(client):
    response = submit(client, description="x" * 101)
    assert response.status_code == 422
    assert Case.objects.count() == 0


def test_an_oversized_description_with_default_limit_is_refused(client):
    response = submit(client, description="x" * 10_001)
    assert response.status_code == 422
    assert "höchstens 10000 Zeichen" in response.content.decode().replace(".", "")
    assert Case.objects.count() == 0


def test_the_honeypot_blocks_with_a_clear_message(client):
    response = submit(client, homepage="http://spam.example")
    assert response.status_code == 400
    assert "Bitte leer lassen" in response.content.decode()
    assert Case.objects.count() == 0


@override_settings(ADVICE_REQUEST_RATE="2/h")
def test_a_rate_limit_per_address_blocks_with_a_clear_message(client):
    assert submit(client, email="a@example.org").status_code == 302
    assert submit(client, email="b@example.org").status_code == 302
    response = submit(client, email="c@example.org")
    assert response.status_code == 429
    assert "mehrere Anfragen" in response.content.decode()
    assert Case.objects.count() == 2


@override_settings(ADVICE_REQUEST_RATE="2/h")
def test_failed_attempts_do_not_use_up_the_limit(client):
    for _ in range(3):
        assert submit(client, email="kaputt").status_code == 422
    assert submit(client).status_code == 302


def test_the_status_link_shows_state_and_only_what_was_shared(client, users):
    case = CaseFactory()
    team = users["team_internal"]
    actions.case_transition(case=case, target=State.CLARIFYING, by=team)
    actions.note_add(case=case, by=team, text="Wir rufen Sie am Montag an.", shared=True)
    actions.note_add(case=case, by=team, text="Eigentümer ist ein Fonds, intern prüfen.")
    actions.note_add(case=case, by=team, text="Verwaltungsinterner Vermerk.", visibility=30)
    response = client.get(reverse("advice:status", args=[case.status_token]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "in Klärung" in page
    assert "Wir rufen Sie am Montag an." in page
    assert "Eigentümer ist ein Fonds" not in page
    assert "Verwaltungsinterner Vermerk" not in page
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


def test_a_wrong_or_renewed_link_answers_404(client, users):
    case = CaseFactory()
    old = case.status_token
    assert client.get(reverse("advice:status", args=["falsch"])).status_code == 404
    new = actions.status_link_renew(case=case, by=users["team_external"])
    assert client.get(reverse("advice:status", args=[old])).status_code == 404
    assert client.get(reverse("advice:status", args=[new])).status_code == 200


def test_the_requester_adds_information_and_a_document(client, users, django_capture_on_commit_callbacks):
    case = CaseFactory()
    actions.case_assign(case=case, assignee=users["team_internal"], by=users["team_internal"])
    url = reverse("advice:status", args=[case.status_token])
    upload = SimpleUploadedFile("kaufvertrag.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"text": "Der Notartermin ist am 3. Dezember.", "file": upload})
    assert response.status_code == 302
    note = Note.objects.get(case=case, from_requester=True)
    assert note.shared_with_requester
    document = Document.objects.get(case=case)
    assert document.from_requester and document.shared_with_requester
    page = client.get(url).content.decode()
    assert "Der Notartermin ist am 3. Dezember." in page
    assert "kaufvertrag.pdf" in page
    download = client.get(reverse("advice:status_document", args=[case.status_token, document.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert users["team_internal"].email in [address for message in mail.outbox for address in message.to]


def test_a_disguised_html_file_is_refused_on_the_status_page(client):
    case = CaseFactory()
    upload = SimpleUploadedFile("brief.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(reverse("advice:status", args=[case.status_token]), {"text": "", "file": upload})
    assert response.status_code == 422
    assert "Dateityp ist nicht erlaubt" in response.content.decode()
    assert not Document.objects.exists()
    assert not Note.objects.filter(from_requester=True).exists()


def test_an_empty_addition_is_refused(client):
    case = CaseFactory()
    response = client.post(reverse("advice:status", args=[case.status_token]), {"text": "  "})
    assert response.status_code == 422
    assert not Note.objects.exists()


def test_a_document_not_shared_is_not_downloadable_through_the_link(client, users):
    case = CaseFactory()
    document = actions.document_add(
        case=case,
        by=users["team_internal"],
        upload=SimpleUploadedFile("intern.pdf", PDF),
    )
    response = client.get(reverse("advice:status_document", args=[case.status_token, document.pk]))
    assert response.status_code == 404


@override_settings(ADVICE_DOCUMENT_MAX_BYTES=1024)
def test_an_oversized_file_is_refused_on_the_status_page(client):
    case = CaseFactory()
    upload = SimpleUploadedFile("gross.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = client.post(reverse("advice:status", args=[case.status_token]), {"text": "Anbei", "file": upload})
    assert response.status_code == 422
    assert "zu groß" in response.content.decode()
    assert not Document.objects.exists()
    assert not Note.objects.filter(from_requester=True).exists()


def test_without_an_active_case_type_the_form_says_so_and_saves_nothing(client):
    from gemeinwohl.advice.models import CaseType

    CaseType.objects.update(active=False)
    response = submit(client)
    assert response.status_code == 422
    assert "können gerade nicht angenommen werden" in response.content.decode()
    assert Case.objects.count() == 0
