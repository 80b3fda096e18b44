"""Events test data, made through the same actions as the team's pages and the public registration."""

import datetime

import factory
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.events import actions
from gemeinwohl.events.actions import EventInput, RegistrationInput
from gemeinwohl.events.models import Event, EventFormat, Registration


def workshop() -> EventFormat:
    return EventFormat.objects.get(slug="workshop")


def in_days(days: int, hour: int = 18) -> datetime.datetime:
    """A moment ``days`` from today at ``hour`` o'clock, Berlin time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventInputFactory(factory.Factory):
    """What the team fills in to plan an event: a public workshop in a week, two hours, unlimited places."""

    class Meta:
        model = EventInput

    title = factory.Sequence(lambda n: f"Werkstatt Gemeinwohl {n}")
    event_format = factory.LazyFunction(workshop)
    start = factory.LazyFunction(lambda: in_days(7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    venue_name = "Rathaus Kreuzberg, BVV-Saal"
    address = "Yorckstraße 4–11, 10965 Berlin"


class EventFactory(factory.django.DjangoModelFactory):
    """An event as the team plans it (``by`` defaults to a team account)."""

    class Meta:
        model = Event

    @classmethod
    def _create(cls, model_class, *args, by=None, **kwargs):
        by = by or UserFactory(role=Role.TEAM_INTERNAL)
        return actions.event_create(data=EventInputFactory(**kwargs), by=by)


class RegistrationInputFactory(factory.Factory):
    """What a visitor types into the registration form."""

    class Meta:
        model = RegistrationInput

    name = factory.Sequence(lambda n: f"Alex Beispiel {n}")
    email = factory.Sequence(lambda n: f"teilnahme{n}@example.org")


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration as the public form makes it; pass ``event`` (and ``now`` for the moment it arrives)."""

    class Meta:
        model = Registration

    @classmethod
    def _create(cls, model_class, *args, event, now=None, **kwargs):
        return actions.registration_register(event=event, data=RegistrationInputFactory(**kwargs), now=now)
