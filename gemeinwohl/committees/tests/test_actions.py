"""What the committee actions refuse, and that a refusal changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.committees import actions
from gemeinwohl.committees.models import (
    AgendaItem,
    Decision,
    Document,
    Meeting,
    MeetingState,
    MinutesEntry,
    MinutesRevision,
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


@pytest.fixture
def intern():
    return UserFactory(role=Role.TEAM_INTERNAL)


def in_days(days: int, hour: int = 17) -> datetime.datetime:
    return timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)


def test_a_meeting_cannot_end_before_it_starts(intern):
    committee = CommitteeFactory(by=intern)
    with pytest.raises(ValidationError) as error:
        actions.meeting_schedule(
            committee=committee,
            data=actions.MeetingInput(start=in_days(3), end=in_days(3) - datetime.timedelta(hours=1), visibility=10),
            by=intern,
        )
    assert "Das Ende muss nach dem Beginn liegen." in str(error.value)
    assert not Meeting.objects.exists()


def test_a_meeting_cannot_be_looser_than_its_committee(intern):
    committee = CommitteeFactory(visibility=Visibility.TEAM, by=intern)
    with pytest.raises(ValidationError) as error:
        actions.meeting_schedule(
            committee=committee,
            data=actions.MeetingInput(start=in_days(3), end=in_days(3, 19), visibility=Visibility.PUBLIC),
            by=intern,
        )
    assert "nicht offener" in str(error.value)
    assert not Meeting.objects.exists()


def test_an_agenda_item_may_be_stricter_than_its_meeting_never_looser(intern):
    meeting = MeetingFactory(
        committee=CommitteeFactory(visibility=0, by=intern), visibility=Visibility.MEMBERS, by=intern
    )
    stricter = actions.agenda_item_add(
        meeting=meeting, data=actions.AgendaItemInput(title="Nicht öffentlich", visibility=Visibility.TEAM), by=intern
    )
    assert stricter.visibility == Visibility.TEAM
    with pytest.raises(ValidationError):
        actions.agenda_item_add(
            meeting=meeting, data=actions.AgendaItemInput(title="Öffentlich", visibility=Visibility.PUBLIC), by=intern
        )
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Nicht öffentlich"]


def test_the_external_team_cannot_touch_the_regelrunde(intern):
    external = UserFactory(role=Role.TEAM_EXTERNAL)
    regelrunde = CommitteeFactory(visibility=Visibility.INTERNAL, by=intern)
    with pytest.raises(PermissionDenied):
        actions.meeting_schedule(
            committee=regelrunde,
            data=actions.MeetingInput(start=in_days(3), end=in_days(3, 19), visibility=Visibility.INTERNAL),
            by=external,
        )
    with pytest.raises(ValidationError):
        actions.meeting_schedule(
            committee=CommitteeFactory(visibility=Visibility.TEAM, by=intern),
            data=actions.MeetingInput(start=in_days(3), end=in_days(3, 19), visibility=Visibility.INTERNAL),
            by=external,
        )
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("einladung.pdf", b"<html><script>alert(1)</script></html>", "nicht erlaubt"),
        ("grafik.pdf", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "nicht erlaubt"),
        ("notizen.txt", b"Nur Text", "nicht erlaubt"),
        ("gross.pdf", b"%PDF-1.7\n" + b"0" * 2048, "zu groß"),
    ],
)
def test_a_forbidden_or_oversized_file_is_refused_and_nothing_is_stored(intern, settings, name, content, message):
    settings.COMMITTEES_DOCUMENT_MAX_BYTES = 1024
    meeting = MeetingFactory(by=intern)
    with pytest.raises(ValidationError) as error:
        actions.document_attach(
            meeting=meeting,
            upload=SimpleUploadedFile(name, content),
            title="",
            visibility=meeting.visibility,
            by=intern,
        )
    assert message in str(error.value)
    assert not Document.objects.exists()


def test_inviting_a_committee_without_members_sends_nothing(intern, mailoutbox, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(by=intern)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        actions.invitations_send(meeting=meeting, by=intern)
    assert "keine aktuellen Mitglieder" in str(error.value)
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED
    assert mailoutbox == []


def test_a_cancelled_meeting_cannot_be_changed_or_invited(intern):
    committee = CommitteeFactory(by=intern)
    member(committee)
    meeting = MeetingFactory(committee=committee, by=intern)
    actions.meeting_cancel(meeting=meeting, by=intern)
    with pytest.raises(ValidationError):
        actions.invitations_send(meeting=meeting, by=intern)
    with pytest.raises(ValidationError):
        actions.meeting_update(
            meeting=meeting,
            data=actions.MeetingInput(start=in_days(9), end=in_days(9, 19), visibility=meeting.visibility),
            by=intern,
        )
    meeting.refresh_from_db()
    assert meeting.start.date() != in_days(9).date()


def test_changing_time_raises_the_calendar_sequence_and_a_stricter_meeting_makes_its_points_stricter(intern):
    meeting = MeetingFactory(committee=CommitteeFactory(visibility=0, by=intern), visibility=0, by=intern)
    item = AgendaItemFactory(meeting=meeting, visibility=0, by=intern)
    updated = actions.meeting_update(
        meeting=meeting,
        data=actions.MeetingInput(start=in_days(10), end=in_days(10, 19), visibility=Visibility.TEAM),
        by=intern,
    )
    item.refresh_from_db()
    assert updated.sequence == 1
    assert item.visibility == Visibility.TEAM


def test_minutes_conflicts_are_never_silent(intern):
    meeting = MeetingFactory(by=intern)
    item = AgendaItemFactory(meeting=meeting, by=intern)
    colleague = UserFactory(role=Role.TEAM_EXTERNAL)
    actions.minutes_save_entry(item=item, text="Erste Fassung", base_version=0, by=intern)

    # The colleague started from version 0 too and saves later: a conflict with both texts.
    with pytest.raises(actions.MinutesConflict) as conflict:
        actions.minutes_save_entry(item=item, text="Andere Fassung", base_version=0, by=colleague)
    assert conflict.value.theirs == "Erste Fassung"
    assert conflict.value.mine == "Andere Fassung"
    assert MinutesEntry.objects.get(agenda_item=item).text == "Erste Fassung"

    # Having seen the newer version, they may save over it knowingly.
    entry = actions.minutes_save_entry(item=item, text="Zusammengeführt", base_version=1, by=colleague)
    assert (entry.text, entry.version, entry.updated_by) == ("Zusammengeführt", 2, colleague)


def test_approved_minutes_are_read_only_and_corrections_keep_the_history(intern):
    meeting = MeetingFactory(by=intern)
    item = AgendaItemFactory(meeting=meeting, by=intern)
    actions.minutes_save_entry(item=item, text="Beschlossen wurde A.", base_version=0, by=intern)
    actions.minutes_approve(meeting=meeting, by=intern)

    with pytest.raises(ValidationError) as error:
        actions.minutes_save_entry(item=item, text="Beschlossen wurde B.", base_version=1, by=intern)
    assert "genehmigt" in str(error.value)
    with pytest.raises(ValidationError):
        actions.minutes_correct(item=item, text="Beschlossen wurde B.", reason="  ", base_version=1, by=intern)
    assert MinutesEntry.objects.get(agenda_item=item).text == "Beschlossen wurde A."

    actions.minutes_correct(item=item, text="Beschlossen wurde B.", reason="Tippfehler", base_version=1, by=intern)
    history = list(
        MinutesRevision.objects.filter(entry__agenda_item=item).values_list("text", "is_correction", "reason")
    )
    assert history == [("Beschlossen wurde A.", False, ""), ("Beschlossen wurde B.", True, "Tippfehler")]


def test_empty_minutes_cannot_be_approved(intern):
    meeting = MeetingFactory(by=intern)
    AgendaItemFactory(meeting=meeting, by=intern)
    with pytest.raises(ValidationError) as error:
        actions.minutes_approve(meeting=meeting, by=intern)
    assert "noch leer" in str(error.value)


def test_decisions_are_numbered_per_committee_and_year_and_votes_come_complete(intern):
    committee = CommitteeFactory(short_name="SR", by=intern)
    item = AgendaItemFactory(meeting=MeetingFactory(committee=committee, by=intern), by=intern)
    first = actions.decision_record(
        item=item, data=actions.DecisionInput(text="A", result="angenommen", visibility=item.visibility), by=intern
    )
    second = actions.decision_record(
        item=item,
        data=actions.DecisionInput(
            text="B", result="abgelehnt", visibility=item.visibility, votes_yes=2, votes_no=5, votes_abstain=1
        ),
        by=intern,
    )
    year = timezone.localtime(item.meeting.start).year
    assert (first.number, second.number) == (f"SR-{year}/01", f"SR-{year}/02")
    with pytest.raises(ValidationError) as error:
        actions.decision_record(
            item=item,
            data=actions.DecisionInput(text="C", result="angenommen", visibility=item.visibility, votes_yes=3),
            by=intern,
        )
    assert "alle drei Stimmenzahlen" in str(error.value)
    assert Decision.objects.count() == 2


def test_attendance_is_for_members_and_records_their_sector(intern):
    committee = CommitteeFactory(by=intern)
    seat = member(committee, sector="verwaltung")
    stranger = member(CommitteeFactory(by=intern)).person
    meeting = MeetingFactory(committee=committee, past=True, by=intern)
    records = actions.attendance_record(meeting=meeting, statuses={seat.person: "anwesend"}, by=intern)
    assert [(r.person, r.status, r.sector) for r in records] == [(seat.person, "anwesend", "verwaltung")]
    with pytest.raises(ValidationError):
        actions.attendance_record(meeting=meeting, statuses={stranger: "anwesend"}, by=intern)


def test_an_agenda_point_with_minutes_stays(intern):
    meeting = MeetingFactory(by=intern)
    item = AgendaItemFactory(meeting=meeting, by=intern)
    actions.minutes_save_entry(item=item, text="Etwas wurde besprochen.", base_version=0, by=intern)
    with pytest.raises(ValidationError):
        actions.agenda_item_remove(item=item, by=intern)
    item.refresh_from_db()
    assert item.deleted_at is None


def test_moving_points_keeps_hidden_ones_in_place(intern):
    external = UserFactory(role=Role.TEAM_EXTERNAL)
    meeting = MeetingFactory(committee=CommitteeFactory(visibility=Visibility.MEMBERS, by=intern), by=intern)
    AgendaItemFactory(meeting=meeting, title="A", by=intern)
    AgendaItemFactory(meeting=meeting, title="Intern", visibility=Visibility.INTERNAL, by=intern)
    c = AgendaItemFactory(meeting=meeting, title="C", by=intern)

    actions.agenda_item_move(item=c, by=external, up=True)

    order = list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("title", flat=True))
    # C and A swap places; the point the external team cannot see stays where it was.
    assert order == ["C", "Intern", "A"]


def test_a_member_may_mark_their_own_task_done_but_not_others(intern):
    committee = CommitteeFactory(by=intern)
    mine = member(committee, account_role=Role.REGISTERED)
    theirs = member(committee)
    my_task = TaskFactory(committee=committee, assignee=mine.person, by=intern)
    other_task = TaskFactory(committee=committee, assignee=theirs.person, by=intern)
    actions.task_set_status(task=my_task, status="erledigt", by=mine.person.account)
    assert my_task.done_at is not None
    with pytest.raises(PermissionDenied):
        actions.task_set_status(task=other_task, status="erledigt", by=mine.person.account)


def test_an_editor_keeps_the_organisers_they_cannot_see(intern):
    from gemeinwohl.directory.tests.factories import OrganisationFactory

    external = UserFactory(role=Role.TEAM_EXTERNAL)
    seen = OrganisationFactory(name="LokalBau Plattform")
    hidden = OrganisationFactory(name="Geheim GmbH", visibility=Visibility.INTERNAL)
    committee = CommitteeFactory(visibility=Visibility.MEMBERS, organisers=[seen, hidden], by=intern)
    actions.committee_update(
        committee=committee,
        by=external,
        data=actions.CommitteeInput(
            name="Neu",
            short_name=committee.short_name,
            slug=committee.slug,
            kind=committee.kind,
            visibility=committee.visibility,
            organisers=[],
        ),
    )
    assert set(committee.organisers.all()) == {hidden}
