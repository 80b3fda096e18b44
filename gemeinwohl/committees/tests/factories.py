"""Committee test data, made through the same actions as the platform's pages.

Every factory takes ``by`` (default: a fresh administration-internal team
account, who may do everything) and leaves a level unset to mean "as strict
as the container": committee → meeting → agenda item → decision, task.
"""

import datetime

import factory
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.committees import actions
from gemeinwohl.committees.actions import AgendaItemInput, CommitteeInput, DecisionInput, MeetingInput, TaskInput
from gemeinwohl.committees.models import (
    AgendaItem,
    AgendaItemKind,
    Committee,
    CommitteeKind,
    Decision,
    DecisionResult,
    Meeting,
    Membership,
    MembershipRole,
    Task,
    TaskStatus,
)
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.actions import person_link_account
from gemeinwohl.directory.models import Sector
from gemeinwohl.directory.tests.factories import PersonFactory


def _editor():
    """The account test data is filed by: an administration-internal team member."""
    return UserFactory(role=Role.TEAM_INTERNAL)


def _five_pm(*, days: int) -> datetime.datetime:
    """17:00 Berlin time, ``days`` from today."""
    today = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
    return today + datetime.timedelta(days=days)


class CommitteeFactory(factory.django.DjangoModelFactory):
    """A committee the AKS runs, at the members' level unless ``visibility`` says otherwise."""

    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n}")
    short_name = factory.Sequence(lambda n: f"AG{n}")
    slug = factory.Sequence(lambda n: f"gremium-{n}")
    kind = CommitteeKind.OWN
    visibility = Visibility.MEMBERS
    purpose = ""
    rhythm = ""
    organisers = None
    by = None

    @classmethod
    def _create(cls, model_class, *, by, **fields):
        return actions.committee_create(by=by or _editor(), data=CommitteeInput(**fields))


class MembershipFactory(factory.django.DjangoModelFactory):
    """A current seat of an address-book person with an e-mail address.

    ``account_role`` also gives the person an account of that role. Without a
    ``visibility`` the action decides: as visible as the committee, but never
    public, since naming someone publicly needs their consent.
    """

    class Meta:
        model = Membership

    committee = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(PersonFactory, email=factory.Sequence(lambda n: f"mitglied{n}@test.example"))
    role = MembershipRole.MEMBER
    sector = Sector.CIVIL_SOCIETY
    start_date = None
    end_date = None
    visibility = None
    account_role = None
    by = None

    @classmethod
    def _create(cls, model_class, *, by, account_role, **fields):
        by = by or _editor()
        if account_role is not None:
            person_link_account(person=fields["person"], account=UserFactory(role=account_role), by=by)
        return actions.membership_add(by=by, **fields)


def member(committee, *, role=MembershipRole.MEMBER, account_role=None, **fields) -> Membership:
    """A new person with an e-mail address and a current seat in ``committee``.

    With ``account_role`` the person also has an account of that role:
    ``member(committee, account_role=Role.REGISTERED).person.account`` reads as that member.
    """
    return MembershipFactory(committee=committee, role=role, account_role=account_role, **fields)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A two-hour meeting at 17:00 a week from today; ``past=True``: a week ago (not yet marked held)."""

    class Meta:
        model = Meeting

    class Params:
        past = False

    committee = factory.SubFactory(CommitteeFactory)
    start = factory.LazyAttribute(lambda o: _five_pm(days=-7 if o.past else 7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    visibility = None
    title = ""
    room = ""
    address = ""
    online_url = ""
    by = None

    @classmethod
    def _create(cls, model_class, *, committee, by, visibility, **fields):
        level = committee.visibility if visibility is None else visibility
        return actions.meeting_schedule(
            committee=committee, data=MeetingInput(visibility=level, **fields), by=by or _editor()
        )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A point at the end of a meeting's agenda."""

    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    visibility = None
    description = ""
    kind = AgendaItemKind.DISCUSSION
    presenter = ""
    by = None

    @classmethod
    def _create(cls, model_class, *, meeting, by, visibility, **fields):
        level = meeting.visibility if visibility is None else visibility
        return actions.agenda_item_add(
            meeting=meeting, data=AgendaItemInput(visibility=level, **fields), by=by or _editor()
        )


class DecisionFactory(factory.django.DjangoModelFactory):
    """A decision under an agenda point, numbered by the action; vote counts all three or none."""

    class Meta:
        model = Decision

    agenda_item = factory.SubFactory(AgendaItemFactory)
    text = factory.Sequence(lambda n: f"Die Runde stimmt dem Vorschlag {n} zu.")
    result = DecisionResult.ADOPTED
    visibility = None
    votes_yes = None
    votes_no = None
    votes_abstain = None
    by = None

    @classmethod
    def _create(cls, model_class, *, agenda_item, by, visibility, **fields):
        level = agenda_item.visibility if visibility is None else visibility
        return actions.decision_record(
            item=agenda_item, data=DecisionInput(visibility=level, **fields), by=by or _editor()
        )


class TaskFactory(factory.django.DjangoModelFactory):
    """A task of a committee (of the agenda point's committee, if one is given); ``status`` moves it on."""

    class Meta:
        model = Task

    agenda_item = None
    committee = factory.Maybe(
        "agenda_item",
        yes_declaration=factory.LazyAttribute(lambda o: o.agenda_item.meeting.committee),
        no_declaration=factory.SubFactory(CommitteeFactory),
    )
    title = factory.Sequence(lambda n: f"Aufgabe {n}")
    visibility = None
    assignee = None
    due_date = None
    status = TaskStatus.OPEN
    by = None

    @classmethod
    def _create(cls, model_class, *, committee, by, visibility, status, **fields):
        by = by or _editor()
        if visibility is None:
            visibility = fields["agenda_item"].visibility if fields["agenda_item"] else committee.visibility
        task = actions.task_create(committee=committee, data=TaskInput(visibility=visibility, **fields), by=by)
        if status != TaskStatus.OPEN:
            task = actions.task_set_status(task=task, status=status, by=by)
        return task
