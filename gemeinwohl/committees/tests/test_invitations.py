"""Invitation mails as members receive them: one each, the agenda they may see, a calendar file, answer links.

The set-up goes through the committees' actions; the helpers here are shared
with ``test_calendar_views`` until the app has factories of its own.
"""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from gemeinwohl.committees import actions
from gemeinwohl.committees.invitations import member_addresses
from gemeinwohl.committees.models import CommitteeKind, Invitation, MeetingState, MembershipRole
from gemeinwohl.core.tests.pages import h1, main, text
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.actions import person_link_account
from gemeinwohl.directory.models import ContactContext, ContactKind, Sector
from gemeinwohl.directory.tests.factories import PersonFactory, add_contact

pytestmark = pytest.mark.django_db

SITE = "https://gemeinwohl.example"
MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]


# --- set-up through the actions --------------------------------------------------------


def make_committee(*, by, name="Jour-Fixe Gemeinwohl", slug="jour-fixe", visibility=Visibility.MEMBERS):
    return actions.committee_create(
        by=by,
        data=actions.CommitteeInput(
            name=name, short_name=slug[:8].upper(), slug=slug, kind=CommitteeKind.OWN, visibility=visibility
        ),
    )


def make_member(committee, *, by, family_name, given_name="Kim", email="", account=None, **membership):
    """A person with a seat in ``committee``; ``email`` a work address, ``account`` their platform account."""
    person = PersonFactory(family_name=family_name, given_name=given_name, email=email, by=by)
    if account is not None:
        person_link_account(person=person, account=account, by=by)
    actions.membership_add(
        committee=committee,
        person=person,
        role=MembershipRole.MEMBER,
        sector=Sector.CIVIL_SOCIETY,
        by=by,
        visibility=max(committee.visibility, Visibility.MEMBERS),
        **membership,
    )
    return person


def next_tuesday_evening(*, weeks=1) -> datetime.datetime:
    """18:00 Berlin time on a Tuesday at least ``weeks`` weeks ahead."""
    day = timezone.localdate() + datetime.timedelta(weeks=weeks)
    day += datetime.timedelta(days=(1 - day.weekday()) % 7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0)))


def make_meeting(committee, *, by, visibility=None, title="", start=None, room="Raum 3.04"):
    start = start or next_tuesday_evening()
    return actions.meeting_schedule(
        committee=committee,
        by=by,
        data=actions.MeetingInput(
            start=start,
            end=start + datetime.timedelta(hours=2),
            visibility=committee.visibility if visibility is None else visibility,
            title=title,
            room=room,
            address="Yorckstraße 4–10, 10965 Berlin",
            online_url="https://video.example/jour-fixe",
        ),
    )


def add_item(meeting, title, *, by, visibility=None):
    return actions.agenda_item_add(
        meeting=meeting,
        by=by,
        data=actions.AgendaItemInput(title=title, visibility=meeting.visibility if visibility is None else visibility),
    )


def invite(meeting, *, by, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return actions.invitations_send(meeting=meeting, by=by)


# --- reading the mails ----------------------------------------------------------------


def mail_to(address: str):
    """The one mail that went to ``address``; fails if there is none or more than one."""
    (message,) = [m for m in mail.outbox if m.to == [address]]
    return message


def html_of(message) -> str:
    (html,) = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
    return html


def calendar_part(message):
    (part,) = [a for a in message.attachments if not isinstance(a, tuple) and a.get_content_type() == "text/calendar"]
    return part


def calendar_of(message) -> Calendar:
    return Calendar.from_ical(calendar_part(message).get_payload(decode=True))


def event_of(message):
    (event,) = calendar_of(message).walk("VEVENT")
    return event


def link(message, label: str) -> str:
    """The address after ``label:`` in the plain-text mail."""
    return re.search(rf"^{label}: (\S+)$", message.body, re.M).group(1)


# --- a committee with members of every kind ------------------------------------------


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def jour_fixe(users):
    """A members' committee: a registered member, an internal team member, a member without account.

    Its next meeting has a public item, a team item and an administration-internal item.
    """
    team = users["team_internal"]
    committee = make_committee(by=team)
    make_member(
        committee,
        by=team,
        family_name="Brandt",
        given_name="Jana",
        email="jana@initiative.example",
        account=users["registered"],
    )
    make_member(
        committee,
        by=team,
        family_name="Yilmaz",
        given_name="Deniz",
        email="deniz@ba.example",
        account=users["team_internal"],
    )
    make_member(committee, by=team, family_name="Ohnekonto", given_name="Olga", email="olga@verein.example")
    meeting = make_meeting(committee, by=team)
    add_item(meeting, "Begrüßung", by=team)
    add_item(meeting, "Haushaltsentwurf des Trägervereins", by=team, visibility=Visibility.TEAM)
    add_item(meeting, "Personalangelegenheit Stadtentwicklungsamt", by=team, visibility=Visibility.INTERNAL)
    return meeting


# --- member addresses -------------------------------------------------------------------


def test_member_addresses_are_the_current_members_first_email_sorted_by_name(users):
    # given members with one, two, only a private, or no e-mail address, and one whose seat has ended
    team = users["team_internal"]
    committee = make_committee(by=team)
    zander = make_member(committee, by=team, family_name="Zander", email="zander@example.org")
    add_contact(zander, value="zander-zweit@example.org", by=team)
    privat = make_member(committee, by=team, family_name="Abel")
    add_contact(privat, value="abel@privat.example", context=ContactContext.PRIVATE, by=team)
    ohne = make_member(committee, by=team, family_name="Meier")
    add_contact(ohne, kind=ContactKind.PHONE, value="+49 30 1234567", by=team)
    make_member(
        committee,
        by=team,
        family_name="Früher",
        email="frueher@example.org",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )

    # when the team asks whom it can write to
    addresses = member_addresses(committee)

    # then the current members with an address, by name, each at their first address
    assert [(person.family_name, address) for person, address in addresses] == [
        ("Abel", "abel@privat.example"),
        ("Zander", "zander@example.org"),
    ]


# --- inviting ---------------------------------------------------------------------------


def test_inviting_mails_each_member_once_with_the_agenda_they_may_see(
    jour_fixe, users, django_capture_on_commit_callbacks
):
    # when the team invites to the meeting
    invite(jour_fixe, by=users["team_internal"], django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)

    # then every member gets exactly one mail, from the platform
    assert sorted(m.to[0] for m in mail.outbox) == [
        "deniz@ba.example",
        "jana@initiative.example",
        "olga@verein.example",
    ]
    assert {m.from_email for m in mail.outbox} == {"AKS Gemeinwohl <noreply@localhost>"}

    # and the registered member and the member without account read the members' part only,
    # in the mail text, its HTML and the calendar file alike
    for address in ("jana@initiative.example", "olga@verein.example"):
        message = mail_to(address)
        for shown in (message.body, text(html_of(message)), str(event_of(message)["DESCRIPTION"])):
            assert "Begrüßung" in shown
            assert "Haushaltsentwurf" not in shown
            assert "Personalangelegenheit" not in shown

    # and the administration-internal team member reads all of it
    message = mail_to("deniz@ba.example")
    assert "TOP 1: Begrüßung\n" in message.body
    assert "TOP 2: Haushaltsentwurf des Trägervereins\n" in message.body
    assert "TOP 3: Personalangelegenheit Stadtentwicklungsamt\n" in message.body
    assert "TOP 3: Personalangelegenheit Stadtentwicklungsamt" in str(event_of(message)["DESCRIPTION"])


def test_the_invitation_says_what_when_and_where_in_german(jour_fixe, users, django_capture_on_commit_callbacks):
    # when the team invites
    invite(jour_fixe, by=users["team_internal"], django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)

    # then the member reads the meeting, Berlin time, room, address and online access
    message = mail_to("jana@initiative.example")
    start = timezone.localtime(jour_fixe.start)
    date = f"{start.day}. {MONTHS[start.month - 1]} {start.year}"
    assert message.subject == f"Einladung: Jour-Fixe Gemeinwohl am {date}"
    assert message.body.startswith("Guten Tag Jana Brandt,\n\nwir laden Sie herzlich zur Sitzung")
    assert f"Wann: {WEEKDAYS[start.weekday()]}, {date}, 18:00 bis 20:00 Uhr\n" in message.body
    assert "Raum: Raum 3.04\n" in message.body
    assert "Anschrift: Yorckstraße 4–10, 10965 Berlin\n" in message.body
    assert "Online-Zugang: https://video.example/jour-fixe\n" in message.body
    assert f"Die Sitzung auf der Plattform: {SITE}/sitzungen/{jour_fixe.pk}/" in message.body


def test_the_calendar_file_is_a_request_for_the_member(jour_fixe, users, django_capture_on_commit_callbacks):
    # when the team invites
    invite(jour_fixe, by=users["team_internal"], django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)

    # then the attached file asks the member's calendar to add the meeting
    message = mail_to("jana@initiative.example")
    part = calendar_part(message)
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "einladung.ics"
    calendar = calendar_of(message)
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == f"meeting-{jour_fixe.pk}@gemeinwohl.example"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == jour_fixe.start
    assert event["SUMMARY"] == "Jour-Fixe Gemeinwohl"
    assert event["URL"] == f"{SITE}/sitzungen/{jour_fixe.pk}/"
    assert str(event["ORGANIZER"]) == "mailto:noreply@localhost"
    assert str(event["ATTENDEE"]) == "mailto:jana@initiative.example"


def test_inviting_again_keeps_the_event_and_raises_its_sequence(jour_fixe, users, django_capture_on_commit_callbacks):
    # given a meeting invited to once
    team = users["team_internal"]
    invite(jour_fixe, by=team, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    first = event_of(mail_to("jana@initiative.example"))
    mail.outbox.clear()

    # when the team invites again (say, the agenda grew)
    add_item(jour_fixe, "Nachtrag: Vorkaufsrecht Wrangelstraße", by=team)
    invite(jour_fixe, by=team, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)

    # then each member gets one new mail for the same event, one step newer, with the new item
    assert len(mail.outbox) == 3
    again = event_of(mail_to("jana@initiative.example"))
    assert again["UID"] == first["UID"]
    assert (first["SEQUENCE"], again["SEQUENCE"]) == (0, 1)
    assert "Nachtrag: Vorkaufsrecht Wrangelstraße" in str(again["DESCRIPTION"])


def test_a_changed_time_goes_out_as_an_update_of_the_same_event(jour_fixe, users, django_capture_on_commit_callbacks):
    # given an invited meeting
    team = users["team_internal"]
    invite(jour_fixe, by=team, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    first = event_of(mail_to("olga@verein.example"))
    mail.outbox.clear()

    # when it moves by a week
    later = jour_fixe.start + datetime.timedelta(weeks=1)
    with django_capture_on_commit_callbacks(execute=True):
        actions.meeting_update(
            meeting=jour_fixe,
            by=team,
            data=actions.MeetingInput(
                start=later, end=later + datetime.timedelta(hours=2), visibility=jour_fixe.visibility, room="Raum 3.04"
            ),
        )

    # then every member is told, and their calendar moves the same event
    assert len(mail.outbox) == 3
    message = mail_to("olga@verein.example")
    assert message.subject.startswith("Geändert: Jour-Fixe Gemeinwohl am ")
    assert "wurde geändert" in message.body
    calendar = calendar_of(message)
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == first["UID"]
    assert event["SEQUENCE"] == first["SEQUENCE"] + 1
    assert event.decoded("DTSTART") == later


def test_a_cancellation_removes_the_event_from_the_members_calendars(
    jour_fixe, users, django_capture_on_commit_callbacks
):
    # given an invited meeting
    team = users["team_internal"]
    invite(jour_fixe, by=team, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    first = event_of(mail_to("jana@initiative.example"))
    mail.outbox.clear()

    # when it is called off
    with django_capture_on_commit_callbacks(execute=True):
        actions.meeting_cancel(meeting=jour_fixe, by=team)

    # then every member gets a cancellation of the same event, without agenda or answer links
    assert len(mail.outbox) == 3
    message = mail_to("jana@initiative.example")
    assert message.subject.startswith("Abgesagt: Jour-Fixe Gemeinwohl am ")
    assert "wurde abgesagt" in message.body
    assert "Begrüßung" not in message.body
    assert "Zusagen:" not in message.body
    part = calendar_part(message)
    assert (part.get_param("method"), part.get_filename()) == ("CANCEL", "absage.ics")
    calendar = calendar_of(message)
    (event,) = calendar.walk("VEVENT")
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == first["UID"]
    assert event["SEQUENCE"] > first["SEQUENCE"]


def test_a_member_who_may_not_see_the_meeting_gets_no_mail(users, django_capture_on_commit_callbacks):
    # given a members' committee with a registered member and a team member, and a team-only meeting
    team = users["team_internal"]
    committee = make_committee(by=team)
    make_member(committee, by=team, family_name="Brandt", email="jana@initiative.example", account=users["registered"])
    make_member(committee, by=team, family_name="Yilmaz", email="deniz@ba.example", account=team)
    meeting = make_meeting(committee, by=team, visibility=Visibility.TEAM, title="Vorbereitung im Team")

    # when the team invites
    invite(meeting, by=team, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)

    # then only the team member hears of it
    assert [m.to for m in mail.outbox] == [["deniz@ba.example"]]
    assert "Vorbereitung im Team" in mail.outbox[0].subject


def test_inviting_a_committee_without_reachable_members_sends_nothing(users, django_capture_on_commit_callbacks):
    # given a committee whose only member has no e-mail address
    team = users["team_internal"]
    committee = make_committee(by=team)
    make_member(committee, by=team, family_name="Ohnemail")
    meeting = make_meeting(committee, by=team)

    # when the team invites
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        actions.invitations_send(meeting=meeting, by=team)

    # then it is told why in German, and nothing went out or changed
    assert error.value.messages == [
        "Das Gremium hat keine aktuellen Mitglieder mit E-Mail-Adresse; es wurde niemand eingeladen."
    ]
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED
    assert not Invitation.objects.filter(meeting=meeting).exists()


# --- answering from the mail -------------------------------------------------------------


def test_the_answer_link_in_the_mail_lets_the_member_accept(
    jour_fixe, users, client, django_capture_on_commit_callbacks
):
    # given a member's invitation mail
    invite(jour_fixe, by=users["team_internal"], django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    message = mail_to("olga@verein.example")
    accept = link(message, "Zusagen")
    assert accept.startswith(f"{SITE}/sitzungen/{jour_fixe.pk}/antwort/")
    path = accept.removeprefix(SITE)

    # when they follow "Zusagen", without logging in
    page = client.get(path)

    # then they see the meeting and are asked to confirm, nothing stored yet
    assert page.status_code == 200
    assert h1(page) == "Zu- oder Absage"
    assert "Jour-Fixe Gemeinwohl" in text(main(page))
    assert "Bitte bestätigen Sie Ihre Zusage." in text(main(page))
    invitation = Invitation.objects.get(meeting=jour_fixe, email="olga@verein.example")
    assert invitation.response == ""

    # and when they confirm
    answered = client.post(path.split("?")[0], {"response": "zugesagt"}, follow=True)

    # then the answer is stored and shown to them
    invitation.refresh_from_db()
    assert invitation.response == "zugesagt"
    assert "Danke, Ihre Zusage ist gespeichert." in text(main(answered))
    assert "Ihre Antwort zugesagt" in text(main(answered))


def test_the_decline_link_stores_a_decline(jour_fixe, users, client, django_capture_on_commit_callbacks):
    # given a member's invitation mail
    invite(jour_fixe, by=users["team_internal"], django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    path = link(mail_to("jana@initiative.example"), "Absagen").removeprefix(SITE).split("?")[0]

    # when they decline
    client.post(path, {"response": "abgesagt"})

    # then their invitation, and only theirs, says so
    answers = dict(Invitation.objects.filter(meeting=jour_fixe).values_list("email", "response"))
    assert answers == {"jana@initiative.example": "abgesagt", "deniz@ba.example": "", "olga@verein.example": ""}


def test_a_line_break_in_the_title_does_not_stop_the_mail(users, django_capture_on_commit_callbacks):
    # given a meeting whose title was entered with a line break
    team = users["team_internal"]
    committee = make_committee(by=team)
    make_member(committee, by=team, family_name="Brandt", email="jana@initiative.example")
    meeting = make_meeting(committee, by=team, title="Sondersitzung\nHaushalt")

    # when the team invites
    invite(meeting, by=team, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)

    # then the member still gets the mail, its subject on one line
    assert mail_to("jana@initiative.example").subject.startswith("Einladung: Sondersitzung Haushalt am ")
