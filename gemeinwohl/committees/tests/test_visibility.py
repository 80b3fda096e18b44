"""Who sees what of committees, on every page: a grid of readers and levels.

A public Steuerungsrunde holds one agenda point at each level; the amtsinterne
Regelrunde is administration-internal as a whole. Each reader must see
exactly the points their role and memberships allow, and nothing of the
Regelrunde unless they are administration-internal or a Bezirksamt member of it.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import logged_in_client
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.committees import actions
from gemeinwohl.committees.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    TaskFactory,
    member,
)
from gemeinwohl.core.visibility import Visibility

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"
LEVELS = {
    Visibility.PUBLIC: "Punkt-Oeffentlich",
    Visibility.MEMBERS: "Punkt-Mitglieder",
    Visibility.TEAM: "Punkt-Team",
    Visibility.INTERNAL: "Punkt-Intern",
}
SECRET = "Regelrunde-Geheimsache"


@pytest.fixture
def world(db):
    """The two committees and one reader per kind of person."""
    intern = UserFactory(role=Role.TEAM_INTERNAL)
    steering = CommitteeFactory(
        name="Steuerungsrunde", short_name="SR", slug="steuerungsrunde", visibility=0, by=intern
    )
    round_ = CommitteeFactory(
        name="Amtsinterne Regelrunde", short_name="RR", slug="regelrunde", visibility=Visibility.INTERNAL, by=intern
    )
    readers = {
        "anonymous": None,
        "registered (not a member)": UserFactory(role=Role.REGISTERED),
        "registered member": member(steering, account_role=Role.REGISTERED).person.account,
        "bezirksamt (not a member)": UserFactory(role=Role.BEZIRKSAMT),
        "bezirksamt member of the Regelrunde": member(
            round_, account_role=Role.BEZIRKSAMT, sector="verwaltung"
        ).person.account,
        "team_external": UserFactory(role=Role.TEAM_EXTERNAL),
        "team_internal": intern,
        "admin": UserFactory(role=Role.ADMIN),
    }
    meeting = MeetingFactory(committee=steering, visibility=0, title="Sitzung der Steuerungsrunde", by=intern)
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
    secret_meeting = MeetingFactory(committee=round_, title=SECRET, by=intern)
    secret_item = AgendaItemFactory(meeting=secret_meeting, title=f"{SECRET} Punkt", by=intern)
    secret_document = actions.document_attach(
        meeting=secret_meeting, upload=SimpleUploadedFile("geheim.pdf", PDF), title=SECRET, visibility=30, by=intern
    )
    return {
        "readers": readers,
        "steering": steering,
        "round": round_,
        "meeting": meeting,
        "items": items,
        "secret_meeting": secret_meeting,
        "secret_item": secret_item,
        "secret_document": secret_document,
    }


# reader -> highest level of the Steuerungsrunde's points they see, and whether the Regelrunde exists for them
EXPECTED = {
    "anonymous": (Visibility.PUBLIC, False),
    "registered (not a member)": (Visibility.PUBLIC, False),
    "registered member": (Visibility.MEMBERS, False),
    "bezirksamt (not a member)": (Visibility.PUBLIC, False),
    "bezirksamt member of the Regelrunde": (Visibility.PUBLIC, True),
    "team_external": (Visibility.TEAM, False),
    "team_internal": (Visibility.INTERNAL, True),
    "admin": (Visibility.INTERNAL, True),
}


def client_for(client, reader):
    if reader is not None:
        logged_in_client(reader, client)
    return client


def seen_levels(html: str) -> set[int]:
    return {level for level, title in LEVELS.items() if title in html}


@pytest.mark.parametrize("reader", EXPECTED)
def test_the_meeting_page_shows_each_reader_their_points_documents_decisions_and_tasks(client, world, reader):
    ceiling, _ = EXPECTED[reader]
    html = client_for(client, world["readers"][reader]).get(world["meeting"].get_absolute_url()).content.decode()

    assert seen_levels(html) == {level for level in LEVELS if level <= ceiling}
    for level, title in LEVELS.items():
        visible = level <= ceiling
        assert (f"Dokument {title}" in html) == visible
        assert (f"Beschluss zu {title}" in html) == visible
        assert (f"Aufgabe zu {title}" in html) == visible


@pytest.mark.parametrize("reader", EXPECTED)
def test_the_regelrunde_exists_only_for_administration_internal_readers(client, world, reader):
    _, sees_round = EXPECTED[reader]
    client = client_for(client, world["readers"][reader])
    pages = [
        world["round"].get_absolute_url(),
        world["secret_meeting"].get_absolute_url(),
        world["secret_document"].get_absolute_url(),
        f"/sitzungen/{world['secret_meeting'].pk}/protokoll/{world['secret_item'].pk}/verlauf/",
        f"/sitzungen/{world['secret_meeting'].pk}/termin.ics",
    ]
    for page in pages:
        assert client.get(page).status_code == (200 if sees_round else 404), page
    listing = client.get("/gremien/").content.decode()
    assert ("Amtsinterne Regelrunde" in listing) == sees_round
    if client.session.get("_auth_user_id"):
        overview = client.get("/uebersicht/").content.decode()
        assert (SECRET in overview) == sees_round


@pytest.mark.parametrize("reader", EXPECTED)
def test_documents_download_only_for_readers_of_their_level(client, world, reader):
    ceiling, _ = EXPECTED[reader]
    client = client_for(client, world["readers"][reader])
    for level, item in world["items"].items():
        document = item.documents.get()
        response = client.get(document.get_absolute_url())
        assert response.status_code == (200 if level <= ceiling else 404)
        if response.status_code == 200:
            assert response["Content-Disposition"].startswith("attachment;")
            assert response["Content-Type"] == "application/pdf"
            assert response["X-Content-Type-Options"] == "nosniff"


def test_hidden_and_missing_meetings_look_the_same(client, world):
    logged_in_client(world["readers"]["team_external"], client)
    hidden = client.get(world["secret_meeting"].get_absolute_url())
    missing = client.get(f"/sitzungen/{world['secret_meeting'].pk + 999}/")
    assert hidden.status_code == missing.status_code == 404


def test_agenda_numbers_count_only_the_points_a_reader_sees(client, world):
    """A gap in the numbering would betray a hidden point."""
    html = (
        client_for(client, world["readers"]["registered member"])
        .get(world["meeting"].get_absolute_url())
        .content.decode()
    )
    assert "TOP 1</span> Punkt-Oeffentlich" in html
    assert "TOP 2</span> Punkt-Mitglieder" in html
    assert "TOP 3" not in html


@pytest.mark.parametrize(
    ("reader", "sees_names"),
    [("anonymous", False), ("registered member", True), ("team_external", True), ("bezirksamt (not a member)", False)],
)
def test_attendance_names_are_for_the_members_part(client, world, reader, sees_names):
    person = world["steering"].memberships.get().person
    actions.attendance_record(
        meeting=world["meeting"], statuses={person: "anwesend"}, by=world["readers"]["team_internal"]
    )
    html = client_for(client, world["readers"][reader]).get(world["meeting"].get_absolute_url()).content.decode()
    assert (person.full_name in html) == sees_names


def test_members_are_named_publicly_only_with_their_consent(client, world):
    membership = world["steering"].memberships.get()
    public_page = client.get(world["steering"].get_absolute_url()).content.decode()
    assert membership.person.full_name not in public_page
    logged_in_client(world["readers"]["registered member"], client)
    assert membership.person.full_name in client.get(world["steering"].get_absolute_url()).content.decode()


def test_a_withdrawn_consent_takes_the_name_off_the_public_page_but_not_off_the_members_page(client, users):
    import datetime

    from django.utils import timezone

    from gemeinwohl.directory.actions import consent_record
    from gemeinwohl.directory.models import ConsentPurpose, ConsentText
    from gemeinwohl.directory.tests.factories import PersonFactory

    text = ConsentText.objects.filter(purpose=ConsentPurpose.PUBLIC_LISTING).first()
    editor = users["team_internal"]
    person = PersonFactory(given_name="Selin", family_name="Aydın")
    consent_record(
        person=person,
        consent_text=text,
        granted=True,
        given_on=timezone.localdate() - datetime.timedelta(days=10),
        method="schriftlich",
        by=editor,
    )
    committee = CommitteeFactory(visibility=Visibility.PUBLIC, by=editor)
    MembershipFactory(committee=committee, person=person, visibility=Visibility.PUBLIC, by=editor)
    assert "Selin Aydın" in client.get(committee.get_absolute_url()).content.decode()

    consent_record(
        person=person, consent_text=text, granted=False, given_on=timezone.localdate(), method="email", by=editor
    )
    assert "Selin Aydın" not in client.get(committee.get_absolute_url()).content.decode()
    logged_in_client(users["team_external"], client)
    assert "Selin Aydın" in client.get(committee.get_absolute_url()).content.decode()


def test_organisers_are_named_only_as_far_as_the_reader_may_see_them(client, users):
    from gemeinwohl.directory.tests.factories import OrganisationFactory

    public = OrganisationFactory(name="LokalBau Plattform", visibility=Visibility.PUBLIC)
    hidden = OrganisationFactory(name="Projektgesellschaft Spreeblick", visibility=Visibility.INTERNAL)
    committee = CommitteeFactory(visibility=0, organisers=[public, hidden], by=users["team_internal"])

    for url in ["/gremien/", committee.get_absolute_url()]:
        page = client.get(url).content.decode()
        assert "LokalBau Plattform" in page
        assert "Spreeblick" not in page
    logged_in_client(users["team_internal"], client)
    assert "Spreeblick" in client.get(committee.get_absolute_url()).content.decode()
