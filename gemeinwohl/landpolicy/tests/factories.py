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


# --- Heritable building rights --------------------------------------------------------------------------------------
# This section's imports stay with it, so that each section is appended without touching the others.

import datetime  # noqa: E402
from decimal import Decimal  # noqa: E402

from gemeinwohl.core.visibility import Visibility  # noqa: E402
from gemeinwohl.directory.tests.factories import OrganisationFactory  # noqa: E402
from gemeinwohl.landpolicy.actions.leases import LeaseInput, lease_create  # noqa: E402
from gemeinwohl.landpolicy.models import GroundLease  # noqa: E402


class LeaseFactory(factory.django.DjangoModelFactory):
    """A contract as the team records it, through ``lease_create`` (``by``: an administration-internal account).

    Defaults: a cooperative holds it from 1 January 2020 for 99 years, 1,5 % of a land value of 1.000.000,00 €.
    """

    class Meta:
        model = GroundLease

    plot = factory.SubFactory(PropertyFactory)
    holder_organisation = factory.LazyAttributeSequence(
        lambda o, n: None if o.holder_person else OrganisationFactory(name=f"Wohnungsgenossenschaft Testhof {n + 1} eG")
    )
    holder_person = None
    file_number = factory.Sequence(lambda n: f"ErbbR {n + 1}/2020")
    starts_on = datetime.date(2020, 1, 1)
    term_years = 99
    rate_percent = Decimal("1.5")
    land_value = Decimal("1000000.00")
    visibility = Visibility.TEAM

    @classmethod
    def _create(cls, model_class, *args, by=None, **kwargs):
        by = by or UserFactory(role=Role.TEAM_INTERNAL)
        return lease_create(data=LeaseInput(**kwargs), by=by)
