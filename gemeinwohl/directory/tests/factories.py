"""Address-book test data, made through the same actions as the platform's pages."""

import factory

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import actions
from gemeinwohl.directory.inputs import AffiliationInput, ContactInput, OrganisationInput, PersonInput
from gemeinwohl.directory.models import (
    AffiliationKind,
    ContactContext,
    ContactKind,
    Organisation,
    Person,
    Sector,
    Topic,
)


def _editor():
    """The account test data is filed by: an administration-internal team member."""
    return UserFactory(role=Role.TEAM_INTERNAL)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Thema {n}")

    @classmethod
    def _create(cls, model_class, *, name):
        return actions.topic_get_or_create(name=name)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Initiative Nummer {n}")
    short_name = ""
    sector = Sector.CIVIL_SOCIETY
    legal_form = ""
    parent = None
    visibility = Visibility.TEAM
    email = ""
    by = None

    @classmethod
    def _create(cls, model_class, *, by, email, **fields):
        contacts = [ContactInput(kind=ContactKind.EMAIL, value=email, visibility=fields["visibility"])] if email else []
        return actions.organisation_create(by=by or _editor(), data=OrganisationInput(**fields), contacts=contacts)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person; ``email`` adds a work e-mail at the person's level, ``organisation`` an affiliation."""

    class Meta:
        model = Person

    family_name = factory.Faker("last_name", locale="de_DE")
    given_name = factory.Faker("first_name", locale="de_DE")
    visibility = Visibility.TEAM
    email = ""
    organisation = None
    by = None

    @classmethod
    def _create(cls, model_class, *, by, email, organisation, **fields):
        level = fields["visibility"]
        contacts = [ContactInput(kind=ContactKind.EMAIL, value=email, visibility=level)] if email else []
        affiliations = (
            [
                AffiliationInput(
                    organisation=organisation,
                    kind=AffiliationKind.WORKS_AT,
                    visibility=max(level, organisation.visibility),
                )
            ]
            if organisation
            else []
        )
        return actions.person_create(
            by=by or _editor(), data=PersonInput(**fields), contacts=contacts, affiliations=affiliations
        )


def add_contact(
    entry, *, kind=ContactKind.EMAIL, value, visibility=Visibility.TEAM, context=ContactContext.WORK, by=None
):
    """Add one contact detail to an existing person or organisation through its update action."""
    by = by or _editor()
    if isinstance(entry, Person):
        data = PersonInput(
            family_name=entry.family_name,
            given_name=entry.given_name,
            title=entry.title,
            pronouns=entry.pronouns,
            visibility=entry.visibility,
            topics=list(entry.topics.all()),
        )
        contact = ContactInput(kind=kind, value=value, visibility=visibility, context=context)
        return actions.person_update(person=entry, by=by, data=data, contacts=[contact])
    data = OrganisationInput(
        name=entry.name,
        sector=entry.sector,
        short_name=entry.short_name,
        legal_form=entry.legal_form,
        parent=entry.parent,
        description=entry.description,
        visibility=entry.visibility,
        topics=list(entry.topics.all()),
    )
    contact = ContactInput(kind=kind, value=value, visibility=visibility, context=context)
    return actions.organisation_update(organisation=entry, by=by, data=data, contacts=[contact])
