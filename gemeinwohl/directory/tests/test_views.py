import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import actions
from gemeinwohl.directory.models import ContactDetail, Note, Organisation, Person
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

TEAM = {"team_external", "team_internal", "admin"}
INTERNAL = {"team_internal", "admin"}


def form_data(response, **changes):
    """The values a browser would submit for the forms on a rendered edit page, changed by ``changes``."""
    data = {}
    forms = [response.context["form"]]
    for formset in response.context.get("formsets", {}).values():
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            elif value is True:
                data[field.html_name] = "on"
            else:
                data[field.html_name] = str(value)
    data.update(changes)
    return data


def without_csrf(response) -> str:
    """The page's HTML without the per-response CSRF token, to compare two pages."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def expected_status(role, allowed):
    if role in allowed:
        return 200
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize(
    "url_name",
    [
        "directory:person_list",
        "directory:organisation_list",
        "directory:import",
        "directory:person_create",
        "directory:organisation_create",
    ],
)
@pytest.mark.parametrize("role", ["anonymous", "registered", "bezirksamt", "team_external", "team_internal", "admin"])
def test_section_pages_by_role(client_as, role, url_name):
    response = client_as(role).get(reverse(url_name))
    assert response.status_code == expected_status(role, TEAM)
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("level", "readers"),
    [(Visibility.PUBLIC, TEAM), (Visibility.TEAM, TEAM), (Visibility.INTERNAL, INTERNAL)],
)
@pytest.mark.parametrize("page", ["detail", "edit"])
@pytest.mark.parametrize("kind", ["person", "organisation"])
@pytest.mark.parametrize("role", ["anonymous", "registered", "bezirksamt", "team_external", "team_internal", "admin"])
def test_entry_pages_by_role_and_level(client_as, role, kind, page, level, readers):
    entry = (PersonFactory if kind == "person" else OrganisationFactory)(visibility=level)
    response = client_as(role).get(reverse(f"directory:{kind}_{page}", args=[entry.pk]))
    if role in readers:
        assert response.status_code == 200
    elif role in TEAM:
        # The team reaches the section, but a hidden entry does not exist for them.
        assert response.status_code == 404
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)


def test_a_hidden_entry_and_a_missing_one_look_the_same(client_as):
    hidden = PersonFactory(visibility=Visibility.INTERNAL)
    client = client_as("team_external")
    hidden_response = client.get(reverse("directory:person_detail", args=[hidden.pk]))
    missing_response = client.get(reverse("directory:person_detail", args=[hidden.pk + 999]))
    assert hidden_response.status_code == missing_response.status_code == 404
    # Same page, apart from the requested address it repeats (e.g. in the language switch).
    hidden_page = without_csrf(hidden_response).replace(f"/personen/{hidden.pk}/", "/personen/X/")
    missing_page = without_csrf(missing_response).replace(f"/personen/{hidden.pk + 999}/", "/personen/X/")
    assert hidden_page == missing_page


@pytest.mark.parametrize("action", ["archive", "restore", "note"])
def test_state_changes_on_hidden_entries_answer_404(client_as, action):
    hidden = PersonFactory(visibility=Visibility.INTERNAL)
    response = client_as("team_external").post(
        reverse(f"directory:person_{action}", args=[hidden.pk]), {"text": "x", "visibility": Visibility.INTERNAL}
    )
    assert response.status_code == 404
    hidden.refresh_from_db()
    assert not hidden.is_archived
    assert not Note.objects.exists()


def test_the_list_never_shows_internal_entries_to_the_external_team(client_as):
    PersonFactory(
        family_name="Stolz", given_name="Rainer", visibility=Visibility.INTERNAL, email="r.stolz@spreeblick.example"
    )
    PersonFactory(family_name="Wolf", given_name="Greta", visibility=Visibility.TEAM)
    external = client_as("team_external").get(reverse("directory:person_list")).content.decode()
    internal = client_as("team_internal").get(reverse("directory:person_list")).content.decode()
    assert "Wolf" in external and "Stolz" not in external and "spreeblick" not in external
    assert "Stolz" in internal and "r.stolz@spreeblick.example" in internal


def test_search_as_you_type_returns_only_the_results(client_as):
    PersonFactory(family_name="Neumann")
    PersonFactory(family_name="Kaya")
    response = client_as("team_external").get(
        reverse("directory:person_list"), {"q": "neu"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="results"')
    assert "Neumann" in html and "Kaya" not in html
    assert "1 Eintrag" in html


def test_an_invalid_filter_answers_400_with_a_german_message(client_as):
    response = client_as("team_external").get(reverse("directory:person_list"), {"topic": "999999"})
    assert response.status_code == 400
    assert "Dieser Filter ist ungültig" in response.content.decode()


def test_the_list_paginates(client_as, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    for name in ["Albrecht", "Brandt", "Lenz"]:
        PersonFactory(family_name=name)
    client = client_as("team_external")
    first = client.get(reverse("directory:person_list")).content.decode()
    second = client.get(reverse("directory:person_list"), {"seite": 2}).content.decode()
    assert "Albrecht" in first and "Lenz" not in first and "Seite 1 von 2" in first
    assert "Lenz" in second and "Albrecht" not in second


def test_a_team_member_creates_a_person_with_an_e_mail_and_an_organisation(client_as):
    organisation = OrganisationFactory(name="Kiezladen Boxhagener Eck e.V.")
    client = client_as("team_external")
    page = client.get(reverse("directory:person_create"))
    data = form_data(
        page,
        given_name="Sophie",
        family_name="Lange",
        visibility=str(Visibility.TEAM),
        **{
            "kontakte-0-kind": "email",
            "kontakte-0-context": "dienstlich",
            "kontakte-0-value": "sophie.lange@kiezladen.example",
            "kontakte-0-visibility": str(Visibility.TEAM),
            "organisationen-0-organisation": str(organisation.pk),
            "organisationen-0-kind": "spricht_fuer",
            "organisationen-0-function": "Vorstand",
            "organisationen-0-visibility": str(Visibility.TEAM),
        },
    )
    response = client.post(reverse("directory:person_create"), data)

    person = Person.objects.get(family_name="Lange")
    assert response.status_code == 302
    assert response["Location"] == person.get_absolute_url()
    detail = client.get(person.get_absolute_url()).content.decode()
    assert "sophie.lange@kiezladen.example" in detail
    assert "Kiezladen Boxhagener Eck e.V." in detail and "Vorstand" in detail
    assert "wurde gespeichert" in detail


def test_an_invalid_person_form_says_what_is_wrong_and_saves_nothing(client_as):
    client = client_as("team_external")
    page = client.get(reverse("directory:person_create"))
    data = form_data(
        page,
        family_name="",
        visibility=str(Visibility.TEAM),
        **{
            "kontakte-0-kind": "email",
            "kontakte-0-context": "dienstlich",
            "kontakte-0-value": "keine-adresse",
            "kontakte-0-visibility": str(Visibility.TEAM),
        },
    )
    response = client.post(reverse("directory:person_create"), data)
    html = response.content.decode()

    assert response.status_code == 422
    assert "Dieses Feld ist zwingend erforderlich." in html
    assert "keine gültige E-Mail-Adresse" in html
    assert 'aria-invalid="true"' in html
    assert not Person.objects.exists() and not ContactDetail.objects.exists()


def test_the_external_team_is_not_offered_the_internal_level(client_as):
    html = client_as("team_external").get(reverse("directory:person_create")).content.decode()
    assert "verwaltungsintern" not in html
    html = client_as("team_internal").get(reverse("directory:person_create")).content.decode()
    assert "verwaltungsintern" in html


def test_a_forged_internal_level_is_refused(client_as):
    client = client_as("team_external")
    page = client.get(reverse("directory:person_create"))
    response = client.post(
        reverse("directory:person_create"), form_data(page, family_name="Lange", visibility=str(Visibility.INTERNAL))
    )
    assert response.status_code == 422
    assert not Person.objects.exists()


def test_another_contact_row_can_be_added_without_javascript(client_as):
    client = client_as("team_external")
    page = client.get(reverse("directory:person_create"))
    rows_before = page.context["formsets"]["kontakte"].total_form_count()
    response = client.post(
        reverse("directory:person_create"), form_data(page, family_name="Lange", **{"add-kontakte": "1"})
    )
    assert response.status_code == 200
    assert response.context["formsets"]["kontakte"].total_form_count() == rows_before + 1
    assert not Person.objects.exists()


def test_editing_keeps_hidden_contacts(client_as, users):
    person = PersonFactory(family_name="Lenz", email="lenz@example.org")
    from gemeinwohl.directory.tests.factories import add_contact

    add_contact(person, kind="telefon", value="+49 30 555", visibility=Visibility.INTERNAL)
    client = client_as("team_external")
    page = client.get(reverse("directory:person_edit", args=[person.pk]))
    assert "+49 30 555" not in page.content.decode()
    response = client.post(reverse("directory:person_edit", args=[person.pk]), form_data(page, family_name="Lenz-Neu"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.family_name == "Lenz-Neu"
    assert set(person.contacts.values_list("value", flat=True)) == {"lenz@example.org", "+49 30 555"}


def test_a_contact_is_removed_with_its_checkbox(client_as):
    person = PersonFactory(email="weg@example.org")
    client = client_as("team_external")
    page = client.get(reverse("directory:person_edit", args=[person.pk]))
    response = client.post(
        reverse("directory:person_edit", args=[person.pk]), form_data(page, **{"kontakte-0-DELETE": "on"})
    )
    assert response.status_code == 302
    assert not person.contacts.exists()


def test_an_organisation_is_created_and_edited(client_as):
    parent = OrganisationFactory(name="Bezirksamt Friedrichshain-Kreuzberg")
    client = client_as("team_internal")
    page = client.get(reverse("directory:organisation_create"))
    response = client.post(
        reverse("directory:organisation_create"),
        form_data(
            page,
            name="Amt für Soziales",
            sector="verwaltung",
            legal_form="behoerde",
            parent=str(parent.pk),
            visibility="0",
        ),
    )
    organisation = Organisation.objects.get(name="Amt für Soziales")
    assert response.status_code == 302
    assert organisation.parent == parent
    parent_page = client.get(parent.get_absolute_url()).content.decode()
    assert "Amt für Soziales" in parent_page  # listed as a unit

    page = client.get(reverse("directory:organisation_edit", args=[organisation.pk]))
    response = client.post(
        reverse("directory:organisation_edit", args=[organisation.pk]), form_data(page, sector="unbekannt")
    )
    assert response.status_code == 422
    assert "unbekannt ist keine gültige Auswahl" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.sector == "verwaltung"


def test_archive_and_restore(client_as):
    person = PersonFactory(family_name="Alt")
    client = client_as("team_external")
    response = client.post(reverse("directory:person_archive", args=[person.pk]), follow=True)
    assert "wurde archiviert" in response.content.decode()
    link = f'href="{person.get_absolute_url()}"'
    assert link not in client.get(reverse("directory:person_list")).content.decode()
    assert link in client.get(reverse("directory:person_list"), {"status": "archiv"}).content.decode()
    assert client.get(reverse("directory:person_edit", args=[person.pk])).status_code == 403
    client.post(reverse("directory:person_restore", args=[person.pk]))
    person.refresh_from_db()
    assert not person.is_archived


def test_archiving_needs_post(client_as):
    person = PersonFactory()
    assert client_as("team_external").get(reverse("directory:person_archive", args=[person.pk])).status_code == 405


def test_notes_by_level(client_as):
    person = PersonFactory(visibility=Visibility.TEAM)
    internal = client_as("team_internal")
    internal.post(
        reverse("directory:person_note", args=[person.pk]),
        {"text": "Prüfung Vorkaufsrecht läuft", "visibility": Visibility.INTERNAL},
    )
    internal.post(
        reverse("directory:person_note", args=[person.pk]),
        {"text": "Kommt zum Netzwerktreffen", "visibility": Visibility.TEAM},
    )

    external_page = client_as("team_external").get(person.get_absolute_url()).content.decode()
    assert "Kommt zum Netzwerktreffen" in external_page
    assert "Prüfung Vorkaufsrecht" not in external_page


def test_an_empty_note_is_refused(client_as):
    person = PersonFactory()
    response = client_as("team_external").post(
        reverse("directory:person_note", args=[person.pk]), {"text": "", "visibility": Visibility.TEAM}
    )
    assert response.status_code == 422
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert not Note.objects.exists()


def test_a_consent_is_recorded_and_shown(client_as):
    from gemeinwohl.directory.models import ConsentText

    person = PersonFactory()
    text = ConsentText.objects.get(purpose="fotos")
    client = client_as("team_external")
    response = client.post(
        reverse("directory:person_consent", args=[person.pk]),
        {"consent_text": text.pk, "granted": "1", "given_on": "2025-06-01", "method": "veranstaltung"},
        follow=True,
    )
    html = response.content.decode()
    assert "Die Einwilligung wurde erfasst." in html
    assert "Veröffentlichung von Fotos" in html and "Fassung 2025-01" in html and "01.06.2025" in html

    response = client.post(
        reverse("directory:person_consent", args=[person.pk]),
        {"consent_text": text.pk, "granted": "1", "given_on": "2999-01-01", "method": "veranstaltung"},
    )
    assert response.status_code == 422
    assert "Zukunft" in response.content.decode()
    assert person.consents.count() == 1


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def bulk_address_book(people: int, organisations: int):
    """Many entries at once. This bypasses the actions for speed; only list reading is under test."""
    from gemeinwohl.directory.models import Affiliation, Topic

    topic, _ = Topic.objects.get_or_create(name="Milieuschutz")
    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {n:05d}", sector="zivilgesellschaft", visibility=Visibility.TEAM)
        for n in range(organisations)
    )
    persons = Person.objects.bulk_create(
        Person(given_name="Vorname", family_name=f"Person {n:05d}", visibility=Visibility.TEAM) for n in range(people)
    )
    ContactDetail.objects.bulk_create(
        ContactDetail(person=p, kind="email", value=f"p{p.pk}@example.org", visibility=Visibility.TEAM) for p in persons
    )
    Affiliation.objects.bulk_create(
        Affiliation(person=p, organisation=orgs[i % len(orgs)], visibility=Visibility.TEAM)
        for i, p in enumerate(persons)
    )
    Person.topics.through.objects.bulk_create(Person.topics.through(person=p, topic=topic) for p in persons)
    Organisation.topics.through.objects.bulk_create(
        Organisation.topics.through(organisation=o, topic=topic) for o in orgs
    )


@pytest.mark.parametrize(
    "url",
    [
        "/adressbuch/personen/",
        "/adressbuch/personen/?q=Person&sector=zivilgesellschaft",
        "/adressbuch/personen/?seite=20",
        "/adressbuch/organisationen/",
        "/uebersicht/",
    ],
)
def test_list_queries_do_not_grow_with_the_rows(client_as, url):
    client = client_as("team_external")
    bulk_address_book(people=3, organisations=2)
    few = count_queries(client, url)
    bulk_address_book(people=5000, organisations=1000)
    many = count_queries(client, url)
    assert many == few, f"{url}: {few} queries with 3 people, {many} with 5003"


def test_detail_queries_do_not_grow_with_contacts_and_notes(client_as, users):
    by = users["team_internal"]
    person = PersonFactory(email="eins@example.org", by=by)
    client = client_as("team_internal")
    few = count_queries(client, person.get_absolute_url())
    for n in range(20):
        actions.note_add(entry=person, text=f"Notiz {n}", visibility=Visibility.TEAM, by=by)
        ContactDetail.objects.create(person=person, kind="telefon", value=f"+49 30 {n:04d}", visibility=Visibility.TEAM)
    assert count_queries(client, person.get_absolute_url()) == few


def test_a_search_without_matches_says_so(client_as):
    PersonFactory(family_name="Wolf")
    html = client_as("team_external").get(reverse("directory:person_list"), {"q": "Niemand"}).content.decode()
    assert "0 Einträge" in html
    assert "Keine Einträge passen zu Suche und Filter." in html


@pytest.mark.parametrize(("button", "status"), [({}, 422), ({"add-kontakte": "1"}, 200)])
def test_a_forged_row_count_is_refused_without_a_server_error(client_as, button, status):
    client = client_as("team_external")
    page = client.get(reverse("directory:person_create"))
    response = client.post(
        reverse("directory:person_create"),
        form_data(page, family_name="Lange", **{"kontakte-TOTAL_FORMS": "viele"}, **button),
    )
    assert response.status_code == status
    assert not Person.objects.exists()
