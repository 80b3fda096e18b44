"""Calendar downloads, feeds and answers to invitations, fetched the way calendar programs and members do."""

import datetime
import re

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from gemeinwohl.accounts.actions import feed_token_get, user_set_role
from gemeinwohl.accounts.models import FeedToken
from gemeinwohl.committees import actions
from gemeinwohl.committees.invitations import RSVP_SALT, rsvp_path
from gemeinwohl.committees.models import Invitation, Meeting
from gemeinwohl.committees.tests.test_invitations import (
    add_item,
    invite,
    make_committee,
    make_meeting,
    make_member,
    next_tuesday_evening,
)
from gemeinwohl.core.tests.pages import h1, main, text
from gemeinwohl.core.visibility import Visibility

pytestmark = pytest.mark.django_db

ALL_MEETINGS = {
    "Öffentliche Steuerungsrunde",
    "Steuerungsrunde, Mitgliederteil",
    "Netzwerktreffen",
    "AG Planung",
    "Regelrunde",
}


def calendar_of(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def summaries(calendar: Calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


def description_of(calendar: Calendar, summary: str) -> str:
    (event,) = [e for e in calendar.walk("VEVENT") if e["SUMMARY"] == summary]
    return str(event["DESCRIPTION"])


def feed_url(user) -> str:
    return reverse("committees:personal_feed", kwargs={"key": feed_token_get(user=user).key})


@pytest.fixture
def world(users):
    """The committees of the AKS as readers meet them.

    - Steuerungsrunde, public: a public meeting (with one administration-internal item) and a members' meeting
    - Netzwerk, members only, with the registered account as a member: a members' meeting with a team item
    - AG Planung, members only, without the registered account
    - Regelrunde, administration-internal (level 30): its meeting
    """
    team = users["team_internal"]
    steuerung = make_committee(by=team, name="Steuerungsrunde", slug="steuerungsrunde", visibility=Visibility.PUBLIC)
    public = make_meeting(steuerung, by=team, title="Öffentliche Steuerungsrunde")
    add_item(public, "Bericht aus den Initiativen", by=team)
    add_item(public, "Personalplanung im Amt", by=team, visibility=Visibility.INTERNAL)
    make_meeting(steuerung, by=team, title="Steuerungsrunde, Mitgliederteil", visibility=Visibility.MEMBERS)

    netzwerk = make_committee(by=team, name="Netzwerk Gemeinwohlorientierte Immobilienentwicklung", slug="netzwerk")
    make_member(netzwerk, by=team, family_name="Brandt", email="jana@initiative.example", account=users["registered"])
    treffen = make_meeting(netzwerk, by=team, title="Netzwerktreffen")
    add_item(treffen, "Austausch über Konzeptverfahren", by=team)
    add_item(treffen, "Vorbereitung im Team", by=team, visibility=Visibility.TEAM)

    ag = make_committee(by=team, name="AG Planung", slug="ag-planung")
    make_meeting(ag, by=team, title="AG Planung")

    regelrunde = make_committee(by=team, name="Regelrunde", slug="regelrunde", visibility=Visibility.INTERNAL)
    make_meeting(regelrunde, by=team, title="Regelrunde")
    return {meeting.title: meeting for meeting in Meeting.objects.all()}


# --- a committee's public feed ---------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "registered", "team_internal"])
def test_a_committees_feed_holds_its_public_meetings_whoever_fetches_it(world, client_as, role):
    # when anyone, signed in or not, fetches the Steuerungsrunde's calendar
    calendar = calendar_of(client_as(role).get("/gremien/steuerungsrunde/kalender.ics"))

    # then it publishes the public meeting, with its public agenda only
    assert calendar["METHOD"] == "PUBLISH"
    assert summaries(calendar) == {"Öffentliche Steuerungsrunde"}
    description = description_of(calendar, "Öffentliche Steuerungsrunde")
    assert "Bericht aus den Initiativen" in description
    assert "Personalplanung" not in description


@pytest.mark.parametrize("slug", ["netzwerk", "regelrunde", "gibt-es-nicht"])
def test_the_feed_of_a_committee_hidden_from_the_public_does_not_exist(world, client_as, slug):
    # even for the administration-internal team
    response = client_as("team_internal").get(f"/gremien/{slug}/kalender.ics")

    assert response.status_code == 404


# --- personal feeds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("registered", {"Öffentliche Steuerungsrunde", "Netzwerktreffen"}),
        ("bezirksamt", {"Öffentliche Steuerungsrunde"}),
        ("team_external", ALL_MEETINGS - {"Regelrunde"}),
        ("team_internal", ALL_MEETINGS),
        ("admin", ALL_MEETINGS),
    ],
)
def test_a_personal_feed_holds_exactly_the_meetings_its_owner_may_see(world, users, role, expected):
    # when a calendar program fetches the person's feed (no login, only the key)
    calendar = calendar_of(Client().get(feed_url(users[role])))

    # then it holds what that person may see, across committees
    assert calendar["METHOD"] == "PUBLISH"
    assert summaries(calendar) == expected


def test_a_personal_feed_shows_each_meeting_with_the_agenda_its_owner_may_see(world, users):
    # when the registered member's and the internal team member's calendars fetch their feeds
    member = calendar_of(Client().get(feed_url(users["registered"])))
    internal = calendar_of(Client().get(feed_url(users["team_internal"])))

    # then the member reads the members' items only, the internal team member all
    assert "Austausch über Konzeptverfahren" in description_of(member, "Netzwerktreffen")
    assert "Vorbereitung im Team" not in description_of(member, "Netzwerktreffen")
    assert "Personalplanung im Amt" not in description_of(member, "Öffentliche Steuerungsrunde")
    assert "Vorbereitung im Team" in description_of(internal, "Netzwerktreffen")
    assert "Personalplanung im Amt" in description_of(internal, "Öffentliche Steuerungsrunde")


def test_an_unknown_key_has_no_feed(world, users):
    feed_url(users["registered"])

    response = Client().get("/kalender/kein-gueltiger-schluessel.ics")

    assert response.status_code == 404


def test_a_deactivated_accounts_feed_stops_working(world, users):
    # given a team member's feed address, then the account is deactivated
    url = feed_url(users["team_external"])
    user_set_role(user=users["team_external"], role=users["team_external"].role, is_active=False, by=users["admin"])

    # then the address answers nothing
    assert Client().get(url).status_code == 404


def _meetings_with_agenda(committee, *, by, count, weeks_from=1):
    for week in range(weeks_from, weeks_from + count):
        meeting = make_meeting(committee, by=by, title=f"Sitzung {week}", start=next_tuesday_evening(weeks=week))
        add_item(meeting, "Bericht", by=by)
        add_item(meeting, "Verschiedenes", by=by)


def test_feeds_cost_the_same_queries_for_3_or_40_meetings(users):
    # given a public committee with the registered account as a member, and three meetings
    team = users["team_internal"]
    committee = make_committee(by=team, name="Baustelle Gemeinwohl", slug="baustelle", visibility=Visibility.PUBLIC)
    make_member(committee, by=team, family_name="Brandt", email="jana@initiative.example", account=users["registered"])
    _meetings_with_agenda(committee, by=team, count=3)
    personal, public = feed_url(users["registered"]), "/gremien/baustelle/kalender.ics"

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as captured:
            calendar = calendar_of(Client().get(url))
        return len(captured), len(calendar.walk("VEVENT"))

    few_personal, few_public = queries(personal), queries(public)

    # when 37 more meetings are planned
    _meetings_with_agenda(committee, by=team, count=37, weeks_from=4)

    # then both feeds list them all with as many queries as before
    assert queries(personal) == (few_personal[0], 40)
    assert queries(public) == (few_public[0], 40)
    assert few_personal[1] == few_public[1] == 3


# --- one meeting's calendar file ---------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "meeting", "status"),
    [
        ("anonymous", "Öffentliche Steuerungsrunde", 200),
        ("anonymous", "Netzwerktreffen", 404),
        ("registered", "Netzwerktreffen", 200),
        ("registered", "AG Planung", 404),
        ("bezirksamt", "Netzwerktreffen", 404),
        ("team_external", "Regelrunde", 404),
        ("team_internal", "Regelrunde", 200),
    ],
)
def test_a_meetings_calendar_file_is_there_only_for_who_may_see_the_meeting(world, client_as, role, meeting, status):
    response = client_as(role).get(f"/sitzungen/{world[meeting].pk}/termin.ics")

    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"] == f'attachment; filename="sitzung-{world[meeting].pk}.ics"'
        assert summaries(calendar_of(response)) == {meeting}


def test_a_meetings_calendar_file_holds_the_agenda_the_reader_may_see(world, client_as):
    meeting = world["Öffentliche Steuerungsrunde"]

    public = calendar_of(client_as("anonymous").get(f"/sitzungen/{meeting.pk}/termin.ics"))
    internal = calendar_of(client_as("team_internal").get(f"/sitzungen/{meeting.pk}/termin.ics"))

    assert "Personalplanung im Amt" not in description_of(public, "Öffentliche Steuerungsrunde")
    assert "Personalplanung im Amt" in description_of(internal, "Öffentliche Steuerungsrunde")
    (event,) = public.walk("VEVENT")
    assert event["URL"] == f"http://testserver/sitzungen/{meeting.pk}/"


# --- the calendar address on the profile ----------------------------------------------


def shown_feed_address(page: str) -> str:
    field = re.search(r'<input\b[^>]*\bid="feed-url"[^>]*>', page).group(0)
    assert " readonly" in field
    return re.search(r'value="([^"]+)"', field).group(1)


def test_the_profile_offers_the_personal_calendar_address(client_as, users):
    # when a member opens their profile
    page = client_as("registered").get("/konto/profil/").content.decode()

    # then they find their calendar address in a labelled, read-only field, and how to renew it
    assert '<h2 id="kalender-abonnieren">Kalender abonnieren</h2>' in page
    assert '<label for="feed-url">Ihre Kalenderadresse</label>' in page
    key = FeedToken.objects.get(user=users["registered"]).key
    assert shown_feed_address(page) == f"http://testserver/kalender/{key}.ics"
    assert "Adresse erneuern" in page
    assert "Die bisherige Adresse funktioniert dann sofort nicht mehr" in page


def test_renewing_the_address_retires_the_old_one(world, client_as):
    # given a member who subscribed to the address shown on their profile
    client = client_as("registered")
    old = shown_feed_address(client.get("/konto/profil/").content.decode()).removeprefix("http://testserver")
    assert Client().get(old).status_code == 200

    # when they renew it
    response = client.post("/kalender/erneuern/", follow=True)

    # then they are back on their profile, told what happened, with a new address that works; the old one is gone
    assert response.redirect_chain == [("/konto/profil/", 302)]
    assert "Ihre Kalenderadresse wurde erneuert. Die bisherige Adresse funktioniert nicht mehr" in text(main(response))
    new = shown_feed_address(response.content.decode()).removeprefix("http://testserver")
    assert new != old
    assert Client().get(old).status_code == 404
    assert summaries(calendar_of(Client().get(new))) == {"Öffentliche Steuerungsrunde", "Netzwerktreffen"}


def test_renewing_needs_a_login_and_a_post(client_as, users):
    key = feed_token_get(user=users["registered"]).key

    assert client_as("anonymous").post("/kalender/erneuern/").url.startswith("/konto/anmelden/")
    assert client_as("registered").get("/kalender/erneuern/").status_code == 405
    assert FeedToken.objects.get(user=users["registered"]).key == key


# --- answering an invitation --------------------------------------------------------------


@pytest.fixture
def invitation(users, django_capture_on_commit_callbacks):
    """Olga's invitation to the next Jour-Fixe; Olga is a member without an account."""
    team = users["team_internal"]
    committee = make_committee(by=team)
    make_member(committee, by=team, family_name="Ohnekonto", given_name="Olga", email="olga@verein.example")
    meeting = make_meeting(committee, by=team)
    invite(meeting, by=team, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    return Invitation.objects.get(meeting=meeting)


def test_the_answer_page_needs_no_login_and_shows_the_meeting(invitation, client):
    response = client.get(rsvp_path(invitation))

    assert response.status_code == 200
    assert h1(response) == "Zu- oder Absage"
    page = text(main(response))
    assert "Einladung für Olga Ohnekonto" in page
    assert "Jour-Fixe Gemeinwohl" in page
    assert "Ihre Antwort keine Antwort" in page
    assert re.search(r'<button type="submit" name="response" value="zugesagt"[^>]*>Zusagen</button>', main(response))
    assert re.search(r'<button type="submit" name="response" value="abgesagt"[^>]*>Absagen</button>', main(response))


def test_a_member_can_change_their_answer(invitation, client):
    path = rsvp_path(invitation)

    client.post(path, {"response": "zugesagt"})
    client.post(path, {"response": "abgesagt"})

    invitation.refresh_from_db()
    assert invitation.response == "abgesagt"


def _forgeries(invitation, users):
    """Links that are not the one this invitation was sent, for its meeting."""
    genuine = rsvp_path(invitation).rstrip("/").rsplit("/", 1)[1]
    meeting = invitation.meeting
    other_meeting = make_meeting(meeting.committee, by=users["team_internal"], title="Sondersitzung")
    other = Invitation.objects.create(
        meeting=other_meeting, person=invitation.person, email=invitation.email, sent_at=invitation.sent_at
    )
    return {
        "tampered signature": f"/sitzungen/{meeting.pk}/antwort/{genuine[:-2]}xx/",
        "another invitation's genuine link": f"/sitzungen/{meeting.pk}/antwort/{rsvp_path(other).split('/')[-2]}/",
        "signed with another key": f"/sitzungen/{meeting.pk}/antwort/{signing.dumps(invitation.pk, key='x' * 50, salt=RSVP_SALT)}/",
        "signed for another purpose": f"/sitzungen/{meeting.pk}/antwort/{signing.dumps(invitation.pk)}/",
        "genuine link, another meeting": f"/sitzungen/{other_meeting.pk}/antwort/{genuine}/",
        "no token at all": f"/sitzungen/{meeting.pk}/antwort/irgendwas/",
    }


def test_forged_answer_links_do_not_exist(invitation, users, client):
    # given links that were not sent for this invitation and meeting
    for name, path in _forgeries(invitation, users).items():
        # when someone answers through them
        shown = client.get(path)
        posted = client.post(path, {"response": "abgesagt"})

        # then there is nothing there, and no answer is stored anywhere
        assert (name, shown.status_code, posted.status_code) == (name, 404, 404)
    assert set(Invitation.objects.values_list("response", flat=True)) == {""}


def test_an_unknown_answer_is_refused_in_german(invitation, client):
    response = client.post(rsvp_path(invitation), {"response": "vielleicht"})

    assert response.status_code == 400
    assert "Unbekannte Antwort." in text(main(response))
    invitation.refresh_from_db()
    assert invitation.response == ""


def test_a_cancelled_meeting_takes_no_answers(invitation, users, client, django_capture_on_commit_callbacks):
    # given the meeting was called off after the invitation went out
    with django_capture_on_commit_callbacks(execute=True):
        actions.meeting_cancel(meeting=invitation.meeting, by=users["team_internal"])
    path = rsvp_path(invitation)

    # when the member follows the link from their mail, and tries to accept anyway
    shown = client.get(path)
    posted = client.post(path, {"response": "zugesagt"})

    # then they are told clearly that the meeting is off, and nothing is stored
    assert shown.status_code == posted.status_code == 410
    assert "Diese Sitzung wurde abgesagt. Eine Zu- oder Absage ist nicht mehr möglich." in text(main(shown))
    assert "<button" not in main(shown)
    invitation.refresh_from_db()
    assert invitation.response == ""


def test_the_answer_page_is_not_for_search_engines(invitation, client):
    response = client.get(rsvp_path(invitation))

    assert response["X-Robots-Tag"] == "noindex"


def test_a_meeting_long_past_leaves_the_feeds(users):
    # given a public meeting that ended more than a year ago, and one next week
    team = users["team_internal"]
    committee = make_committee(by=team, name="Verein", slug="verein", visibility=Visibility.PUBLIC)
    make_meeting(committee, by=team, title="Vor zwei Jahren", start=next_tuesday_evening(weeks=-104))
    make_meeting(committee, by=team, title="Nächste Woche")

    calendar = calendar_of(Client().get("/gremien/verein/kalender.ics"))

    assert summaries(calendar) == {"Nächste Woche"}


def test_time_of_the_feed_events_is_the_meetings_time(world):
    calendar = calendar_of(Client().get("/gremien/steuerungsrunde/kalender.ics"))

    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == world["Öffentliche Steuerungsrunde"].start
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime.timedelta(hours=2)
