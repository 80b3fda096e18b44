from gemeinwohl.events.models.choices import ACTIVE_STATUSES, Ask, Provision, QuestionKind, RegistrationStatus
from gemeinwohl.events.models.documentation import EventFile, EventPhoto
from gemeinwohl.events.models.event import Event, EventFormat, RegistrationQuestion
from gemeinwohl.events.models.policy import EventRetentionPolicy
from gemeinwohl.events.models.registration import Registration, RegistrationAnswer

__all__ = [
    "ACTIVE_STATUSES",
    "Ask",
    "Event",
    "EventFile",
    "EventFormat",
    "EventPhoto",
    "EventRetentionPolicy",
    "Provision",
    "QuestionKind",
    "Registration",
    "RegistrationAnswer",
    "RegistrationQuestion",
    "RegistrationStatus",
]
