"""Changing committees through the API: the team succeeds through the actions, others change nothing."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.api.tests.conftest import api_client_for
from gemeinwohl.committees.actions import invitations_send
from gemeinwohl.committees.models import AgendaItem, Committee, Meeting, Task
from gemeinwohl.committees.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    TaskFactory,
    member,
)
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

NOT_TEAM = ["registered", "bezirksamt"]


@pytest.fixture
def steering(users):
    return CommitteeFactory(name="Steuerungsrunde", slug="steuerungsrunde", visibility=0, by=users["team_internal"])


@pytest.fixture
def round_(users):
    return CommitteeFactory(
        name="Regelrunde", slug="regelrunde", visibility=Visibility.INTERNAL, by=users["team_internal"]
    )


def fields(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def in_a_week(hours: int = 17) -> str:
    day = timezone.localdate() + datetime.timedelta(days=7)
    return f"{day.isoformat()}T{hours:02d}:00:00+01:00"


# --- committees ------------------------------------------------------------------------


def test_the_team_sets_up_a_committee_with_organisers(api_as, users):
    organisation = OrganisationFactory(name="Bezirksamt", visibility=0)
    response = api_as("team_external").post(
        "/committees",
        {
            "name": "AG Planung",
            "short_name": "AGP",
            "slug": "ag-planung",
            "kind": "externe_runde",
            "visibility": "mitglieder",
            "organisers": [organisation.pk],
        },
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "ag-planung" and body["visibility"] == "mitglieder"
    assert body["organisers"] == [{"id": organisation.pk, "name": "Bezirksamt"}]
    committee = Committee.objects.get(slug="ag-planung")
    assert list(committee.organisers.all()) == [organisation]
    assert api_as("anonymous").get(f"/committees/{committee.pk}").status_code == 404  # members only


@pytest.mark.parametrize("role", NOT_TEAM)
def test_others_set_up_no_committee(api_as, role):
    response = api_as(role).post(
        "/committees", {"name": "X", "short_name": "X", "slug": "x", "kind": "netzwerk", "visibility": "oeffentlich"}
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "Dazu fehlt Ihnen die Berechtigung."
    assert not Committee.objects.exists()


def test_the_external_team_files_nothing_administration_internal(api_as):
    response = api_as("team_external").post(
        "/committees",
        {"name": "Geheim", "short_name": "G", "slug": "geheim", "kind": "netzwerk", "visibility": "verwaltungsintern"},
    )

    assert response.status_code == 422
    assert fields(response) == {"visibility": "Diese Sichtbarkeit können Sie nicht vergeben."}
    assert not Committee.objects.exists()


def test_a_taken_slug_or_an_invisible_organiser_is_refused(api_as, steering):
    hidden = OrganisationFactory(visibility=Visibility.INTERNAL)
    api = api_as("team_external")

    taken = api.post(
        "/committees",
        {"name": "Zweite", "short_name": "Z", "slug": "steuerungsrunde", "kind": "netzwerk", "visibility": "team"},
    )
    unseen = api.post(
        "/committees",
        {
            "name": "Dritte",
            "short_name": "D",
            "slug": "dritte",
            "kind": "netzwerk",
            "visibility": "team",
            "organisers": [hidden.pk],
        },
    )

    assert taken.status_code == 422 and set(fields(taken)) == {"slug"}
    assert unseen.status_code == 422
    assert fields(unseen) == {"organisers": "Mindestens eine dieser Organisationen gibt es nicht."}
    assert Committee.objects.count() == 1


def test_patching_a_committee_changes_only_what_is_given(api_as, steering):
    response = api_as("team_internal").patch(
        f"/committees/{steering.pk}", {"rhythm": "monatlich", "visibility": "team"}
    )

    assert response.status_code == 200, response.json()
    steering.refresh_from_db()
    assert (steering.rhythm, steering.visibility, steering.name) == ("monatlich", Visibility.TEAM, "Steuerungsrunde")


def test_an_empty_name_is_refused_and_nothing_changes(api_as, steering):
    response = api_as("team_internal").patch(f"/committees/{steering.pk}", {"name": "", "rhythm": "wöchentlich"})

    assert response.status_code == 422 and set(fields(response)) == {"name"}
    steering.refresh_from_db()
    assert (steering.name, steering.rhythm) == ("Steuerungsrunde", "")


def test_a_hidden_committee_cannot_be_changed_and_does_not_exist(api_as, round_):
    response = api_as("team_external").patch(f"/committees/{round_.pk}", {"name": "Übernommen"})

    assert response.status_code == 404
    round_.refresh_from_db()
    assert round_.name == "Regelrunde"


@pytest.mark.parametrize("role", NOT_TEAM)
def test_a_visible_committee_is_not_others_to_change(api_as, steering, role):
    assert api_as(role).patch(f"/committees/{steering.pk}", {"name": "Übernommen"}).status_code == 403
    steering.refresh_from_db()
    assert steering.name == "Steuerungsrunde"


# --- meetings ----------------------------------------------------------------------------


def test_the_team_plans_changes_and_cancels_a_meeting(api_as, steering):
    api = api_as("team_internal")

    created = api.post(
        f"/committees/{steering.pk}/meetings",
        {"start": in_a_week(17), "end": in_a_week(19), "room": "Rathaus Kreuzberg, Raum 2"},
    )
    assert created.status_code == 201, created.json()
    meeting = Meeting.objects.get()
    assert created.json()["id"] == meeting.pk and created.json()["visibility"] == "oeffentlich"
    assert api_as("anonymous").get(f"/meetings/{meeting.pk}").json()["room"] == "Rathaus Kreuzberg, Raum 2"

    changed = api.patch(f"/meetings/{meeting.pk}", {"room": "Online", "online_url": "https://meet.example.org/sr"})
    assert changed.status_code == 200, changed.json()
    meeting.refresh_from_db()
    assert (meeting.room, meeting.online_url, meeting.sequence) == ("Online", "https://meet.example.org/sr", 1)

    cancelled = api.post(f"/meetings/{meeting.pk}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "abgesagt"
    again = api.post(f"/meetings/{meeting.pk}/cancel")
    assert again.status_code == 422
    assert again.json()["errors"] == [{"field": None, "message": "Die Sitzung ist bereits abgesagt."}]


def test_a_meeting_needs_a_place_and_an_end_after_its_start(api_as, steering):
    api = api_as("team_internal")

    nowhere = api.post(f"/committees/{steering.pk}/meetings", {"start": in_a_week(17), "end": in_a_week(19)})

    assert nowhere.status_code == 422
    assert fields(nowhere) == {"room": "Bitte einen Raum, eine Anschrift oder einen Online-Zugang angeben."}
    assert not Meeting.objects.exists()


def test_a_held_meeting_must_have_begun(api_as, steering):
    api = api_as("team_internal")
    future, past = MeetingFactory(committee=steering), MeetingFactory(committee=steering, past=True)

    early = api.post(f"/meetings/{future.pk}/held")
    done = api.post(f"/meetings/{past.pk}/held")

    assert early.status_code == 422 and early.json()["errors"][0]["message"] == "Die Sitzung hat noch nicht begonnen."
    assert done.status_code == 200 and done.json()["state"] == "durchgefuehrt"
    future.refresh_from_db()
    assert future.state == "geplant"


def test_changing_an_invited_meeting_tells_the_invited(api_as, users, steering, django_capture_on_commit_callbacks):
    seat = member(steering)
    meeting = MeetingFactory(committee=steering, room="Raum 1")
    invitations_send(meeting=meeting, by=users["team_internal"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        api_as("team_internal").patch(f"/meetings/{meeting.pk}", {"room": "Raum 2"})

    assert [message.to for message in mail.outbox] == [[seat.person.contacts.get().value]]


@pytest.mark.parametrize("role", NOT_TEAM)
def test_others_plan_change_and_cancel_nothing(api_as, steering, role):
    meeting = MeetingFactory(committee=steering, room="Raum 1")
    api = api_as(role)

    assert (
        api.post(
            f"/committees/{steering.pk}/meetings", {"start": in_a_week(17), "end": in_a_week(19), "room": "X"}
        ).status_code
        == 403
    )
    assert api.patch(f"/meetings/{meeting.pk}", {"room": "Raum 9"}).status_code == 403
    assert api.post(f"/meetings/{meeting.pk}/cancel").status_code == 403
    meeting.refresh_from_db()
    assert (Meeting.objects.count(), meeting.room, meeting.state) == (1, "Raum 1", "geplant")


def test_the_external_team_meets_no_regelrunde(api_as, round_):
    meeting = MeetingFactory(committee=round_, room="Raum 1")
    api = api_as("team_external")

    assert (
        api.post(
            f"/committees/{round_.pk}/meetings", {"start": in_a_week(), "end": in_a_week(19), "room": "X"}
        ).status_code
        == 404
    )
    assert api.post(f"/meetings/{meeting.pk}/cancel").status_code == 404
    meeting.refresh_from_db()
    assert meeting.state == "geplant"


# --- agenda items ---------------------------------------------------------------------


def test_the_team_adds_and_changes_agenda_items(api_as, steering):
    meeting = MeetingFactory(committee=steering, visibility=0)
    api = api_as("team_internal")

    first = api.post(f"/meetings/{meeting.pk}/agenda-items", {"title": "Begrüßung", "kind": "information"})
    second = api.post(
        f"/meetings/{meeting.pk}/agenda-items", {"title": "Personalien", "visibility": "verwaltungsintern"}
    )
    assert first.status_code == second.status_code == 201
    assert (first.json()["position"], second.json()["position"]) == (1, 2)

    changed = api.patch(f"/agenda-items/{first.json()['id']}", {"presenter": "Sprecherin"})
    assert changed.status_code == 200 and changed.json()["presenter"] == "Sprecherin"
    public = api_as("anonymous").get(f"/meetings/{meeting.pk}").json()
    assert [item["title"] for item in public["agenda"]] == ["Begrüßung"]


def test_an_agenda_item_is_never_looser_than_its_meeting(api_as, steering):
    meeting = MeetingFactory(committee=steering, visibility=Visibility.TEAM)

    response = api_as("team_internal").post(
        f"/meetings/{meeting.pk}/agenda-items", {"title": "Offen", "visibility": "oeffentlich"}
    )

    assert response.status_code == 422 and set(fields(response)) == {"visibility"}
    assert "nicht offener" in fields(response)["visibility"]
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("role", NOT_TEAM)
def test_others_touch_no_agenda(api_as, steering, role):
    item = AgendaItemFactory(meeting=MeetingFactory(committee=steering, visibility=0), title="Alt", visibility=0)
    api = api_as(role)

    assert api.post(f"/meetings/{item.meeting_id}/agenda-items", {"title": "Neu"}).status_code == 403
    assert api.patch(f"/agenda-items/{item.pk}", {"title": "Geändert"}).status_code == 403
    item.refresh_from_db()
    assert (AgendaItem.objects.count(), item.title) == (1, "Alt")


# --- tasks ---------------------------------------------------------------------------


def test_the_team_notes_a_task_and_its_assignee_marks_it_done(api_as, steering):
    seat = member(steering, account_role=Role.REGISTERED)
    meeting = MeetingFactory(committee=steering, visibility=0)
    item = AgendaItemFactory(meeting=meeting, visibility=0)

    created = api_as("team_external").post(
        f"/meetings/{meeting.pk}/tasks",
        {"title": "Brief schreiben", "assignee": seat.person.pk, "agenda_item": item.pk, "due_date": "2030-01-31"},
    )
    assert created.status_code == 201, created.json()
    task = Task.objects.get()
    assert (task.meeting, task.agenda_item, task.assignee) == (meeting, item, seat.person)

    done = api_client_for(seat.person.account).patch(f"/tasks/{task.pk}", {"status": "erledigt"})
    assert done.status_code == 200 and done.json()["status"] == "erledigt" and done.json()["done_at"]
    task.refresh_from_db()
    assert task.status == "erledigt"


def test_a_task_for_someone_outside_the_committee_is_refused(api_as, steering):
    outsider = member(CommitteeFactory(visibility=0)).person
    meeting = MeetingFactory(committee=steering)

    response = api_as("team_internal").post(f"/meetings/{meeting.pk}/tasks", {"title": "X", "assignee": outsider.pk})

    assert response.status_code == 422
    assert fields(response) == {"assignee": "Diese Person ist kein aktuelles Mitglied des Gremiums."}
    assert not Task.objects.exists()


def test_an_unknown_task_status_is_refused(api_as, steering):
    task = TaskFactory(committee=steering, visibility=0)

    response = api_as("team_internal").patch(f"/tasks/{task.pk}", {"status": "vergessen"})

    assert response.status_code == 422 and set(fields(response)) == {"status"}
    task.refresh_from_db()
    assert task.status == "offen"


@pytest.mark.parametrize("role", NOT_TEAM)
def test_others_note_and_move_no_tasks(api_as, steering, role):
    task = TaskFactory(committee=steering, visibility=0)
    meeting = MeetingFactory(committee=steering, visibility=0)
    api = api_as(role)

    assert api.post(f"/meetings/{meeting.pk}/tasks", {"title": "X"}).status_code == 403
    assert api.patch(f"/tasks/{task.pk}", {"status": "erledigt"}).status_code == 403
    task.refresh_from_db()
    assert (Task.objects.count(), task.status) == (1, "offen")
