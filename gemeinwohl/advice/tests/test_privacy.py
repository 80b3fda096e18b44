"""A requester's data as JSON (``advice.privacy.requester_data`` and its download)."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gemeinwohl.advice import actions
from gemeinwohl.advice.actions import ActivityInput, ReferralInput
from gemeinwohl.advice.models import ActivityKind, ConsentText, ReferralOutcome, State, Topic
from gemeinwohl.advice.privacy import requester_data
from gemeinwohl.advice.retention import anonymise_expired_cases
from gemeinwohl.advice.tests.factories import CaseFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% Testdokument\n%%EOF\n"


def pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def url(case) -> str:
    return reverse("advice:requester_export", kwargs={"pk": case.pk})


@pytest.fixture
def worker(users):
    return users["team_internal"]


@pytest.fixture
def case(worker):
    """Kim's request, with what Kim and the team left on it."""
    case = CaseFactory(
        group_name="Hausgemeinschaft Wrangelstraße 66",
        contact_name="Kim Beispiel",
        email="Kim@Example.org",
        phone="030 123456",
        topics=[Topic.SALE, Topic.LEASEHOLD],
        description="Unser Haus soll verkauft werden – was tun?",
    )
    actions.case_assign(case=case, assignee=worker, by=worker)
    actions.requester_add_information(case=case, text="Der Notartermin ist am 3. März.", upload=pdf("kaufvertrag.pdf"))
    actions.note_add(case=case, by=worker, text="Wir rufen Sie Montag an.", shared=True)
    actions.note_add(case=case, by=worker, text="Interne Einschätzung: schwierig.")
    actions.note_add(case=case, by=worker, text="Vorkauf wird geprüft.", visibility=Visibility.INTERNAL)
    actions.document_add(case=case, by=worker, upload=pdf("interner-vermerk.pdf"))
    actions.document_add(case=case, by=worker, upload=pdf("merkblatt.pdf"), shared=True)
    actions.activity_record(
        case=case,
        by=worker,
        data=ActivityInput(kind=ActivityKind.CALL, title="Telefonat", done_on=timezone.localdate(), minutes=20),
    )
    referral = actions.referral_add(
        case=case,
        by=worker,
        data=ReferralInput(
            organisation=OrganisationFactory(name="Stiftung Boden für Alle"),
            referred_on=timezone.localdate(),
            reason="Erbbaurecht",
        ),
    )
    actions.referral_record_outcome(referral=referral, by=worker, outcome=ReferralOutcome.ACCEPTED)
    actions.case_transition(case=case, target=State.ADVISING, by=worker)
    return case


def test_the_export_holds_the_request_consent_and_history(case, worker):
    data = requester_data(case=case, fetched_by=worker)

    assert data["email"] == "Kim@Example.org"
    assert datetime.datetime.fromisoformat(data["exported_at"])
    [exported] = data["cases"]
    assert exported["reference"] == case.reference
    assert exported["request"]["group_name"] == "Hausgemeinschaft Wrangelstraße 66"
    assert exported["request"]["contact_name"] == "Kim Beispiel"
    assert exported["request"]["phone"] == "030 123456"
    assert exported["request"]["description"] == "Unser Haus soll verkauft werden – was tun?"
    consent = ConsentText.objects.current()
    assert exported["consent"]["version"] == consent.version
    assert exported["consent"]["text"] == consent.text
    assert exported["consent"]["consented_at"]
    assert [topic["code"] for topic in exported["topics"]] == sorted([Topic.SALE, Topic.LEASEHOLD])
    assert [(change["from"], change["to"]["code"]) for change in exported["state_history"]] == [
        (None, State.NEW),
        ({"code": State.NEW, "label": "neu"}, State.ADVISING),
    ]
    assert exported["state"] == {"code": State.ADVISING, "label": "in Beratung"}
    assert exported["referrals"] == [
        {
            "organisation": "Stiftung Boden für Alle",
            "referred_on": timezone.localdate().isoformat(),
            "outcome": {"code": "angenommen", "label": "angenommen"},
        }
    ]


def test_notes_and_documents_are_the_requesters_and_the_shared_ones_only(case, worker):
    [exported] = requester_data(case=case, fetched_by=worker)["cases"]

    notes = [(note["text"], note["from_requester"]) for note in exported["notes"]]
    assert notes == [("Der Notartermin ist am 3. März.", True), ("Wir rufen Sie Montag an.", False)]
    text = json.dumps(exported, ensure_ascii=False)
    assert "Interne Einschätzung" not in text and "Vorkauf wird geprüft" not in text
    documents = [(d["file_name"], d["from_requester"], d["content_type"]) for d in exported["documents"]]
    assert documents == [("kaufvertrag.pdf", True, "application/pdf"), ("merkblatt.pdf", False, "application/pdf")]
    assert exported["documents"][0]["size"] == len(PDF)
    assert "interner-vermerk.pdf" not in text


def test_every_case_of_the_address_counts_and_no_other_requesters(case, worker):
    # given Kim's second request (the address typed otherwise), another requester's, and Kim's old anonymised one
    second = CaseFactory(email="kim@example.ORG", group_name="Kiezladen")
    CaseFactory(email="jemand@example.org", group_name="Fremde Gruppe")
    old = CaseFactory(email="kim@example.org", group_name="Alte Anfrage")
    actions.case_transition(case=old, target=State.CLARIFYING, by=worker)
    actions.case_transition(case=old, target=State.CLOSED, by=worker)
    type(old).objects.filter(pk=old.pk).update(closed_at=timezone.now() - datetime.timedelta(days=4 * 365))
    anonymise_expired_cases()

    data = requester_data(case=case, fetched_by=worker)

    assert [exported["reference"] for exported in data["cases"]] == [case.reference, second.reference]
    text = json.dumps(data, ensure_ascii=False)
    assert "Fremde Gruppe" not in text and "jemand@example.org" not in text and "Alte Anfrage" not in text


@pytest.mark.parametrize("role", ["registered", "bezirksamt"])
def test_without_the_permission_nothing_is_collected(case, users, role):
    with pytest.raises(PermissionDenied):
        requester_data(case=case, fetched_by=users[role])


# role → expected status: the login page, a case that does not exist for them, a forbidden one, the download.
GRID = {
    "anonymous": 302,
    "registered": 404,
    "bezirksamt": 404,
    "bezirksamt_shared": 403,
    "team_external": 200,
    "team_internal": 200,
    "admin": 200,
}


@pytest.mark.parametrize(("role", "expected"), GRID.items())
def test_permission_grid(case, client_as, users, worker, role, expected):
    if role == "bezirksamt_shared":
        actions.case_share(case=case, user=users["bezirksamt"], by=worker)
        role = "bezirksamt"

    response = client_as(role).get(url(case))

    assert response.status_code == expected
    if expected == 302:
        assert response.url.startswith(reverse("accounts:login"))


def test_the_download_is_a_readable_json_attachment(case, client_as):
    response = client_as("team_external").get(url(case))

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="auskunft-{case.reference}.json"'
    body = response.content.decode("utf-8")
    assert "Wrangelstraße" in body  # not escaped to \u00df
    assert body.startswith('{\n  "exported_at"')
    assert json.loads(body)["cases"][0]["reference"] == case.reference


def test_a_case_that_does_not_exist_answers_404(client_as):
    assert client_as("team_internal").get(reverse("advice:requester_export", kwargs={"pk": 999999})).status_code == 404


def test_queries_do_not_grow_with_the_cases(case, worker):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            requester_data(case=case, fetched_by=worker)
        return len(captured)

    few = queries()
    for number in range(4):
        more = CaseFactory(email="kim@example.org", group_name=f"Gruppe {number}")
        actions.note_add(case=more, by=worker, text="Geteilt", shared=True)
        actions.requester_add_information(case=more, text="Nachtrag", upload=pdf(f"anlage-{number}.pdf"))

    assert len(requester_data(case=case, fetched_by=worker)["cases"]) == 5
    assert queries() == few


def test_an_organisation_the_exporting_reader_cannot_see_stays_unnamed(case, worker, users):
    hidden = OrganisationFactory(name="Verwaltungsinterne Stelle XY", visibility=Visibility.INTERNAL)
    actions.referral_add(
        case=case, by=worker, data=ReferralInput(organisation=hidden, referred_on=timezone.localdate())
    )
    external = json.dumps(requester_data(case=case, fetched_by=users["team_external"]), ensure_ascii=False)
    assert "Verwaltungsinterne Stelle XY" not in external
    assert "Stiftung Boden für Alle" in external
    internal = json.dumps(requester_data(case=case, fetched_by=worker), ensure_ascii=False)
    assert "Verwaltungsinterne Stelle XY" in internal
