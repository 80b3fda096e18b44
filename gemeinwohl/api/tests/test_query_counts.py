"""Lists cost the same number of queries however many rows they hold.

Rows go in with bulk_create for speed; only reading is under test.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gemeinwohl.committees import actions
from gemeinwohl.committees.models import AgendaItem, Committee, Decision, Meeting, Membership, Task
from gemeinwohl.committees.tests.factories import AgendaItemFactory, CommitteeFactory, MeetingFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Affiliation, ContactDetail, Organisation, Person, Topic

pytestmark = pytest.mark.django_db


def count_queries(api, path) -> int:
    api.get("/me")  # the key's "last used" is written at most once a minute: not part of the list's cost
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path, {"limit": 200})
    assert response.status_code == 200, response.content
    return len(queries)


def grow_committees(n: int) -> Committee:
    """``n`` more committees, each with a meeting, a point, a decision, a task and a seat; returns the first one."""
    committees = Committee.objects.bulk_create(
        Committee(name=f"Runde {n}-{i}", short_name=f"R{i}", slug=f"runde-{n}-{i}", kind="netzwerk", visibility=0)
        for i in range(n)
    )
    organisation = Organisation.objects.create(name="Organisatorin", sector="zivilgesellschaft", visibility=0)
    person = Person.objects.create(family_name="Mitglied", visibility=0)
    start = timezone.now() + datetime.timedelta(days=3)
    meetings = Meeting.objects.bulk_create(
        Meeting(committee=c, start=start, end=start + datetime.timedelta(hours=2), room="R", visibility=0)
        for c in committees
    )
    items = AgendaItem.objects.bulk_create(AgendaItem(meeting=m, title="TOP", visibility=0) for m in meetings)
    Decision.objects.bulk_create(
        Decision(agenda_item=item, number=f"D{item.pk}", text="Beschluss", visibility=0) for item in items
    )
    Task.objects.bulk_create(
        Task(committee=c, meeting=m, title="Aufgabe", assignee=person, visibility=0)
        for c, m in zip(committees, meetings, strict=True)
    )
    Membership.objects.bulk_create(
        Membership(committee=c, person=person, sector="zivilgesellschaft", visibility=0) for c in committees
    )
    Committee.organisers.through.objects.bulk_create(
        Committee.organisers.through(committee=c, organisation=organisation) for c in committees
    )
    return committees[0]


@pytest.mark.parametrize("role", ["anonymous", "registered", "team_internal"])
@pytest.mark.parametrize("path", ["/committees", "/meetings", "/meetings?upcoming=true", "/decisions", "/tasks"])
def test_committee_lists_cost_the_same_with_2_and_60_committees(api_as, users, role, path):
    grow_committees(2)
    api = api_as(role)
    few = count_queries(api, path)

    grow_committees(58)
    many = count_queries(api, path)

    assert many == few, f"{path}: {few} queries with 2 committees, {many} with 60"


@pytest.mark.parametrize("role", ["anonymous", "team_internal"])
def test_a_committees_meetings_and_members_cost_the_same_with_2_and_100(api_as, users, role):
    intern = users["team_internal"]
    committee = CommitteeFactory(visibility=0, by=intern)
    person = Person.objects.create(family_name="Erste", visibility=0)
    Membership.objects.create(committee=committee, person=person, sector="politik", visibility=0)
    MeetingFactory(committee=committee, room="R", by=intern)
    api = api_as(role)
    paths = [f"/committees/{committee.pk}/meetings", f"/committees/{committee.pk}/memberships"]
    few = [count_queries(api, path) for path in paths]

    start = timezone.now()
    Meeting.objects.bulk_create(
        Meeting(committee=committee, start=start, end=start + datetime.timedelta(hours=1), room="R", visibility=0)
        for _ in range(99)
    )
    people = Person.objects.bulk_create(Person(family_name=f"P{n}", visibility=0) for n in range(99))
    Membership.objects.bulk_create(
        Membership(committee=committee, person=p, sector="politik", visibility=0) for p in people
    )
    many = [count_queries(api, path) for path in paths]

    assert many == few


@pytest.mark.parametrize("role", ["anonymous", "team_internal"])
def test_a_meeting_costs_the_same_with_1_and_40_points(api_as, users, role):
    intern = users["team_internal"]
    meeting = MeetingFactory(committee=CommitteeFactory(visibility=0, by=intern), visibility=0, past=True, by=intern)
    AgendaItemFactory(meeting=meeting, visibility=0, by=intern)
    api = api_as(role)
    few = count_queries(api, f"/meetings/{meeting.pk}")

    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, position=n + 2, title=f"Punkt {n}", visibility=0) for n in range(39)
    )
    for n, item in enumerate(items[:10]):
        actions.decision_record(
            item=item, data=actions.DecisionInput(text=f"B{n}", result="angenommen", visibility=0), by=intern
        )
        actions.minutes_save_entry(item=item, text=f"Protokoll {n}", base_version=0, by=intern)
    many = count_queries(api, f"/meetings/{meeting.pk}")

    assert many == few


def grow_address_book(n: int):
    topic, _ = Topic.objects.get_or_create(name="Milieuschutz")
    parent = Organisation.objects.create(name="Dach", sector="zivilgesellschaft", visibility=Visibility.TEAM)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Organisation {n}-{i}", sector="zivilgesellschaft", parent=parent, visibility=Visibility.TEAM
        )
        for i in range(n)
    )
    people = Person.objects.bulk_create(
        Person(family_name=f"Person {n}-{i}", visibility=Visibility.TEAM) for i in range(n)
    )
    ContactDetail.objects.bulk_create(
        ContactDetail(person=p, kind="email", value=f"p{p.pk}@example.org", visibility=Visibility.TEAM) for p in people
    )
    ContactDetail.objects.bulk_create(
        ContactDetail(organisation=o, kind="email", value=f"o{o.pk}@example.org", visibility=Visibility.TEAM)
        for o in organisations
    )
    Affiliation.objects.bulk_create(
        Affiliation(person=p, organisation=o, visibility=Visibility.TEAM)
        for p, o in zip(people, organisations, strict=True)
    )
    Person.topics.through.objects.bulk_create(Person.topics.through(person=p, topic=topic) for p in people)
    Organisation.topics.through.objects.bulk_create(
        Organisation.topics.through(organisation=o, topic=topic) for o in organisations
    )


@pytest.mark.parametrize("path", ["/persons", "/organisations", "/persons?q=Person", "/organisations?archived=true"])
def test_address_book_lists_cost_the_same_with_2_and_150_entries(api_as, path):
    grow_address_book(2)
    api = api_as("team_external")
    few = count_queries(api, path)

    grow_address_book(148)
    many = count_queries(api, path)

    assert many == few, f"{path}: {few} queries with 2 entries, {many} with 150"
