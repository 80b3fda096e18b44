"""Places test data, made through the same actions as the team's pages and the public proposal form."""

import factory

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.places import actions
from gemeinwohl.places.actions import PlaceInput, ProposalInput
from gemeinwohl.places.models import Place

# Real positions, checked against the shipped geodata.
BOXHAGENER_PLATZ = (52.5104, 13.4594)  # Friedrichshain-Kreuzberg, Ortsteil Friedrichshain, Milieuschutz EM0206
ALEXANDERPLATZ = (52.5219, 13.4132)  # Mitte, no Milieuschutz area
POTSDAM = (52.3906, 13.0645)  # outside Berlin


class PlaceInputFactory(factory.Factory):
    class Meta:
        model = PlaceInput

    name = factory.Sequence(lambda n: f"Kiezladen Nummer {n}")
    address = "Boxhagener Straße 1, 10245 Berlin"
    latitude = BOXHAGENER_PLATZ[0]
    longitude = BOXHAGENER_PLATZ[1]


class PlaceFactory(factory.django.DjangoModelFactory):
    """A place as the team records it (``by`` defaults to a team account; ``status`` the first status)."""

    class Meta:
        model = Place

    @classmethod
    def _create(cls, model_class, *args, by=None, status=None, **kwargs):
        by = by or UserFactory(role=Role.TEAM_INTERNAL)
        extra = {"status": status} if status else {}
        return actions.place_create(data=PlaceInputFactory(**kwargs), by=by, **extra)


class ProposalInputFactory(factory.Factory):
    class Meta:
        model = ProposalInput

    name = factory.Sequence(lambda n: f"Gemeinschaftsgarten {n}")
    proposer_name = "Robin Beispiel"
    proposer_email = factory.Sequence(lambda n: f"vorschlag{n}@example.org")
    consent = True
    latitude = BOXHAGENER_PLATZ[0]
    longitude = BOXHAGENER_PLATZ[1]
