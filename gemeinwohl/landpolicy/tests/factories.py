"""Land-policy test data, made through the same actions as the pages (each part in its own section)."""

import factory

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.landpolicy.actions.properties import PropertyInput, property_create
from gemeinwohl.landpolicy.models import Property

# Real positions, checked against the shipped geodata.
BOXHAGENER_PLATZ = (52.5104, 13.4594)  # Friedrichshain-Kreuzberg, Ortsteil Friedrichshain, Milieuschutz EM0206
ALEXANDERPLATZ = (52.5219, 13.4132)  # Mitte, no Milieuschutz area


# --- Properties -----------------------------------------------------------------------------------------------------


class PropertyInputFactory(factory.Factory):
    class Meta:
        model = PropertyInput

    address = factory.Sequence(lambda n: f"Boxhagener Straße {n + 1}, 10245 Berlin")
    gemarkung = "Friedrichshain"
    flur = "3"
    flurstueck = factory.Sequence(lambda n: f"{100 + n}/1")
    size_m2 = 850
    latitude = BOXHAGENER_PLATZ[0]
    longitude = BOXHAGENER_PLATZ[1]


class PropertyFactory(factory.django.DjangoModelFactory):
    """A property as the team records it (``by`` defaults to an administration-internal team account)."""

    class Meta:
        model = Property

    @classmethod
    def _create(cls, model_class, *args, by=None, **kwargs):
        by = by or UserFactory(role=Role.TEAM_INTERNAL)
        return property_create(data=PropertyInputFactory(**kwargs), by=by)
