import datetime

import pytest

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import actions
from gemeinwohl.directory.inputs import AffiliationInput, PersonInput
from gemeinwohl.directory.models import ContactKind, Sector
from gemeinwohl.directory.selectors import (
    EntryFilter,
    organisation_get,
    organisation_list,
    person_get,
    person_list,
    recently_changed,
)
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory, TopicFactory, add_contact

pytestmark = pytest.mark.django_db


def names(people):
    return [person.family_name for person in people]


def test_the_list_shows_each_reader_what_they_may_see(users):
    PersonFactory(family_name="Albrecht", visibility=Visibility.PUBLIC)
    PersonFactory(family_name="Brandt", visibility=Visibility.TEAM)
    PersonFactory(family_name="Stolz", visibility=Visibility.INTERNAL)

    assert names(person_list(fetched_by=users["team_internal"])) == ["Albrecht", "Brandt", "Stolz"]
    assert names(person_list(fetched_by=users["team_external"])) == ["Albrecht", "Brandt"]
    assert names(person_list(fetched_by=users["anonymous"])) == ["Albrecht"]


def test_search_finds_names_e_mails_and_organisations(users):
    organisation = OrganisationFactory(name="Stiftung Boden für Alle")
    PersonFactory(given_name="Clara", family_name="Neumann", organisation=organisation)
    PersonFactory(given_name="Ben", family_name="Kaya", email="ben.kaya@mail.example")
    reader = users["team_external"]

    assert names(person_list(fetched_by=reader, filters=EntryFilter(search="neum"))) == ["Neumann"]
    assert names(person_list(fetched_by=reader, filters=EntryFilter(search="Clara Neumann"))) == ["Neumann"]
    assert names(person_list(fetched_by=reader, filters=EntryFilter(search="mail.example"))) == ["Kaya"]
    assert names(person_list(fetched_by=reader, filters=EntryFilter(search="Boden"))) == ["Neumann"]
    assert names(person_list(fetched_by=reader, filters=EntryFilter(search="Clara Kaya"))) == []


def test_a_hidden_e_mail_does_not_find_its_person(users):
    person = PersonFactory(family_name="Lenz", visibility=Visibility.TEAM)
    add_contact(person, kind=ContactKind.EMAIL, value="geheim@example.org", visibility=Visibility.INTERNAL)

    assert names(person_list(fetched_by=users["team_internal"], filters=EntryFilter(search="geheim"))) == ["Lenz"]
    assert names(person_list(fetched_by=users["team_external"], filters=EntryFilter(search="geheim"))) == []


def test_a_hidden_organisation_does_not_find_its_people(users):
    company = OrganisationFactory(name="Projektgesellschaft Spreeblick", visibility=Visibility.INTERNAL)
    PersonFactory(family_name="Stolz", visibility=Visibility.TEAM, organisation=company)

    assert names(person_list(fetched_by=users["team_external"], filters=EntryFilter(search="Spreeblick"))) == []
    external_view = person_list(fetched_by=users["team_external"]).get()
    assert external_view.current_affiliations == []


def test_filters_by_sector_topic_and_archive(users):
    by = users["team_internal"]
    topic = TopicFactory(name="Erbbaurecht")
    cooperative = OrganisationFactory(name="Werkhof eG", sector=Sector.COMMON_GOOD_ECONOMY)
    authority = OrganisationFactory(name="Stadtentwicklungsamt", sector=Sector.ADMINISTRATION)
    PersonFactory(family_name="Petrović", organisation=cooperative)
    schulze = PersonFactory(family_name="Schulze", organisation=authority)
    actions.person_update(
        person=schulze, by=by, data=PersonInput(family_name="Schulze", visibility=Visibility.TEAM, topics=[topic])
    )
    archived = PersonFactory(family_name="Alt")
    actions.entry_archive(entry=archived, by=by)

    assert names(person_list(fetched_by=by, filters=EntryFilter(sector=Sector.COMMON_GOOD_ECONOMY))) == ["Petrović"]
    assert names(person_list(fetched_by=by, filters=EntryFilter(topic=topic.pk))) == ["Schulze"]
    assert names(person_list(fetched_by=by)) == ["Petrović", "Schulze"]
    assert names(person_list(fetched_by=by, filters=EntryFilter(archived=True))) == ["Alt"]
    assert [o.name for o in organisation_list(fetched_by=by, filters=EntryFilter(sector=Sector.ADMINISTRATION))] == [
        "Stadtentwicklungsamt"
    ]


def test_only_current_affiliations_are_listed(users):
    by = users["team_internal"]
    old = OrganisationFactory(name="Alte Initiative")
    new = OrganisationFactory(name="Neue Genossenschaft")
    person = PersonFactory(family_name="Wolf")
    actions.person_update(
        person=person,
        by=by,
        data=PersonInput(family_name="Wolf"),
        affiliations=[
            AffiliationInput(organisation=old, end_date=datetime.date(2020, 12, 31)),
            AffiliationInput(organisation=new, start_date=datetime.date(2021, 1, 1)),
        ],
    )
    listed = person_list(fetched_by=by).get()
    assert [a.organisation.name for a in listed.current_affiliations] == ["Neue Genossenschaft"]
    # The detail page still shows the history.
    assert {a.organisation.name for a in person_get(pk=person.pk, fetched_by=by).visible_affiliations} == {
        "Alte Initiative",
        "Neue Genossenschaft",
    }


def test_the_detail_shows_only_visible_parts(users):
    by = users["team_internal"]
    person = PersonFactory(visibility=Visibility.TEAM, email="team@example.org")
    add_contact(person, kind=ContactKind.PHONE, value="+49 30 111", visibility=Visibility.INTERNAL)
    actions.note_add(entry=person, text="intern", visibility=Visibility.INTERNAL, by=by)
    actions.note_add(entry=person, text="fürs Team", visibility=Visibility.TEAM, by=by)

    seen = person_get(pk=person.pk, fetched_by=users["team_external"])
    assert [c.value for c in seen.visible_contacts] == ["team@example.org"]
    assert [n.text for n in seen.visible_notes] == ["fürs Team"]


def test_a_hidden_parent_is_not_shown(users):
    parent = OrganisationFactory(name="Geheim GmbH", visibility=Visibility.INTERNAL)
    child = OrganisationFactory(name="Tochter", visibility=Visibility.TEAM, parent=parent)
    assert organisation_get(pk=child.pk, fetched_by=users["team_external"]).visible_parent is None
    assert organisation_list(fetched_by=users["team_external"]).get().parent is None
    assert organisation_get(pk=parent.pk, fetched_by=users["team_internal"]).visible_units == [child]


def test_recently_changed_mixes_people_and_organisations_newest_first(users):
    reader = users["team_external"]
    OrganisationFactory(name="Erste")
    PersonFactory(family_name="Zweite")
    OrganisationFactory(name="Geheim", visibility=Visibility.INTERNAL)
    assert [str(entry) for entry in recently_changed(fetched_by=reader)][:2] == [
        str(person_list(fetched_by=reader).get()),
        "Erste",
    ]
    assert "Geheim" not in [str(entry) for entry in recently_changed(fetched_by=reader)]
