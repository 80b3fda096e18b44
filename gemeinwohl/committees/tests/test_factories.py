"""The committee factories make what they promise, through the actions."""

import pytest
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.committees import actions
from gemeinwohl.committees.models import Committee, MeetingState, MembershipRole, TaskStatus
from gemeinwohl.committees.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    TaskFactory,
    member,
)
from gemeinwohl.committees.visibility import clearance_in
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import ContactKind

pytestmark = pytest.mark.django_db


def test_committees_get_their_own_slug_and_the_level_asked_for():
    first, second = CommitteeFactory(), CommitteeFactory(visibility=Visibility.INTERNAL)

    assert first.slug != second.slug
    assert (first.visibility, second.visibility) == (Visibility.MEMBERS, Visibility.INTERNAL)
    assert Committee.objects.count() == 2


def test_a_member_with_an_account_reads_the_members_part_of_their_committee():
    committee = CommitteeFactory()

    seat = member(committee, role=MembershipRole.CHAIR, account_role=Role.REGISTERED)

    account = seat.person.account
    assert account.role == Role.REGISTERED
    assert seat.role == MembershipRole.CHAIR and seat.committee == committee
    assert seat.person.contacts.filter(kind=ContactKind.EMAIL).exists()
    assert clearance_in(account, committee.pk) == Visibility.MEMBERS
    assert clearance_in(account, CommitteeFactory().pk) == Visibility.PUBLIC


def test_a_member_without_account_of_a_public_committee_is_not_named_publicly():
    seat = member(CommitteeFactory(visibility=Visibility.PUBLIC))

    assert seat.person.account is None
    assert seat.visibility == Visibility.MEMBERS


def test_meetings_lie_ahead_unless_past_and_a_past_one_can_be_marked_held():
    upcoming, past = MeetingFactory(), MeetingFactory(past=True)

    assert upcoming.start > timezone.now() > past.end
    assert upcoming.visibility == upcoming.committee.visibility
    assert actions.meeting_mark_held(meeting=past, by=past.created_by).state == MeetingState.HELD


def test_items_decisions_and_tasks_follow_their_containers_level():
    meeting = MeetingFactory(committee=CommitteeFactory(visibility=Visibility.TEAM))

    item = AgendaItemFactory(meeting=meeting)
    decision = DecisionFactory(agenda_item=item, votes_yes=5, votes_no=1, votes_abstain=0)
    task = TaskFactory(agenda_item=item, status=TaskStatus.DONE)

    assert item.visibility == decision.visibility == task.visibility == Visibility.TEAM
    year = timezone.localtime(meeting.start).year
    assert decision.number == f"{meeting.committee.short_name}-{year}/01"
    assert task.committee == meeting.committee and task.status == TaskStatus.DONE
    assert TaskFactory().committee != meeting.committee
