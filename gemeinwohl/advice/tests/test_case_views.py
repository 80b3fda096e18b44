"""The team's pages: the case list, the case page and every change made there."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in_client
from gemeinwohl.advice import actions
from gemeinwohl.advice.models import Activity, Case, Note, Referral, State
from gemeinwohl.advice.tests.factories import CaseFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def detail(case):
    return reverse("advice:case_detail", args=[case.pk])


def test_the_list_puts_the_most_urgent_first(client_as):
    later = CaseFactory(group_name="Ohne Frist")
    urgent = CaseFactory(group_name="Frist nächste Woche", deadline=timezone.localdate() + datetime.timedelta(days=7))
    sale = CaseFactory(
        group_name="Verkauf gemeldet", sale_notified_on=timezone.localdate() - datetime.timedelta(days=88)
    )
    page = client_as("team_external").get(reverse("advice:case_list")).content.decode()
    positions = [page.index(case.group_name) for case in (sale, urgent, later)]
    assert positions == sorted(positions)


def test_the_list_filters_by_state_topic_assignee_and_text(client_as, users):
    mine = CaseFactory(group_name="Kiezladen Oranienstraße", topics=["raum"])
    other = CaseFactory(group_name="Genossenschaft in Gründung", topics=["rechtsform"])
    actions.case_assign(case=mine, assignee=users["team_external"], by=users["team_external"])
    client = client_as("team_external")
    url = reverse("advice:case_list")
    page = client.get(url, {"zustaendig": "ich"}).content.decode()
    assert mine.group_name in page and other.group_name not in page
    page = client.get(url, {"thema": "rechtsform"}).content.decode()
    assert other.group_name in page and mine.group_name not in page
    page = client.get(url, {"suche": "oranien"}).content.decode()
    assert mine.group_name in page and other.group_name not in page
    actions.case_transition(case=other, target=State.DECLINED, by=users["team_external"])
    assert other.group_name not in client.get(url).content.decode()
    assert other.group_name in client.get(url, {"abgeschlossene": "1"}).content.decode()


def test_the_list_needs_a_fixed_number_of_queries(client_as):
    client = client_as("team_internal")
    url = reverse("advice:case_list")
    CaseFactory()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(12):
        CaseFactory(topics=["raum", "erbbaurecht"])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_case_page_needs_a_fixed_number_of_queries(client_as, users):
    client = client_as("team_internal")
    case = CaseFactory()
    team = users["team_internal"]
    client.get(detail(case))
    with CaptureQueriesContext(connection) as few:
        client.get(detail(case))
    organisation = OrganisationFactory(visibility=Visibility.TEAM)
    for number in range(5):
        actions.note_add(case=case, by=team, text=f"Notiz {number}")
        actions.referral_add(
            case=case,
            by=team,
            data=actions.ReferralInput(organisation=organisation, referred_on=timezone.localdate()),
        )
        actions.activity_record(
            case=case,
            by=team,
            data=actions.ActivityInput(kind="anruf", title=f"Telefonat {number}", done_on=timezone.localdate()),
        )
    with CaptureQueriesContext(connection) as many:
        client.get(detail(case))
    assert len(many) == len(few)


def test_a_case_moves_only_along_the_allowed_transitions(client_as):
    case = CaseFactory()
    client = client_as("team_external")
    response = client.post(reverse("advice:case_transition", args=[case.pk]), {"state": State.CLOSED})
    assert response.status_code == 422
    assert "nicht vorgesehen" in response.content.decode()
    case.refresh_from_db()
    assert case.state == State.NEW
    response = client.post(reverse("advice:case_transition", args=[case.pk]), {"state": State.CLARIFYING})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.CLARIFYING
    assert list(case.state_changes.values_list("target", flat=True)) == [State.NEW, State.CLARIFYING]


def test_the_page_offers_only_the_allowed_next_states(client_as):
    case = CaseFactory()
    page = client_as("team_external").get(detail(case)).content.decode()
    form = page[page.index('id="transition_state"') : page.index("</select>", page.index('id="transition_state"'))]
    assert "in Klärung" in form and "abgelehnt" in form
    assert "abgeschlossen" not in form


def test_assigning_hands_over_the_open_follow_ups(client_as, users):
    case = CaseFactory()
    assignee = users["team_external"]
    response = client_as("team_internal").post(reverse("advice:case_assign", args=[case.pk]), {"assignee": assignee.pk})
    assert response.status_code == 302
    assert set(case.activities.values_list("assignee", flat=True)) == {assignee.pk}


def test_a_bezirksamt_account_cannot_be_assigned(client_as, users):
    case = CaseFactory()
    response = client_as("team_internal").post(
        reverse("advice:case_assign", args=[case.pk]), {"assignee": users["bezirksamt"].pk}
    )
    assert response.status_code == 422
    case.refresh_from_db()
    assert case.assignee is None


def test_doing_a_timeline_step_makes_the_next_one_due(client_as, users):
    case = CaseFactory()
    first = case.activities.get()
    assert first.title == "Erstgespräch mit der Initiative"
    response = client_as("team_internal").post(
        reverse("advice:activity_complete", args=[case.pk, first.pk]),
        {"done_on": timezone.localdate().isoformat(), "minutes": "90"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.done_on == timezone.localdate() and first.minutes == 90
    follow_up = case.activities.get(done_on__isnull=True)
    assert follow_up.title == "Rückmeldung an die Initiative"
    assert follow_up.due_date > timezone.localdate()
    case.refresh_from_db()
    # A meeting with the initiative is the first response.
    assert case.first_response_at is not None


def test_an_activity_in_the_future_is_refused(client_as):
    case = CaseFactory()
    response = client_as("team_internal").post(
        reverse("advice:activity_add", args=[case.pk]),
        {
            "kind": "anruf",
            "title": "Telefonat",
            "done_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 422
    assert "nicht in der Zukunft" in response.content.decode()
    assert case.activities.count() == 1


def test_a_referral_to_an_organisation_and_its_outcome(client_as):
    case = CaseFactory()
    organisation = OrganisationFactory(name="Genossenschaftsforum e. V.", visibility=Visibility.TEAM)
    client = client_as("team_external")
    response = client.post(
        reverse("advice:referral_add", args=[case.pk]),
        {
            "organisation": organisation.pk,
            "referred_on": timezone.localdate().isoformat(),
            "reason": "Gründungsberatung",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert case.organisations.filter(pk=organisation.pk).exists()
    response = client.post(
        reverse("advice:referral_outcome", args=[case.pk, referral.pk]), {"outcome": "geholfen", "outcome_note": ""}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.outcome == "geholfen"
    assert "Genossenschaftsforum e. V." in client.get(detail(case)).content.decode()


def test_a_referral_to_an_organisation_the_reader_cannot_see_is_refused(client_as):
    case = CaseFactory()
    hidden = OrganisationFactory(visibility=Visibility.INTERNAL)
    response = client_as("team_external").post(
        reverse("advice:referral_add", args=[case.pk]),
        {"organisation": hidden.pk, "referred_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 422
    assert not Referral.objects.exists()


def test_an_internal_note_cannot_be_shared(users):
    case = CaseFactory()
    with pytest.raises(Exception, match="nicht mit den Anfragenden geteilt"):
        actions.note_add(case=case, by=users["team_internal"], text="x", visibility=Visibility.INTERNAL, shared=True)
    assert not Note.objects.exists()


def test_the_external_team_cannot_file_or_read_internal_notes(client_as, users):
    case = CaseFactory()
    actions.note_add(
        case=case, by=users["team_internal"], text="Vermerk aus der Verwaltung", visibility=Visibility.INTERNAL
    )
    client = client_as("team_external")
    page = client.get(detail(case)).content.decode()
    assert "Vermerk aus der Verwaltung" not in page
    assert "nur verwaltungsintern" not in page
    response = client.post(reverse("advice:note_add", args=[case.pk]), {"text": "x", "audience": "internal"})
    assert response.status_code == 422
    assert Note.objects.count() == 1


def test_documents_are_checked_and_downloaded_as_attachments(client_as):
    case = CaseFactory()
    client = client_as("team_internal")
    response = client.post(
        reverse("advice:document_add", args=[case.pk]),
        {"file": SimpleUploadedFile("gutachten.pdf", PDF), "audience": "internal"},
    )
    assert response.status_code == 302
    document = case.documents.get()
    download = client.get(reverse("advice:document_download", args=[case.pk, document.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert (
        client_as("team_external").get(reverse("advice:document_download", args=[case.pk, document.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("advice:document_add", args=[case.pk]),
        {"file": SimpleUploadedFile("seite.pdf", b"<html></html>"), "audience": "team"},
    )
    assert response.status_code == 422
    assert case.documents.count() == 1


def test_sharing_with_the_bezirksamt_opens_the_case_to_that_account_only(client_as, users, make_user):
    case = CaseFactory()
    other_office = make_user(role="bezirksamt")
    response = client_as("team_internal").post(
        reverse("advice:case_share", args=[case.pk]), {"user": users["bezirksamt"].pk}
    )
    assert response.status_code == 302
    assert client_as("bezirksamt").get(detail(case)).status_code == 200
    from django.test import Client

    other = Client()
    logged_in_client(other_office, other)
    assert other.get(detail(case)).status_code == 404
    client_as("team_internal").post(
        reverse("advice:case_share", args=[case.pk]), {"user": users["bezirksamt"].pk, "remove": "1"}
    )
    assert client_as("bezirksamt").get(detail(case)).status_code == 404


def test_linking_people_and_organisations_of_the_address_book(client_as):
    case = CaseFactory()
    organisation = OrganisationFactory(name="Stiftung Trias", visibility=Visibility.TEAM)
    response = client_as("team_internal").post(
        reverse("advice:case_links", args=[case.pk]), {"organisations": [organisation.pk]}
    )
    assert response.status_code == 302
    assert list(case.organisations.all()) == [organisation]


def test_renewing_the_status_link_mails_a_new_one(client_as, django_capture_on_commit_callbacks):
    from django.core import mail

    case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("team_internal").post(reverse("advice:status_link_renew", args=[case.pk]))
    assert response.status_code == 302
    assert mail.outbox[-1].to == [case.email]
    assert "funktioniert nicht mehr" in mail.outbox[-1].body
    assert client_as("anonymous").get(reverse("advice:status", args=[case.status_token])).status_code == 404


def test_the_dashboard_shows_the_inbox_and_my_follow_ups(client_as, users):
    quiet = CaseFactory(group_name="Ruhige Anfrage")
    urgent = CaseFactory(group_name="Eilige Anfrage", deadline=timezone.localdate() + datetime.timedelta(days=3))
    actions.case_assign(case=quiet, assignee=users["team_external"], by=users["team_internal"])
    Activity.objects.filter(case=quiet).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    page = client_as("team_external").get(reverse("core:dashboard")).content.decode()
    inbox = page[page.index("data-inbox") :]
    assert inbox.index("Eilige Anfrage") < inbox.index("Ruhige Anfrage")
    follow_ups = page[page.index("data-follow-ups") :]
    assert "Erstgespräch mit der Initiative" in follow_ups and "überfällig" in follow_ups
    assert urgent.reference in page


def test_the_inbox_and_follow_ups_are_not_on_other_dashboards(client_as):
    CaseFactory(group_name="Geheime Anfrage")
    for role in ("registered", "bezirksamt"):
        page = client_as(role).get(reverse("core:dashboard")).content.decode()
        assert "Geheime Anfrage" not in page
        assert "Neue Beratungsanfragen" not in page


def test_nothing_half_saved_when_a_case_form_fails(client_as):
    case = CaseFactory()
    before = Case.objects.get(pk=case.pk).updated_at
    response = client_as("team_internal").post(
        reverse("advice:note_add", args=[case.pk]), {"text": "", "audience": "team"}
    )
    assert response.status_code == 422
    assert Case.objects.get(pk=case.pk).updated_at == before
