"""The OParl rules a client relies on: filters, deleted objects, modified parents, CORS, errors, query counts."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinwohl.committees import actions
from gemeinwohl.committees.actions import AgendaItemInput, MeetingInput
from gemeinwohl.committees.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
)
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.actions import consent_record
from gemeinwohl.directory.models import ConsentPurpose, ConsentText
from gemeinwohl.directory.tests.factories import PersonFactory
from gemeinwohl.oparl.models import Entry
from gemeinwohl.oparl.tests.crawler import problems_of

pytestmark = pytest.mark.django_db

ROOT = "/oparl/v1.1/"
PUBLIC = Visibility.PUBLIC


def url(kind, pk):
    return f"{ROOT}{kind}/{pk}/"


def listing(client, kind, **params):
    response = client.get(f"{ROOT}body/1/{kind}/", params)
    assert response.status_code == 200, response.content
    assert problems_of(response.json()) == []
    return response.json()


def ids(page) -> list[str]:
    return [obj["id"].removeprefix("http://127.0.0.1:8000") for obj in page["data"]]


def moment() -> str:
    return timezone.now().isoformat()


@pytest.fixture
def committee():
    return CommitteeFactory(visibility=PUBLIC, name="Baustelle Gemeinwohl")


@pytest.fixture
def meeting(committee):
    return MeetingFactory(committee=committee, address="Yorckstraße 4–11, 10965 Berlin", room="Raum 2.03")


def consenting_person(**fields):
    person = PersonFactory(**fields)
    text = ConsentText.objects.filter(purpose=ConsentPurpose.PUBLIC_LISTING).first()
    consent_record(
        person=person,
        consent_text=text,
        granted=True,
        given_on=timezone.localdate() - datetime.timedelta(days=30),
        method="schriftlich",
        by=_editor(),
    )
    return person


def _editor():
    from gemeinwohl.accounts.models import Role
    from gemeinwohl.accounts.tests.factories import UserFactory

    return UserFactory(role=Role.TEAM_INTERNAL)


# --- what appears -----------------------------------------------------------------------------------


def test_a_public_meeting_appears_with_its_public_agenda_only(client, meeting):
    AgendaItemFactory(meeting=meeting, title="Kiezladen Oranienstraße")
    AgendaItemFactory(meeting=meeting, title="Personalfrage", visibility=Visibility.TEAM)
    AgendaItemFactory(meeting=meeting, title="Vorkaufsrecht Wrangelkiez")
    (data,) = listing(client, "meeting")["data"]
    assert data["name"] == "Baustelle Gemeinwohl"
    assert [(item["number"], item["name"]) for item in data["agendaItem"]] == [
        ("1", "Kiezladen Oranienstraße"),
        ("2", "Vorkaufsrecht Wrangelkiez"),
    ]
    assert data["location"]["postalCode"] == "10965" and data["location"]["room"] == "Raum 2.03"
    assert "Personalfrage" not in client.get(f"{ROOT}body/1/agendaItem/").content.decode()


def test_team_content_is_absent_even_for_a_logged_in_team_member(client_as, committee):
    internal = CommitteeFactory(visibility=Visibility.INTERNAL, name="Regelrunde")
    MeetingFactory(committee=internal)
    MeetingFactory(committee=committee, visibility=Visibility.TEAM)
    client = client_as("team_internal")
    for kind in ("organization", "meeting", "agendaItem"):
        text = client.get(f"{ROOT}body/1/{kind}/").content.decode()
        assert "Regelrunde" not in text
    assert listing(client, "meeting")["data"] == []
    assert client.get(url("organization", internal.pk)).status_code == 404


def test_members_appear_only_with_consent_and_without_contact_data(client, committee):
    named = consenting_person(family_name="Yıldız", email="yildiz@initiative.example")
    MembershipFactory(committee=committee, person=named, visibility=PUBLIC)
    MembershipFactory(committee=committee)  # no consent: a members-only seat
    people = listing(client, "person")["data"]
    assert [person["familyName"] for person in people] == ["Yıldız"]
    assert "yildiz@initiative.example" not in client.get(f"{ROOT}body/1/person/").content.decode()
    assert [m["organization"].endswith(f"/organization/{committee.pk}/") for m in people[0]["membership"]] == [True]
    organization = client.get(url("organization", committee.pk)).json()
    assert len(organization["membership"]) == 1


# --- deleted and withdrawn objects ------------------------------------------------------------------


def test_a_withdrawn_meeting_is_reported_deleted_to_clients_that_sync(client, meeting):
    since = moment()
    actions.meeting_update(
        meeting=meeting,
        data=MeetingInput(start=meeting.start, end=meeting.end, visibility=Visibility.TEAM, title="Geheim"),
        by=_editor(),
    )
    assert listing(client, "meeting")["data"] == []
    synced = listing(client, "meeting", modified_since=since)["data"]
    assert synced == [
        {
            "id": f"http://127.0.0.1:8000{url('meeting', meeting.pk)}",
            "type": "https://schema.oparl.org/1.1/Meeting",
            "created": synced[0]["created"],
            "modified": synced[0]["modified"],
            "deleted": True,
        }
    ]
    detail = client.get(url("meeting", meeting.pk))
    assert detail.status_code == 200 and detail.json()["deleted"] is True
    assert "Geheim" not in detail.content.decode()


def test_content_that_was_never_public_is_never_reported_at_all(client, committee):
    since = moment()
    hidden = MeetingFactory(committee=committee, visibility=Visibility.TEAM)
    actions.meeting_cancel(meeting=hidden, by=_editor())
    assert listing(client, "meeting", modified_since=since)["data"] == []
    assert client.get(url("meeting", hidden.pk)).status_code == 404
    assert not Entry.objects.filter(kind="meeting", object_id=hidden.pk).exists()


def test_a_removed_agenda_item_is_deleted_and_its_meeting_modified(client, meeting):
    item = AgendaItemFactory(meeting=meeting, title="Zurückgezogen")
    since = moment()
    actions.agenda_item_remove(item=item, by=_editor())
    synced_items = listing(client, "agendaItem", modified_since=since)["data"]
    assert [(i["id"].endswith(url("agendaItem", item.pk)), i.get("deleted")) for i in synced_items] == [(True, True)]
    (synced_meeting,) = listing(client, "meeting", modified_since=since)["data"]
    assert "agendaItem" not in synced_meeting
    assert "Zurückgezogen" not in client.get(url("meeting", meeting.pk)).content.decode()


def test_withdrawn_consent_removes_the_person_and_the_membership(client, committee):
    person = consenting_person(family_name="Widerruf")
    membership = MembershipFactory(committee=committee, person=person, visibility=PUBLIC)
    assert len(listing(client, "person")["data"]) == 1
    since = moment()
    consent_record(
        person=person,
        consent_text=ConsentText.objects.filter(purpose=ConsentPurpose.PUBLIC_LISTING).first(),
        granted=False,
        given_on=timezone.localdate(),
        method="schriftlich",
        by=_editor(),
    )
    assert listing(client, "person")["data"] == []
    assert listing(client, "membership")["data"] == []
    deleted = {
        obj["id"].removeprefix("http://127.0.0.1:8000"): obj.get("deleted")
        for kind in ("person", "membership")
        for obj in listing(client, kind, modified_since=since)["data"]
    }
    assert deleted == {url("person", person.pk): True, url("membership", membership.pk): True}
    assert "Widerruf" not in client.get(url("person", person.pk)).content.decode()
    # The committee no longer lists the seat, and says so by its modified.
    assert listing(client, "organization", modified_since=since)["data"][0].get("membership") is None


# --- embedded objects update their parent ------------------------------------------------------------


def test_editing_an_embedded_agenda_item_modifies_its_meeting(client, meeting):
    item = AgendaItemFactory(meeting=meeting, title="Alt")
    since = moment()
    assert listing(client, "meeting", modified_since=since)["data"] == []
    actions.agenda_item_update(item=item, data=AgendaItemInput(title="Neu", visibility=PUBLIC), by=_editor())
    (changed,) = listing(client, "meeting", modified_since=since)["data"]
    assert changed["agendaItem"][0]["name"] == "Neu"
    assert changed["modified"] >= changed["agendaItem"][0]["modified"]


def test_a_decision_shows_as_paper_consultation_and_result_of_its_item(client, meeting):
    item = AgendaItemFactory(meeting=meeting, title="Erbbaurecht für den Kiezladen")
    decision = DecisionFactory(agenda_item=item, text="Die Runde empfiehlt das Erbbaurecht.")
    (paper,) = listing(client, "paper")["data"]
    assert paper["reference"] == decision.number
    assert paper["consultation"][0]["agendaItem"].endswith(url("agendaItem", item.pk))
    (embedded,) = listing(client, "meeting")["data"][0]["agendaItem"]
    assert embedded["resolutionText"] == "Die Runde empfiehlt das Erbbaurecht."
    assert embedded["consultation"].endswith(url("consultation", decision.pk))


# --- lists: filters, pagination -----------------------------------------------------------------------


def test_filters_are_kept_in_every_link_and_pages_follow_by_id(client, committee):
    meetings = [MeetingFactory(committee=committee) for _ in range(5)]
    since = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    page = listing(client, "meeting", created_since=since, modified_since=since, elementsPerPage="2", omit_internal="1")
    assert ids(page) == [url("meeting", m.pk) for m in meetings[:2]]
    for name in ("first", "self", "next"):
        link = page["links"][name]
        assert "created_since=" in link and "modified_since=" in link and "omit_internal=true" in link
    second = client.get(page["links"]["next"]).json()
    assert ids(second) == [url("meeting", m.pk) for m in meetings[2:4]]
    last = client.get(second["links"]["next"]).json()
    assert ids(last) == [url("meeting", meetings[4].pk)] and "next" not in last["links"]
    assert page["pagination"] == {"totalElements": 5, "elementsPerPage": 2}


def test_created_until_and_modified_until_narrow_the_list(client, committee):
    old = MeetingFactory(committee=committee)
    boundary = moment()
    MeetingFactory(committee=committee)
    assert ids(listing(client, "meeting", created_until=boundary)) == [url("meeting", old.pk)]
    assert ids(listing(client, "meeting", modified_until=boundary)) == [url("meeting", old.pk)]
    assert len(listing(client, "meeting", created_since=boundary)["data"]) == 1


def test_omit_internal_leaves_out_what_has_its_own_list(client, meeting):
    AgendaItemFactory(meeting=meeting)
    (data,) = listing(client, "meeting", omit_internal="true")["data"]
    assert "agendaItem" not in data
    assert "location" in data  # the meeting's place stays: it is its address


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"modified_since": "gestern"}, "modified_since ist kein Zeitpunkt"),
        ({"created_until": "2026-13-45T00:00:00+01:00"}, "created_until ist kein Zeitpunkt"),
        ({"elementsPerPage": "viele"}, "elementsPerPage muss eine ganze Zahl sein"),
        ({"elementsPerPage": "0"}, "elementsPerPage muss mindestens 1 sein"),
        ({"after": "-3"}, "after muss mindestens 0 sein"),
    ],
)
def test_bad_list_parameters_get_400_with_a_german_message(client, params, message):
    response = client.get(f"{ROOT}body/1/meeting/", params)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_timestamp_with_an_unencoded_plus_still_counts(client, meeting):
    since = (timezone.localtime() - datetime.timedelta(hours=1)).isoformat(timespec="seconds")
    response = client.get(f"{ROOT}body/1/meeting/?modified_since={since}")  # '+01:00' arrives as ' 01:00'
    assert response.status_code == 200 and len(response.json()["data"]) == 1


# --- protocol ----------------------------------------------------------------------------------------


def test_read_only_anonymous_json_with_cors_and_no_cookies(client, meeting):
    response = client.get(ROOT)
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    post = client.post(f"{ROOT}body/1/meeting/", {})
    assert post.status_code == 405 and "nur gelesen" in post.json()["message"]
    preflight = client.options(f"{ROOT}body/1/meeting/")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("path", ["body/2/", "body/1/drucksache/", "meeting/999999/", "gibtsnicht/", "person/abc/"])
def test_unknown_addresses_answer_404_in_json(client, path):
    response = client.get(f"{ROOT}{path}")
    assert response.status_code == 404
    assert response.json()["message"] == "Dieses Objekt gibt es hier nicht."


def test_the_interface_speaks_german_whatever_the_readers_language(client, meeting):
    client.cookies["django_language"] = "en"
    (data,) = listing(client, "meeting")["data"]
    assert data["meetingState"] == "geplant"


def test_reindex_rebuilds_the_same_index_and_is_safe_to_repeat(meeting):
    AgendaItemFactory(meeting=meeting)
    before = set(Entry.objects.values_list("kind", "object_id", "public"))
    Entry.objects.all().delete()
    call_command("oparl_reindex", verbosity=0)
    call_command("oparl_reindex", verbosity=0)
    assert set(Entry.objects.values_list("kind", "object_id", "public")) == before


# --- cost ---------------------------------------------------------------------------------------------


def _fill(committee, meetings: int):
    for _ in range(meetings):
        meeting = MeetingFactory(committee=committee, address="Yorckstraße 4–11, 10965 Berlin")
        for _ in range(3):
            item = AgendaItemFactory(meeting=meeting)
            DecisionFactory(agenda_item=item)
    for _ in range(meetings):
        MembershipFactory(committee=committee, person=consenting_person(), visibility=PUBLIC)


@pytest.mark.parametrize(
    "kind", ["meeting", "agendaItem", "paper", "person", "organization", "membership", "location", "consultation"]
)
def test_a_list_page_costs_the_same_for_3_and_for_12_objects(client, committee, kind):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{ROOT}body/1/{kind}/").status_code == 200
        return len(captured)

    _fill(committee, 3)
    few = queries()
    _fill(committee, 9)
    assert queries() == few


def test_the_last_page_costs_what_the_first_costs(client, committee):
    _fill(committee, 6)

    def page(path) -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        return len(captured), response.json()

    first_cost, first = page(f"{ROOT}body/1/agendaItem/?elementsPerPage=4")
    cost, current = first_cost, first
    while "next" in current["links"]:
        cost, current = page(current["links"]["next"].removeprefix("http://127.0.0.1:8000"))
    assert cost == first_cost


def test_links_built_without_reverse_match_the_routes(meeting):
    from django.conf import settings

    from gemeinwohl.oparl.serializers import meeting_page, object_url, oparl_url

    assert object_url("meeting", meeting.pk) == oparl_url("object", kind="meeting", pk=meeting.pk)
    assert meeting_page(meeting.pk, 7) == f"{settings.SITE_URL.rstrip('/')}{meeting.get_absolute_url()}#top-7"
