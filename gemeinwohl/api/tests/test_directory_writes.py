"""Changing the address book through the API: all or nothing, within what the editor may see."""

import pytest

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.actions import entry_archive
from gemeinwohl.directory.models import ContactDetail, Organisation, Person
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory, TopicFactory, add_contact

pytestmark = pytest.mark.django_db


def fields(response) -> dict:
    return {error["field"]: error["message"] for error in response.json()["errors"]}


def test_the_team_adds_a_person_with_contacts_affiliation_and_topics(api_as):
    organisation = OrganisationFactory(name="Mieterinitiative Wrangelkiez")
    topic = TopicFactory(name="Milieuschutz")

    response = api_as("team_external").post(
        "/persons",
        {
            "family_name": "Yilmaz",
            "given_name": "Ayşe",
            "topics": [topic.pk],
            "contacts": [
                {"kind": "email", "value": " Ayse@Example.org "},
                {"kind": "telefon", "value": "+49 30 1234567"},
            ],
            "affiliations": [{"organisation": organisation.pk, "function": "Sprecherin", "kind": "spricht_fuer"}],
        },
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["full_name"] == "Ayşe Yilmaz" and body["visibility"] == "team"
    assert [c["value"] for c in body["contacts"]] == ["ayse@example.org", "+49 30 1234567"]
    assert body["affiliations"][0]["organisation"] == {"id": organisation.pk, "name": "Mieterinitiative Wrangelkiez"}
    assert body["topics"] == [{"id": topic.pk, "name": "Milieuschutz"}]
    assert api_as("team_internal").get(f"/persons/{body['id']}").json()["family_name"] == "Yilmaz"


def test_a_bad_contact_is_named_by_its_row_and_nothing_is_saved(api_as):
    response = api_as("team_external").post(
        "/persons",
        {
            "family_name": "Yilmaz",
            "contacts": [{"kind": "email", "value": "ayse@example.org"}, {"kind": "email", "value": "kein-at"}],
        },
    )

    assert response.status_code == 422
    assert fields(response) == {"contacts.1.value": "„kein-at“ ist keine gültige E-Mail-Adresse."}
    assert not Person.objects.exists() and not ContactDetail.objects.exists()


def test_an_affiliation_ending_before_it_starts_is_refused(api_as):
    organisation = OrganisationFactory()

    response = api_as("team_external").post(
        "/persons",
        {
            "family_name": "Yilmaz",
            "affiliations": [{"organisation": organisation.pk, "start_date": "2024-05-01", "end_date": "2023-01-01"}],
        },
    )

    assert response.status_code == 422
    assert list(fields(response)) == ["affiliations.0.end_date"]
    assert not Person.objects.exists()


def test_patching_a_person_adds_changes_and_deletes_only_the_rows_named(api_as):
    person = PersonFactory(family_name="Alt", given_name="Anna", email="anna@example.org")
    person = add_contact(person, kind="telefon", value="030 1111111")
    mail, phone = person.contacts.order_by("kind")

    response = api_as("team_internal").patch(
        f"/persons/{person.pk}",
        {
            "family_name": "Neu",
            "contacts": [
                {"id": phone.pk, "kind": "telefon", "value": "030 2222222"},
                {"id": mail.pk, "kind": "email", "value": mail.value, "delete": True},
                {"kind": "website", "value": "https://anna.example.org"},
            ],
        },
    )

    assert response.status_code == 200, response.json()
    person.refresh_from_db()
    assert (person.family_name, person.given_name) == ("Neu", "Anna")
    assert sorted(person.contacts.values_list("value", flat=True)) == ["030 2222222", "https://anna.example.org"]


def test_an_external_editor_leaves_internal_contacts_alone_and_cannot_name_them(api_as):
    person = PersonFactory(family_name="Gemischt")
    person = add_contact(person, value="intern@example.org", visibility=Visibility.INTERNAL)
    internal = person.contacts.get()

    response = api_as("team_external").patch(
        f"/persons/{person.pk}",
        {"contacts": [{"id": internal.pk, "kind": "email", "value": "geaendert@example.org"}]},
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": None, "message": "Eine Kontaktangabe gehört nicht zu diesem Eintrag."}
    ]
    internal.refresh_from_db()
    assert internal.value == "intern@example.org"
    assert api_as("team_external").get(f"/persons/{person.pk}").json()["contacts"] == []


def test_archived_entries_are_not_changed(api_as, users):
    person = PersonFactory(family_name="Archiviert")
    entry_archive(entry=person, by=users["team_internal"])

    response = api_as("team_internal").patch(f"/persons/{person.pk}", {"family_name": "Wieder da"})

    assert response.status_code == 403
    person.refresh_from_db()
    assert person.family_name == "Archiviert"


@pytest.mark.parametrize("role,status", [("anonymous", 401), ("registered", 403), ("bezirksamt", 403)])
def test_others_change_nothing_in_the_address_book(api_as, role, status):
    person, organisation = PersonFactory(family_name="Bleibt"), OrganisationFactory(name="Bleibt")
    api = api_as(role)

    assert api.post("/persons", {"family_name": "Neu"}).status_code == status
    assert api.patch(f"/persons/{person.pk}", {"family_name": "Weg"}).status_code == status
    assert api.post("/organisations", {"name": "Neu", "sector": "politik"}).status_code == status
    assert api.patch(f"/organisations/{organisation.pk}", {"name": "Weg"}).status_code == status
    assert list(Person.objects.values_list("family_name", flat=True)) == ["Bleibt"]
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Bleibt"]


def test_the_team_adds_an_organisation_under_a_parent_and_moves_it(api_as):
    parent = OrganisationFactory(name="Bezirksamt Friedrichshain-Kreuzberg", sector="verwaltung", visibility=0)
    api = api_as("team_external")

    created = api.post(
        "/organisations",
        {
            "name": "Stadtentwicklungsamt",
            "sector": "verwaltung",
            "legal_form": "behoerde",
            "parent": parent.pk,
            "contacts": [{"kind": "website", "value": "https://www.berlin.de/ba-friedrichshain-kreuzberg/"}],
        },
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["parent"] == {"id": parent.pk, "name": "Bezirksamt Friedrichshain-Kreuzberg"}
    assert api.get(f"/organisations/{parent.pk}").json()["units"] == [
        {"id": body["id"], "name": "Stadtentwicklungsamt"}
    ]

    moved = api.patch(f"/organisations/{body['id']}", {"parent": None, "short_name": "Stapl"})
    assert moved.status_code == 200
    organisation = Organisation.objects.get(pk=body["id"])
    assert (organisation.parent, organisation.short_name, organisation.name) == (None, "Stapl", "Stadtentwicklungsamt")


def test_an_organisation_cannot_be_its_own_parent_nor_under_a_hidden_one(api_as):
    hidden = OrganisationFactory(visibility=Visibility.INTERNAL)
    organisation = OrganisationFactory(name="Einzeln")
    api = api_as("team_external")

    own = api.patch(f"/organisations/{organisation.pk}", {"parent": organisation.pk})
    unseen = api.patch(f"/organisations/{organisation.pk}", {"parent": hidden.pk})

    assert own.status_code == 422 and set(fields(own)) == {"parent"}
    assert unseen.status_code == 422 and fields(unseen) == {"parent": "Diese Organisation gibt es nicht."}
    organisation.refresh_from_db()
    assert organisation.parent is None


def test_a_hidden_entry_cannot_be_changed_and_does_not_exist(api_as):
    hidden = PersonFactory(family_name="Intern", visibility=Visibility.INTERNAL)

    response = api_as("team_external").patch(f"/persons/{hidden.pk}", {"family_name": "Geändert"})

    assert response.status_code == 404
    hidden.refresh_from_db()
    assert hidden.family_name == "Intern"
