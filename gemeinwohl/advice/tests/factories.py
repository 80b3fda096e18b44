"""Advice test data, made through the same actions as the public form and the team's pages."""

import factory
from django.utils import timezone

from gemeinwohl.advice import actions
from gemeinwohl.advice.actions import RequestInput
from gemeinwohl.advice.models import Case, ConsentText, Topic
from gemeinwohl.directory.models import Sector


def current_consent_version() -> str:
    return ConsentText.objects.current().version


class RequestInputFactory(factory.Factory):
    """What an initiative types into "Beratung anfragen"."""

    class Meta:
        model = RequestInput

    group_name = factory.Sequence(lambda n: f"Hausgemeinschaft Musterstraße {n}")
    contact_name = factory.Sequence(lambda n: f"Kim Beispiel {n}")
    email = factory.Sequence(lambda n: f"anfrage{n}@example.org")
    description = "Unser Haus soll verkauft werden. Was können wir tun?"
    topics = factory.LazyFunction(lambda: [Topic.SALE])
    consent_version = factory.LazyFunction(current_consent_version)
    sector = Sector.CIVIL_SOCIETY


class CaseFactory(factory.django.DjangoModelFactory):
    """A case as the public form makes it (``now`` sets when it came in); ``status_token`` holds the link's secret."""

    class Meta:
        model = Case

    @classmethod
    def _create(cls, model_class, *args, now=None, **kwargs):
        submitted = actions.request_submit(data=RequestInputFactory(**kwargs), now=now or timezone.now())
        case = submitted.case
        case.status_token = submitted.status_token
        return case
