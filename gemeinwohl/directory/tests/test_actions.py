import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import actions
from gemeinwohl.directory.inputs import AffiliationInput, ContactInput, OrganisationInput, PersonInput
from gemeinwohl.directory.models import (
    Affiliation,
    ConsentRecord,
    ConsentText,
    ContactContext,
    ContactDetail,
    ContactKind,
    Note,
    Organisation,
    Person,
)
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_person_is_created_with_contacts_and_affiliations(users):
    organisation = OrganisationFactory(name="Stiftung Boden für Alle")

    person = actions.person_create(
        by=users["team_external"],
        data=PersonInput(given_name="Greta", family_name="Wolf", visibility=Visibility.TEAM),
        contacts=[ContactInput(kind=ContactKind.EMAIL, value=" Greta.Wolf@Example.ORG ")],
        affiliations=[AffiliationInput(organisation=organisation, function="Vorstand")],
    )

    assert person.full_name == "Greta Wolf"
    assert person.created_by == users["team_external"]
    assert [c.value for c in person.contacts.all()] == ["greta.wolf@example.org"]
    assert person.affiliations.get().organisation == organisation


@pytest.mark.parametrize("role", ["anonymous", "registered", "bezirksamt"])
def test_only_the_team_may_create_people(users, role):
    with pytest.raises(PermissionDenied):
        actions.person_create(by=users[role], data=PersonInput(family_name="Wolf"))
    assert not Person.objects.exists()


def test_a_bad_contact_saves_nothing_at_all(users):
    with pytest.raises(ValidationError) as error:
        actions.person_create(
            by=users["team_internal"],
            data=PersonInput(family_name="Wolf"),
            contacts=[
                ContactInput(kind=ContactKind.PHONE, value="+49 30 123456"),
                ContactInput(kind=ContactKind.EMAIL, value="keine-adresse"),
            ],
        )
    assert "keine gültige E-Mail-Adresse" in str(error.value)
    assert not Person.objects.exists()
    assert not ContactDetail.objects.exists()


def test_the_external_team_cannot_file_anything_as_administration_internal(users):
    with pytest.raises(ValidationError) as error:
        actions.person_create(
            by=users["team_external"], data=PersonInput(family_name="Stolz", visibility=Visibility.INTERNAL)
        )
    assert "können Sie nicht vergeben" in str(error.value)
    assert not Person.objects.exists()


def test_a_contact_may_be_stricter_than_its_person_but_never_looser(users):
    by = users["team_internal"]
    person = actions.person_create(
        by=by,
        data=PersonInput(family_name="Lenz", visibility=Visibility.PUBLIC),
        contacts=[ContactInput(kind=ContactKind.PHONE, value="+49 30 1", visibility=Visibility.INTERNAL)],
    )
    assert person.contacts.get().visibility == Visibility.INTERNAL

    with pytest.raises(ValidationError) as error:
        actions.person_create(
            by=by,
            data=PersonInput(family_name="Stolz", visibility=Visibility.TEAM),
            contacts=[ContactInput(kind=ContactKind.EMAIL, value="a@b.example", visibility=Visibility.PUBLIC)],
        )
    assert "nicht offener" in str(error.value)
    assert Person.objects.count() == 1


def test_private_contact_details_are_never_public(users):
    with pytest.raises(ValidationError):
        actions.person_create(
            by=users["team_internal"],
            data=PersonInput(family_name="Kaya", visibility=Visibility.PUBLIC),
            contacts=[
                ContactInput(
                    kind=ContactKind.MOBILE,
                    value="+49 151 1",
                    context=ContactContext.PRIVATE,
                    visibility=Visibility.PUBLIC,
                )
            ],
        )
    assert not Person.objects.exists()


def test_an_affiliation_is_at_least_as_strict_as_its_organisation(users):
    internal_company = OrganisationFactory(visibility=Visibility.INTERNAL)
    with pytest.raises(ValidationError):
        actions.person_create(
            by=users["team_internal"],
            data=PersonInput(family_name="Stolz", visibility=Visibility.TEAM),
            affiliations=[AffiliationInput(organisation=internal_company, visibility=Visibility.TEAM)],
        )
    assert not Person.objects.exists()


def test_an_affiliation_cannot_end_before_it_starts(users):
    import datetime

    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        actions.person_create(
            by=users["team_internal"],
            data=PersonInput(family_name="Wolf"),
            affiliations=[
                AffiliationInput(
                    organisation=organisation, start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 4, 1)
                )
            ],
        )
    assert "nicht vor dem Beginn" in str(error.value)
    assert not Affiliation.objects.exists()


def test_making_a_person_stricter_makes_everything_hanging_off_them_stricter(users):
    by = users["team_internal"]
    person = PersonFactory(visibility=Visibility.PUBLIC, email="lenz@example.org", by=by)
    actions.note_add(entry=person, text="Öffentliche Notiz", visibility=Visibility.TEAM, by=by)

    actions.person_update(
        person=person,
        by=by,
        data=PersonInput(family_name=person.family_name, given_name=person.given_name, visibility=Visibility.INTERNAL),
    )

    assert set(ContactDetail.objects.filter(person=person).values_list("visibility", flat=True)) == {
        Visibility.INTERNAL
    }
    assert set(Note.objects.filter(person=person).values_list("visibility", flat=True)) == {Visibility.INTERNAL}


def test_an_update_leaves_contacts_alone_that_the_editor_cannot_see(users):
    person = PersonFactory(visibility=Visibility.TEAM, by=users["team_internal"])
    actions.person_update(
        person=person,
        by=users["team_internal"],
        data=PersonInput(family_name=person.family_name, visibility=Visibility.TEAM),
        contacts=[ContactInput(kind=ContactKind.PHONE, value="+49 30 999", visibility=Visibility.INTERNAL)],
    )
    hidden = person.contacts.get()

    # The external team edits the person and adds an e-mail; the internal phone number stays.
    actions.person_update(
        person=person,
        by=users["team_external"],
        data=PersonInput(family_name="Neu", visibility=Visibility.TEAM),
        contacts=[ContactInput(kind=ContactKind.EMAIL, value="neu@example.org")],
    )
    assert set(person.contacts.values_list("value", flat=True)) == {"+49 30 999", "neu@example.org"}

    # Nor can they delete it by naming its id.
    with pytest.raises(ValidationError):
        actions.person_update(
            person=person,
            by=users["team_external"],
            data=PersonInput(family_name="Neu", visibility=Visibility.TEAM),
            contacts=[ContactInput(id=hidden.pk, delete=True, kind="", value="")],
        )
    assert person.contacts.filter(pk=hidden.pk).exists()


def test_contacts_are_changed_and_removed_by_id(users):
    by = users["team_internal"]
    person = PersonFactory(email="alt@example.org", by=by)
    contact = person.contacts.get()
    actions.person_update(
        person=person,
        by=by,
        data=PersonInput(family_name=person.family_name),
        contacts=[ContactInput(id=contact.pk, kind=ContactKind.EMAIL, value="neu@example.org")],
    )
    assert person.contacts.get().value == "neu@example.org"
    actions.person_update(
        person=person,
        by=by,
        data=PersonInput(family_name=person.family_name),
        contacts=[ContactInput(id=contact.pk, delete=True, kind="", value="")],
    )
    assert not person.contacts.exists()


def test_archived_entries_must_be_restored_before_they_change(users):
    by = users["team_external"]
    person = PersonFactory(by=by)
    actions.entry_archive(entry=person, by=by)
    assert person.is_archived
    with pytest.raises(PermissionDenied):
        actions.person_update(person=person, by=by, data=PersonInput(family_name="Neu"))
    with pytest.raises(PermissionDenied):
        actions.entry_archive(entry=person, by=by)

    actions.entry_restore(entry=person, by=by)
    person.refresh_from_db()
    assert not person.is_archived


def test_an_organisation_cannot_be_part_of_itself(users):
    by = users["team_internal"]
    parent = OrganisationFactory(name="Bezirksamt", by=by)
    child = OrganisationFactory(name="Stadtentwicklungsamt", parent=parent, by=by)
    with pytest.raises(ValidationError) as error:
        actions.organisation_update(
            organisation=parent,
            by=by,
            data=OrganisationInput(name="Bezirksamt", sector=parent.sector, parent=child),
        )
    assert "Teil von sich selbst" in str(error.value)
    parent.refresh_from_db()
    assert parent.parent is None


def test_a_hidden_parent_cannot_be_chosen(users):
    internal = OrganisationFactory(visibility=Visibility.INTERNAL)
    with pytest.raises(ValidationError):
        actions.organisation_create(
            by=users["team_external"], data=OrganisationInput(name="Tochter", sector="sonstige", parent=internal)
        )
    assert Organisation.objects.count() == 1


def test_notes_are_never_looser_than_their_entry(users):
    by = users["team_internal"]
    person = PersonFactory(visibility=Visibility.INTERNAL, by=by)
    with pytest.raises(ValidationError):
        actions.note_add(entry=person, text="Notiz", visibility=Visibility.TEAM, by=by)
    note = actions.note_add(entry=person, text="  Vertraulich  ", visibility=Visibility.INTERNAL, by=by)
    assert note.text == "Vertraulich"
    assert note.author == by


def test_a_consent_records_the_exact_text_version(users):
    import datetime

    person = PersonFactory()
    text = ConsentText.objects.get(purpose="oeffentlich", version="2025-01")
    record = actions.consent_record(
        person=person,
        consent_text=text,
        granted=True,
        given_on=datetime.date(2025, 3, 1),
        method="email",
        by=users["team_external"],
    )
    assert record.consent_text.text.startswith("Ich bin einverstanden")
    assert record.recorded_by == users["team_external"]

    with pytest.raises(ValidationError) as error:
        actions.consent_record(
            person=person,
            consent_text=text,
            granted=True,
            given_on=datetime.date.today() + datetime.timedelta(days=3),
            method="email",
            by=users["team_external"],
        )
    assert "Zukunft" in str(error.value)
    assert ConsentRecord.objects.count() == 1


def test_topics_are_one_shared_vocabulary(users):
    first = actions.topic_get_or_create(name="Vorkaufsrecht")
    assert actions.topic_get_or_create(name="  vorkaufsrecht ") == first


def test_an_editor_who_cannot_see_the_parent_does_not_remove_it(users):
    parent = OrganisationFactory(name="Geheim GmbH", visibility=Visibility.INTERNAL)
    child = OrganisationFactory(name="Tochter", visibility=Visibility.TEAM, parent=parent)
    actions.organisation_update(
        organisation=child, by=users["team_external"], data=OrganisationInput(name="Tochter", sector=child.sector)
    )
    child.refresh_from_db()
    assert child.parent == parent
