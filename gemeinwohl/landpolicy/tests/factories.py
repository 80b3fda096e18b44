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


# --- Tenders --------------------------------------------------------------------------------------------------------


def team_account():
    return UserFactory(role=Role.TEAM_INTERNAL)


class TenderFactory(factory.django.DjangoModelFactory):
    """A concept tender made through ``tender_create`` (``by`` defaults to an administration-internal team account)."""

    class Meta:
        model = "landpolicy.Tender"

    title = factory.Sequence(lambda n: f"Konzeptverfahren Nummer {n + 1}")
    description = ""
    status = "offen"
    bids_due_on = None
    scale_min = 0
    scale_max = 10
    visibility = 20  # Visibility.TEAM

    @classmethod
    def _create(cls, model_class, *args, by=None, plot=None, **kwargs):
        from gemeinwohl.landpolicy.actions.tenders import TenderInput, tender_create

        by = by or team_account()
        plot = plot or PropertyFactory(by=by)
        return tender_create(data=TenderInput(plot=plot, **kwargs), by=by)


def set_criteria(tender, weights, *, by=None, names=None):
    """Give ``tender`` criteria with these weights (per cent); names "Kriterium 1", … unless given."""
    from decimal import Decimal

    from gemeinwohl.landpolicy.actions.tenders import CriterionInput, tender_set_criteria

    names = names or [f"Kriterium {number}" for number in range(1, len(weights) + 1)]
    return tender_set_criteria(
        tender=tender,
        criteria=[
            CriterionInput(name=name, weight=Decimal(str(weight))) for name, weight in zip(names, weights, strict=True)
        ],
        by=by or team_account(),
    )


def add_bid(tender, *, title="Wohnprojekt", organisation=None, by=None, submitted_on=None):
    """A bid by ``organisation`` (a new team-visible one unless given)."""
    import datetime

    from gemeinwohl.directory.tests.factories import OrganisationFactory
    from gemeinwohl.landpolicy.actions.tenders import BidInput, bid_add

    by = by or team_account()
    organisation = organisation or OrganisationFactory(by=by)
    return bid_add(
        tender=tender,
        data=BidInput(title=title, organisation=organisation, submitted_on=submitted_on or datetime.date(2026, 1, 15)),
        by=by,
    )


def seat_jury(tender, users, *, by=None):
    from gemeinwohl.landpolicy.actions.tenders import tender_set_jurors

    return tender_set_jurors(tender=tender, users=users, by=by or team_account())


def score(bid, juror, points, *, notes=None):
    """``juror`` gives ``bid`` these points, criterion by criterion in catalogue order (notes likewise)."""
    from gemeinwohl.landpolicy.actions.tenders import bid_score

    criteria = list(bid.tender.criteria.order_by("position", "pk"))
    return bid_score(
        bid=bid,
        by=juror,
        points={criterion.pk: value for criterion, value in zip(criteria, points, strict=True)},
        notes={criterion.pk: note for criterion, note in zip(criteria, notes or [], strict=False)},
    )


# --- Heritable building rights --------------------------------------------------------------------------------------
# This section's imports stay with it, so that each section is appended without touching the others.


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
