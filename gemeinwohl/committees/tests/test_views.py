"""The committee pages as a person uses them: who may open what, forms, buttons and their answers."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinwohl.committees import actions
from gemeinwohl.committees.models import (
    AgendaItem,
    Attendance,
    Committee,
    Document,
    Meeting,
    MeetingState,
    MinutesEntry,
    Task,
)
from gemeinwohl.committees.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    TaskFactory,
    member,
)
from gemeinwohl.core.visibility import Visibility

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "registered", "bezirksamt", "team_external", "team_internal", "admin"]
TEAM = {"team_external", "team_internal", "admin"}
PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def meeting(users):
    committee = CommitteeFactory(
        name="Steuerungsrunde", slug="steuerungsrunde", visibility=0, by=users["team_internal"]
    )
    meeting = MeetingFactory(committee=committee, visibility=0, room="Rathaus, Raum 101", by=users["team_internal"])
    AgendaItemFactory(meeting=meeting, title="Vorkaufsrecht im Wrangelkiez", visibility=0, by=users["team_internal"])
    return meeting


def expected(role, allowed=TEAM, public=False):
    if public or role in allowed:
        return 200
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("path", "public"),
    [
        ("/gremien/", True),
        ("/gremien/steuerungsrunde/", True),
        ("/sitzungen/{meeting}/", True),
        ("/gremien/neu/", False),
        ("/gremien/steuerungsrunde/bearbeiten/", False),
        ("/gremien/steuerungsrunde/mitglieder/", False),
        ("/gremien/steuerungsrunde/sitzungen/neu/", False),
        ("/sitzungen/{meeting}/bearbeiten/", False),
        ("/sitzungen/{meeting}/tagesordnung/neu/", False),
        ("/sitzungen/{meeting}/tagesordnung/{item}/bearbeiten/", False),
        ("/sitzungen/{meeting}/dokumente/neu/", False),
        ("/sitzungen/{meeting}/anwesenheit/", False),
        ("/sitzungen/{meeting}/beschluesse/neu/", False),
        ("/sitzungen/{meeting}/aufgaben/neu/", False),
        ("/sitzungen/{meeting}/protokoll/", False),
    ],
)
def test_pages_by_role(client_as, meeting, role, path, public):
    url = path.format(meeting=meeting.pk, item=meeting.agenda_items.get().pk)
    response = client_as(role).get(url)
    assert response.status_code == expected(role, public=public)
    if response.status_code == 302:
        assert response["Location"].startswith("/konto/anmelden/")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("button", ["einladen", "absagen", "durchgefuehrt", "protokoll/genehmigen"])
def test_buttons_are_for_the_team(client_as, meeting, role, button):
    response = client_as(role).post(f"/sitzungen/{meeting.pk}/{button}/")
    if role in TEAM:
        assert response.status_code in (302, 422)  # done, or refused with a reason (e.g. no members yet)
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        meeting.refresh_from_db()
        assert meeting.state == MeetingState.PLANNED


def test_a_team_member_plans_a_meeting_with_an_agenda(client_as):
    CommitteeFactory(name="AG Planung", slug="ag-planung", visibility=Visibility.TEAM)
    client = client_as("team_external")
    start = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    response = client.post(
        "/gremien/ag-planung/sitzungen/neu/",
        {"start": f"{start}T10:00", "end": f"{start}T12:00", "room": "Yorckstraße 4, Raum 2", "visibility": "20"},
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert timezone.localtime(meeting.start).hour == 10  # Berlin time as entered

    response = client.post(
        f"/sitzungen/{meeting.pk}/tagesordnung/neu/",
        {"title": "Bedarfe Kitaplätze", "kind": "beratung", "presenter": "SPK", "visibility": "20", "weiter": "1"},
    )
    assert response["Location"] == f"/sitzungen/{meeting.pk}/tagesordnung/neu/"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "TOP 1</span> Bedarfe Kitaplätze" in page
    assert "Yorckstraße 4, Raum 2" in page


def test_a_meeting_that_ends_before_it_starts_is_refused_with_a_german_message(client_as, meeting):
    day = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client_as("team_internal").post(
        "/gremien/steuerungsrunde/sitzungen/neu/",
        {"start": f"{day}T18:00", "end": f"{day}T17:00", "room": "Raum 1", "visibility": "0"},
    )
    assert response.status_code == 422
    assert "Das Ende muss nach dem Beginn liegen." in response.content.decode()
    assert Meeting.objects.count() == 1


def test_a_looser_agenda_item_is_not_even_offered(client_as, users):
    meeting = MeetingFactory(committee=CommitteeFactory(visibility=0), visibility=Visibility.MEMBERS)
    client = client_as("team_internal")
    form = client.get(f"/sitzungen/{meeting.pk}/tagesordnung/neu/").content.decode()
    assert 'value="0"' not in form.split('name="visibility"')[1].split("</select>")[0]
    response = client.post(
        f"/sitzungen/{meeting.pk}/tagesordnung/neu/", {"title": "Offen", "kind": "beratung", "visibility": "0"}
    )
    assert response.status_code == 422
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


@pytest.mark.parametrize(
    ("name", "content", "status", "message"),
    [
        ("tagesordnung.pdf", PDF, 302, None),
        ("tarnung.pdf", b"<html><body onload=alert(1)></body></html>", 422, "Dieser Dateityp ist nicht erlaubt"),
        ("zu-gross.pdf", PDF + b"0" * 4096, 413, "zu groß"),
    ],
)
def test_uploading_a_document(client_as, meeting, settings, name, content, status, message):
    settings.COMMITTEES_DOCUMENT_MAX_BYTES = 2048
    client = client_as("team_external")
    response = client.post(
        f"/sitzungen/{meeting.pk}/dokumente/neu/",
        {"file": SimpleUploadedFile(name, content), "title": "Unterlage", "visibility": "0"},
    )
    assert response.status_code == status
    if message:
        assert message in response.content.decode()
        assert not Document.objects.exists()
    else:
        document = Document.objects.get()
        download = client.get(document.get_absolute_url())
        assert download["Content-Disposition"] == 'attachment; filename="tagesordnung.pdf"'
        assert b"".join(download.streaming_content) == content


def test_inviting_without_members_says_why_and_changes_nothing(client_as, meeting):
    response = client_as("team_internal").post(f"/sitzungen/{meeting.pk}/einladen/")
    assert response.status_code == 422
    assert "keine aktuellen Mitglieder" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED


def test_two_people_editing_the_same_minutes(client_as, meeting):
    item = meeting.agenda_items.get()
    first, second = client_as("team_internal"), client_as("team_external")
    url = f"/sitzungen/{meeting.pk}/protokoll/"
    first.get(url)
    second.get(url)
    field = f"top-{item.pk}"
    assert (
        first.post(url, {"item": item.pk, f"{field}-text": "Text von Jana", f"{field}-base_version": 0}).status_code
        == 302
    )

    clash = second.post(url, {"item": item.pk, f"{field}-text": "Text von Lea", f"{field}-base_version": 0})
    page = clash.content.decode()
    assert clash.status_code == 409
    assert "Inzwischen hat jemand anderes gespeichert" in page
    assert "Text von Jana" in page and "Text von Lea" in page
    assert MinutesEntry.objects.get(agenda_item=item).text == "Text von Jana"

    # The form now holds Lea's text on top of the newer version: saving again is her choice.
    again = second.post(url, {"item": item.pk, f"{field}-text": "Text von Lea", f"{field}-base_version": 1})
    assert again.status_code == 302
    assert MinutesEntry.objects.get(agenda_item=item).text == "Text von Lea"


def test_approved_minutes_cannot_be_edited_through_the_page(client_as, meeting):
    item = meeting.agenda_items.get()
    actions.minutes_save_entry(item=item, text="Fertig.", base_version=0, by=meeting.created_by)
    client = client_as("team_internal")
    assert client.post(f"/sitzungen/{meeting.pk}/protokoll/genehmigen/").status_code == 302
    response = client.post(
        f"/sitzungen/{meeting.pk}/protokoll/",
        {"item": item.pk, f"top-{item.pk}-text": "Nachträglich", f"top-{item.pk}-base_version": 1},
    )
    assert response.status_code == 422
    assert "genehmigt und kann nicht mehr bearbeitet werden" in response.content.decode()
    assert MinutesEntry.objects.get(agenda_item=item).text == "Fertig."


def test_attendance_is_recorded_and_shown(client_as, meeting):
    seat = member(meeting.committee, sector="zivilgesellschaft")
    client = client_as("team_external")
    response = client.post(f"/sitzungen/{meeting.pk}/anwesenheit/", {f"person_{seat.person.pk}": "entschuldigt"})
    assert response.status_code == 302
    assert Attendance.objects.get().status == "entschuldigt"
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert f'{seat.person.full_name} <span class="muted">– entschuldigt' in page


def test_parity_counts_members_and_attendance_by_sector(client_as, meeting):
    for sector in ["verwaltung", "verwaltung", "verwaltung", "zivilgesellschaft"]:
        member(meeting.committee, sector=sector)
    page = client_as("team_external").get(meeting.committee.get_absolute_url()).content.decode()
    table = page.split('class="table parity"')[1].split("</table>")[0]
    assert "Verwaltung</th>\n          <td>3</td>" in table
    assert "75 %" in table and "25 %" in table
    assert "Auf Augenhöhe" not in client_as("anonymous").get(meeting.committee.get_absolute_url()).content.decode()


def my_tasks_panel(client) -> str:
    page = client.get("/uebersicht/").content.decode()
    return page.split('data-panel="committees_tasks"')[1].split("</section>")[0]


def test_an_open_task_follows_to_the_next_meeting_and_the_assignees_overview(client_as, users, meeting):
    seat = member(meeting.committee)
    from gemeinwohl.directory.actions import person_link_account

    person_link_account(person=seat.person, account=users["registered"], by=users["team_internal"])
    earlier = MeetingFactory(committee=meeting.committee, visibility=0, past=True)
    task = TaskFactory(
        agenda_item=AgendaItemFactory(meeting=earlier, visibility=0),
        assignee=seat.person,
        title="Brief an die Eigentümerin",
    )
    Task.objects.filter(pk=task.pk).update(created_at=earlier.start)

    next_page = client_as("anonymous").get(meeting.get_absolute_url()).content.decode()
    assert "Offene Aufgaben" in next_page and "Brief an die Eigentümerin" in next_page
    assert seat.person.full_name not in next_page  # who has it is for the members' part
    assert seat.person.full_name in client_as("team_external").get(meeting.get_absolute_url()).content.decode()

    assignee = client_as("registered")
    assert "Brief an die Eigentümerin" in my_tasks_panel(assignee)
    assert assignee.post(f"/aufgaben/{task.pk}/stand/", {"status": "erledigt"}).status_code == 302
    assert "Brief an die Eigentümerin" not in my_tasks_panel(assignee)
    assert "Brief an die Eigentümerin" not in client_as("anonymous").get(meeting.get_absolute_url()).content.decode()


def test_a_forged_task_status_is_refused(client_as, meeting):
    task = TaskFactory(committee=meeting.committee, visibility=0)
    response = client_as("team_internal").post(f"/aufgaben/{task.pk}/stand/", {"status": "vergessen"})
    assert response.status_code == 400
    task.refresh_from_db()
    assert task.status == "offen"


def test_a_new_committee_needs_a_free_slug(client_as, meeting):
    response = client_as("team_internal").post(
        "/gremien/neu/",
        {"name": "Zweite", "short_name": "Z", "slug": "steuerungsrunde", "kind": "netzwerk", "visibility": "10"},
    )
    assert response.status_code == 422
    assert "Dieses Kürzel ist schon vergeben." in response.content.decode()
    assert Committee.objects.count() == 1


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_meeting_page_costs_the_same_with_40_points_200_documents_and_100_attendees(client_as, users):
    """Rows go in with bulk_create for speed; only reading is under test."""
    intern = users["team_internal"]
    meeting = MeetingFactory(committee=CommitteeFactory(visibility=0, by=intern), visibility=0, past=True, by=intern)
    item = AgendaItemFactory(meeting=meeting, visibility=0, by=intern)
    seat = member(meeting.committee)
    actions.attendance_record(meeting=meeting, statuses={seat.person: "anwesend"}, by=intern)
    client = client_as("team_internal")
    few = count_queries(client, meeting.get_absolute_url())

    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=n + 2, title=f"Punkt {n}", visibility=0) for n in range(39)
    )
    Document.objects.bulk_create(
        Document(
            meeting=meeting,
            agenda_item=[*items, item][n % 40],
            title=f"Anlage {n}",
            file=f"x/{n}.pdf",
            file_name=f"{n}.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            visibility=0,
        )
        for n in range(200)
    )
    from gemeinwohl.directory.models import Person

    people = Person.objects.bulk_create(Person(family_name=f"Gast {n}", visibility=0) for n in range(99))
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person=p, status="anwesend", sector="sonstige") for p in people
    )
    for n, agenda_item in enumerate(items[:10]):
        actions.decision_record(
            item=agenda_item, data=actions.DecisionInput(text=f"B{n}", result="angenommen", visibility=0), by=intern
        )
        actions.minutes_save_entry(item=agenda_item, text=f"Protokoll {n}", base_version=0, by=intern)

    many = count_queries(client, meeting.get_absolute_url())
    assert many == few, f"{few} queries with 1 point, {many} with 40 points, 200 documents, 100 attendees"


def test_the_committee_page_costs_the_same_with_500_meetings(client_as, users):
    committee = CommitteeFactory(visibility=0, by=users["team_internal"])
    MeetingFactory(committee=committee, visibility=0, by=users["team_internal"])
    client = client_as("team_external")
    few = count_queries(client, committee.get_absolute_url())
    start = timezone.now() - datetime.timedelta(days=2000)
    Meeting.objects.bulk_create(
        Meeting(
            committee=committee,
            start=start + datetime.timedelta(days=3 * n),
            end=start + datetime.timedelta(days=3 * n, hours=2),
            visibility=0,
            room="Raum",
        )
        for n in range(500)
    )
    assert count_queries(client, committee.get_absolute_url()) == few
    assert count_queries(client, committee.get_absolute_url() + "?seite=20") == few


def test_the_committee_list_costs_the_same_with_more_committees(client_as):
    client = client_as("registered")
    CommitteeFactory(visibility=0)
    few = count_queries(client, "/gremien/")
    for _ in range(15):
        MeetingFactory(committee=CommitteeFactory(visibility=0), visibility=0)
    assert count_queries(client, "/gremien/") == few
