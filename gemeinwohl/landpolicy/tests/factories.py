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


def case_notified_for_days_left(days_left: int, *, today: datetime.date | None = None) -> datetime.date:
    """A notification date whose (unextended) deadline lies ``days_left`` days after ``today``."""
    from gemeinwohl.core.deadlines import pre_emption_deadline

    today = today or timezone.localdate()
    for back in range(1, 400):
        notified_on = today - datetime.timedelta(days=back)
        if (pre_emption_deadline(notified_on).end - today).days == days_left:
            return notified_on
    raise ValueError(days_left)


def bulk_open_cases(count: int, *, plot: Property, responsible, visibility=None) -> list[PreEmptionCase]:
    """``count`` open cases in two queries (for query-count tests): deadlines spread over the next months."""
    from gemeinwohl.core.deadlines import pre_emption_deadline
    from gemeinwohl.core.visibility import Visibility
    from gemeinwohl.landpolicy.models import Responsibility

    today = timezone.localdate()
    cases = []
    for number in range(count):
        notified_on = today - datetime.timedelta(days=number % 90)
        info = pre_emption_deadline(notified_on)
        cases.append(
            PreEmptionCase(
                plot=plot,
                file_number=f"VK-BULK-{number}",
                notified_on=notified_on,
                visibility=visibility if visibility is not None else Visibility.INTERNAL,
                rule_key=info.rule.key,
                period_end=info.period_end,
                deadline=info.end,
            )
        )
    created = PreEmptionCase.objects.bulk_create(cases)
    if not all(case.pk for case in created):  # backends that do not return keys
        created = list(PreEmptionCase.objects.filter(file_number__startswith="VK-BULK-"))
    Responsibility.objects.bulk_create(
        Responsibility(case=case, user=person) for case in created for person in responsible
    )
    return created
