"""Land-policy test data, made through the same actions as the pages (each part in its own section)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.landpolicy.actions import preemption
from gemeinwohl.landpolicy.actions.preemption import CaseInput
from gemeinwohl.landpolicy.actions.properties import PropertyInput, property_create
from gemeinwohl.landpolicy.models import PreEmptionCase, Property

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


# --- Pre-emption cases ----------------------------------------------------------------------------------------------


def administration_user(**kwargs):
    return UserFactory(role=kwargs.pop("role", Role.TEAM_INTERNAL), **kwargs)


class CaseFactory(factory.django.DjangoModelFactory):
    """A pre-emption case as administration staff record it: notified ten days ago, in a Milieuschutz area.

    ``by`` defaults to an administration-internal team member, who is also responsible unless
    ``responsible`` says otherwise.
    """

    class Meta:
        model = PreEmptionCase

    @classmethod
    def _create(cls, model_class, *args, by=None, plot=None, responsible=None, **kwargs):
        by = by or administration_user()
        plot = plot or PropertyFactory(by=by)
        kwargs.setdefault("notified_on", timezone.localdate() - datetime.timedelta(days=10))
        kwargs.setdefault("seller", "Verkaufende Grundstücksgesellschaft mbH")
        kwargs.setdefault("buyer", "Käufer Immobilien Holding GmbH")
        kwargs.setdefault("price", Decimal("4200000.00"))
        data = CaseInput(plot=plot, responsible=responsible if responsible is not None else [by], **kwargs)
        return preemption.case_create(data=data, by=by)
