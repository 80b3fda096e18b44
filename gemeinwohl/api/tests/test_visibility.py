"""Who reads what through the API: the grid of the web pages, endpoint by endpoint.

A public Steuerungsrunde holds one agenda point (with document, decision and
task) at each level and a member-level seat; the Regelrunde is
administration-internal as a whole. The address book holds a team entry with
a team note and an administration-internal note, and an internal entry.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.api.tests.conftest import api_client_for
from gemeinwohl.committees import actions
from gemeinwohl.committees.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    TaskFactory,
    member,
)
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.actions import note_add
from gemeinwohl.directory.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"
LEVELS = {
    Visibility.PUBLIC: "Punkt-Oeffentlich",
    Visibility.MEMBERS: "Punkt-Mitglieder",
    Visibility.TEAM: "Punkt-Team",
    Visibility.INTERNAL: "Punkt-Intern",
}
SECRET = "Regelrunde-Geheimsache"
MISSING = 999_999

# reader -> (highest level of the Steuerungsrunde they read, whether the Regelrunde exists for them)
EXPECTED = {
    "anonymous": (Visibility.PUBLIC, False),
    "registered (not a member)": (Visibility.PUBLIC, False),
    "registered member": (Visibility.MEMBERS, False),
    "bezirksamt (not a member)": (Visibility.PUBLIC, False),
    "bezirksamt member of the Regelrunde": (Visibility.PUBLIC, True),
    "team_external": (Visibility.TEAM, False),
    "team_internal": (Visibility.INTERNAL, True),
}


@pytest.fixture
def world(db):
    intern = UserFactory(role=Role.TEAM_INTERNAL)
    steering = CommitteeFactory(
        name="Steuerungsrunde", short_name="SR", slug="steuerungsrunde", visibility=0, by=intern
    )
    round_ = CommitteeFactory(
        name="Amtsinterne Regelrunde", short_name="RR", slug="regelrunde", visibility=Visibility.INTERNAL, by=intern
    )
    seat = member(steering, account_role=Role.REGISTERED)
    readers = {
        "anonymous": None,
        "registered (not a member)": UserFactory(role=Role.REGISTERED),
        "registered member": seat.person.account,
        "bezirksamt (not a member)": UserFactory(role=Role.BEZIRKSAMT),
        "bezirksamt member of the Regelrunde": member(
            round_, account_role=Role.BEZIRKSAMT, sector="verwaltung"
        ).person.account,
        "team_external": UserFactory(role=Role.TEAM_EXTERNAL),
        "team_internal": intern,
    }
    meeting = MeetingFactory(committee=steering, visibility=0, past=True, by=intern)
    items = {}
    for level, title in LEVELS.items():
        item = AgendaItemFactory(meeting=meeting, title=title, visibility=level, by=intern)
        actions.document_attach(
            meeting=meeting,
            agenda_item=item,
            upload=SimpleUploadedFile(f"{title}.pdf", PDF),
            title=f"Dokument {title}",
            visibility=level,
            by=intern,
        )
        DecisionFactory(agenda_item=item, text=f"Beschluss zu {title}", by=intern)
        TaskFactory(agenda_item=item, title=f"Aufgabe zu {title}", by=intern)
        items[level] = item
    public_task = TaskFactory(committee=steering, visibility=0, title="Aufgabe mit Person", assignee=seat.person)
    actions.attendance_record(meeting=meeting, statuses={seat.person: "anwesend"}, by=intern)
    secret_meeting = MeetingFactory(committee=round_, title=SECRET, by=intern)
    secret_item = AgendaItemFactory(meeting=secret_meeting, title=f"{SECRET} Punkt", by=intern)
    secret_task = TaskFactory(committee=round_, title=f"{SECRET} Aufgabe", by=intern)

    team_person = PersonFactory(family_name="Teamperson", visibility=Visibility.TEAM, by=intern)
    note_add(entry=team_person, text="Notiz fürs Team", visibility=Visibility.TEAM, by=intern)
    note_add(entry=team_person, text="Notiz verwaltungsintern", visibility=Visibility.INTERNAL, by=intern)
    internal_person = PersonFactory(family_name="Internperson", visibility=Visibility.INTERNAL, by=intern)
    return {
        "readers": readers,
        "steering": steering,
        "round": round_,
        "meeting": meeting,
        "items": items,
        "seat": seat,
        "public_task": public_task,
        "secret_meeting": secret_meeting,
        "secret_item": secret_item,
        "secret_task": secret_task,
        "team_person": team_person,
        "internal_person": internal_person,
    }


def api_for(world, reader):
    return api_client_for(world["readers"][reader])


def seen(text: str) -> set[int]:
    return {level for level, title in LEVELS.items() if title in text}


def visible_levels(ceiling) -> set[int]:
    return {level for level in LEVELS if level <= ceiling}


def assert_hidden_like_missing(api, hidden_path: str, missing_path: str):
    hidden, missing = api.get(hidden_path), api.get(missing_path)
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


@pytest.mark.parametrize("reader", EXPECTED)
def test_committee_lists_and_pages_show_the_regelrunde_only_to_administration_staff(world, reader):
    _, sees_round = EXPECTED[reader]
    api = api_for(world, reader)

    names = {c["name"] for c in api.get("/committees").json()["items"]}
    meetings = api.get("/meetings").content.decode() + api.get("/meetings", {"upcoming": "true"}).content.decode()
    tasks = api.get("/tasks").content.decode()

    assert ("Amtsinterne Regelrunde" in names) == sees_round
    assert (SECRET in meetings) == sees_round
    assert (SECRET in tasks) == sees_round
    for path, missing in (
        (f"/committees/{world['round'].pk}", f"/committees/{MISSING}"),
        (f"/committees/{world['round'].pk}/meetings", f"/committees/{MISSING}/meetings"),
        (f"/committees/{world['round'].pk}/memberships", f"/committees/{MISSING}/memberships"),
        (f"/meetings/{world['secret_meeting'].pk}", f"/meetings/{MISSING}"),
        (f"/agenda-items/{world['secret_item'].pk}", f"/agenda-items/{MISSING}"),
        (f"/tasks/{world['secret_task'].pk}", f"/tasks/{MISSING}"),
    ):
        if sees_round:
            assert api.get(path).status_code == 200, path
        else:
            assert_hidden_like_missing(api, path, missing)


@pytest.mark.parametrize("reader", EXPECTED)
def test_the_meeting_shows_each_reader_their_points_documents_decisions_and_tasks(world, reader):
    ceiling, _ = EXPECTED[reader]
    api = api_for(world, reader)

    meeting = api.get(f"/meetings/{world['meeting'].pk}").json()

    agenda = meeting["agenda"]
    assert seen(str([item["title"] for item in agenda])) == visible_levels(ceiling)
    assert [item["number"] for item in agenda] == list(range(1, len(agenda) + 1))
    assert seen(str([d["title"] for item in agenda for d in item["documents"]])) == visible_levels(ceiling)
    assert seen(str([d["text"] for item in agenda for d in item["decisions"]])) == visible_levels(ceiling)
    assert seen(str([t["title"] for t in meeting["tasks"]])) == visible_levels(ceiling)
    assert all(d["download_url"].startswith("http://testserver/dokumente/") for i in agenda for d in i["documents"])


@pytest.mark.parametrize("reader", EXPECTED)
def test_agenda_items_decisions_and_tasks_one_by_one(world, reader):
    ceiling, _ = EXPECTED[reader]
    api = api_for(world, reader)

    assert seen(api.get("/decisions").content.decode()) == visible_levels(ceiling)
    assert seen(api.get("/tasks", {"committee": world["steering"].pk}).content.decode()) == visible_levels(ceiling)
    for level, item in world["items"].items():
        if level <= ceiling:
            assert api.get(f"/agenda-items/{item.pk}").json()["title"] == LEVELS[level]
        else:
            assert_hidden_like_missing(api, f"/agenda-items/{item.pk}", f"/agenda-items/{MISSING}")


@pytest.mark.parametrize("reader", EXPECTED)
def test_names_of_members_attendees_and_assignees_are_for_the_members_part(world, reader):
    ceiling, _ = EXPECTED[reader]
    members_part = ceiling >= Visibility.MEMBERS
    api = api_for(world, reader)
    name = world["seat"].person.full_name

    members = api.get(f"/committees/{world['steering'].pk}/memberships").json()
    meeting = api.get(f"/meetings/{world['meeting'].pk}").json()
    task = api.get(f"/tasks/{world['public_task'].pk}").json()
    committee = api.get(f"/committees/{world['steering'].pk}").json()

    assert ([m["person"]["name"] for m in members] == [name]) == members_part
    assert ([a["person"]["name"] for a in meeting["attendance"]] == [name]) == members_part
    assert task["has_assignee"] is True
    assert (task["assignee"] == {"id": world["seat"].person.pk, "name": name}) == members_part
    assert (committee["parity"] is not None) == members_part
    if not members_part:
        assert members == [] and meeting["attendance"] == [] and task["assignee"] is None


ADDRESS_BOOK = {
    "anonymous": 401,
    "registered (not a member)": 403,
    "registered member": 403,
    "bezirksamt (not a member)": 403,
    "bezirksamt member of the Regelrunde": 403,
}


@pytest.mark.parametrize("reader", ADDRESS_BOOK)
def test_the_address_book_is_the_teams(world, reader):
    api = api_for(world, reader)

    for path in (
        "/persons",
        "/organisations",
        f"/persons/{world['team_person'].pk}",
        f"/persons/{MISSING}",
        f"/organisations/{MISSING}",
    ):
        response = api.get(path)
        assert response.status_code == ADDRESS_BOOK[reader], path
        assert "Teamperson" not in response.content.decode()


def test_the_external_team_reads_no_administration_internal_entries_or_notes(world):
    api = api_for(world, "team_external")

    listed = api.get("/persons").content.decode()
    person = api.get(f"/persons/{world['team_person'].pk}").json()

    assert "Teamperson" in listed and "Internperson" not in listed
    assert [note["text"] for note in person["notes"]] == ["Notiz fürs Team"]
    assert_hidden_like_missing(api, f"/persons/{world['internal_person'].pk}", f"/persons/{MISSING}")


def test_the_internal_team_reads_everything(world):
    api = api_for(world, "team_internal")

    listed = api.get("/persons").content.decode()
    person = api.get(f"/persons/{world['team_person'].pk}").json()

    assert "Teamperson" in listed and "Internperson" in listed
    assert {note["text"] for note in person["notes"]} == {"Notiz fürs Team", "Notiz verwaltungsintern"}
    assert api.get(f"/persons/{world['internal_person'].pk}").status_code == 200
