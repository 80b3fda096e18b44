"""The demo committees of ``manage.py load_demo``: the seed's seven bodies with a year of history."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.committees import demo as demo_module
from gemeinwohl.committees.actions import person_consents_to_public_listing
from gemeinwohl.committees.models import (
    AgendaItem,
    Committee,
    CommitteeKind,
    Decision,
    Meeting,
    MeetingState,
    Membership,
    MinutesState,
    Task,
    TaskStatus,
)
from gemeinwohl.committees.visibility import clearance_in
from gemeinwohl.core.visibility import Visibility

pytestmark = pytest.mark.django_db

SEVEN = {
    "steuerungsrunde": ("SR", CommitteeKind.OWN, Visibility.PUBLIC),
    "verein": ("VEREIN", CommitteeKind.ASSOCIATION, Visibility.MEMBERS),
    "jour-fixe": ("JF", CommitteeKind.OWN, Visibility.TEAM),
    "regelrunde": ("RR", CommitteeKind.OWN, Visibility.INTERNAL),
    "ag-planung": ("AGP", CommitteeKind.EXTERNAL, Visibility.TEAM),
    "netzwerk-immobilien": ("NGI", CommitteeKind.NETWORK, Visibility.MEMBERS),
    "baustelle-gemeinwohl": ("BG", CommitteeKind.NETWORK, Visibility.PUBLIC),
}
SEATS_OF = {
    "initiative@gemeinwohl.example": {"steuerungsrunde", "baustelle-gemeinwohl"},
    "bezirksamt@gemeinwohl.example": {"jour-fixe", "regelrunde"},
    "petra.schulze@gemeinwohl.example": {"ag-planung", "regelrunde"},
}


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module (it takes seconds) and rolled back after its last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count() for model in apps.get_app_config("committees").get_models()
    }


def test_loading_again_adds_nothing(demo):
    # given the demo loaded once
    first = row_counts()

    # when it is loaded again
    output = load_demo()

    # then no committee table gained a row, and the summary names committees and meetings
    assert row_counts() == first
    for model in (Committee, Membership, Meeting, AgendaItem, Decision, Task):
        assert first[model._meta.label] > 0
    assert f"{first['committees.Committee']} Gremien, {first['committees.Meeting']} Sitzungen," in output


def test_the_seven_bodies_of_the_seed_with_their_levels(demo):
    committees = {c.slug: (c.short_name, c.kind, c.visibility) for c in Committee.objects.all()}

    assert committees == SEVEN
    assert set(Committee.objects.get(slug="ag-planung").organisers.values_list("name", flat=True)) == {
        "Sozialraumorientierte Planungskoordination"
    }
    assert set(Committee.objects.get(slug="baustelle-gemeinwohl").organisers.values_list("name", flat=True)) == {
        "LokalBau Plattform",
        "AKS Gemeinwohl",
    }
    assert all(c.purpose and c.rhythm for c in Committee.objects.all())


@pytest.mark.parametrize("slug", SEVEN)
def test_each_body_has_members_a_past_year_and_what_comes_next(demo, slug):
    committee = Committee.objects.get(slug=slug)
    meetings = Meeting.objects.filter(committee=committee)
    held = meetings.filter(state=MeetingState.HELD).order_by("start")
    now = timezone.now()

    assert Membership.objects.current().filter(committee=committee).count() >= 4
    # a year of meetings, held, with minutes approved but for the latest
    assert held.count() >= 5
    assert (now - held.first().start).days > 270
    minutes = [m.minutes.state for m in held.select_related("minutes")]
    assert minutes[0] == MinutesState.APPROVED and minutes[-1] == MinutesState.DRAFT
    assert minutes.count(MinutesState.DRAFT) <= 2
    assert all(m.attendances.exists() and m.agenda_items.count() >= 3 for m in held)
    # the next meeting is invited, with its agenda
    upcoming = meetings.filter(start__gt=now).order_by("start")
    assert upcoming.first().state == MeetingState.INVITED
    assert upcoming.first().agenda_items.count() >= 3
    assert upcoming.first().invitations.exists()


def test_the_regelrunde_is_only_for_internal_staff(demo):
    regelrunde = Committee.objects.get(slug="regelrunde")
    seats = Membership.objects.filter(committee=regelrunde).select_related("person__account")

    assert regelrunde.visibility == Visibility.INTERNAL
    assert seats.exists()
    for seat in seats:
        account = seat.person.account
        assert account is None or account.role in (Role.TEAM_INTERNAL, Role.BEZIRKSAMT), seat
    # everything in it is administration-internal
    assert not Meeting.objects.filter(committee=regelrunde, visibility__lt=Visibility.INTERNAL).exists()


def test_the_demo_accounts_sit_where_the_readme_says(demo):
    for email, slugs in SEATS_OF.items():
        seats = Membership.objects.current().filter(person__account__email=email)

        assert slugs <= set(seats.values_list("committee__slug", flat=True)), email

    kim = Membership.objects.get(
        committee__slug="steuerungsrunde", person__account__email="initiative@gemeinwohl.example"
    )
    assert clearance_in(kim.person.account, kim.committee_id) == Visibility.MEMBERS


def test_seats_are_public_only_with_consent(demo):
    public = Membership.objects.filter(visibility=Visibility.PUBLIC).select_related("person")

    assert public.exists()
    assert all(person_consents_to_public_listing(seat.person) for seat in public)
    assert Membership.objects.filter(committee__visibility=Visibility.PUBLIC, visibility=Visibility.MEMBERS).exists()


def test_the_history_has_the_variety_the_pages_show(demo):
    today = timezone.localdate()

    assert Meeting.objects.filter(state=MeetingState.CANCELLED).count() == 1
    assert AgendaItem.objects.filter(visibility__gt=F("meeting__visibility")).exists()
    assert Decision.objects.filter(votes_yes__isnull=False).exists()
    assert Decision.objects.filter(votes_yes__isnull=True).exists()
    assert Task.objects.filter(status=TaskStatus.DONE).count() > Task.objects.open().count() > 0
    assert Task.objects.open().filter(due_date__lt=today).exists()
    assert Task.objects.open().filter(due_date__gte=today).exists()
    # 80 to 120 meetings in all, at the usual hours in Berlin
    assert 80 <= Meeting.objects.count() <= 120
    assert {timezone.localtime(m.start).hour for m in Meeting.objects.all()} <= {10, 16, 17, 18}


def test_on_any_day_of_the_year_each_body_has_a_past_year_and_a_next_meeting():
    # The demo's dates follow each rhythm around "today"; breaks (winter, summer) must not leave a body empty.
    first = datetime.date(2027, 1, 1)
    for day in (first + datetime.timedelta(days=n) for n in range(366)):
        now = datetime.datetime.combine(day, datetime.time(12, 0), tzinfo=demo_module.BERLIN)
        for spec in demo_module.SPECS:
            past, upcoming = demo_module._meeting_days(spec, day, now)

            assert len(past) >= 5 and (now - past[0]).days > 270, (day, spec.slug)
            assert 1 <= len(upcoming) <= 2 and (upcoming[0] - now).days < 70, (day, spec.slug)
