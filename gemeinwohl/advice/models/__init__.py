"""Advice (Beratung): requests from initiatives and the team's cases, one module per entity."""

from gemeinwohl.advice.models.case import Case, CaseShare, CaseTopic
from gemeinwohl.advice.models.case_type import CaseType, TimelineStep, Transition
from gemeinwohl.advice.models.choices import (
    CONTACT_KINDS,
    FINISHED_STATES,
    STATE_EXPLANATION,
    ActivityKind,
    ReferralOutcome,
    State,
    StepAnchor,
    Topic,
)
from gemeinwohl.advice.models.consent import ConsentText
from gemeinwohl.advice.models.policy import ReminderLog, RetentionPolicy
from gemeinwohl.advice.models.records import CASE_LEVELS, Activity, Document, Note, Referral, StateChange

__all__ = [
    "CASE_LEVELS",
    "CONTACT_KINDS",
    "FINISHED_STATES",
    "STATE_EXPLANATION",
    "Activity",
    "ActivityKind",
    "Case",
    "CaseShare",
    "CaseTopic",
    "CaseType",
    "ConsentText",
    "Document",
    "Note",
    "Referral",
    "ReferralOutcome",
    "ReminderLog",
    "RetentionPolicy",
    "State",
    "StateChange",
    "StepAnchor",
    "TimelineStep",
    "Topic",
    "Transition",
]
