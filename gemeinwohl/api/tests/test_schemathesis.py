"""The API against its own OpenAPI description: generated requests, valid and invalid, as a team member
(by personal key) and as the anonymous public.

Every answer must be documented (status code, content type, body schema) and none a server error.
Requests go in-process through the WSGI application, inside the test's database transaction.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.api.actions import token_create
from gemeinwohl.committees.tests.factories import (
    AgendaItemFactory,
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    TaskFactory,
    member,
)
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.tests.factories import OrganisationFactory, PersonFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
MAX_EXAMPLES = 25


# The description needs no database: the application serves it from the code.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
schema.config.generation.update(max_examples=MAX_EXAMPLES, database="none")

HYPOTHESIS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture
def keep_connection():
    """Requests go straight to the WSGI application, not through Django's test client; like the test client,
    keep Django from closing the database connection after each, which would end the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, keep_connection):
    """A small world of committees and address-book entries; returns a team member's key header.

    Low ids exist, so generated requests reach real objects as well as missing ones.
    """
    intern = UserFactory(role=Role.TEAM_INTERNAL)
    public = CommitteeFactory(visibility=Visibility.PUBLIC, by=intern)
    CommitteeFactory(visibility=Visibility.INTERNAL, by=intern)
    meeting = MeetingFactory(committee=public, past=True, by=intern)
    MeetingFactory(committee=public, by=intern)
    item = AgendaItemFactory(meeting=meeting, by=intern)
    DecisionFactory(agenda_item=item, by=intern)
    TaskFactory(agenda_item=item, assignee=member(public).person, by=intern)
    organisation = OrganisationFactory(by=intern, email="info@example.org")
    PersonFactory(by=intern, email="person@example.org", organisation=organisation)
    _token, secret = token_create(user=intern, name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


@schema.parametrize()
@HYPOTHESIS
def test_the_api_keeps_its_description_for_the_team(case, world):
    case.call_and_validate(headers=world, checks=CHECKS)


@schema.parametrize()
@HYPOTHESIS
def test_the_api_keeps_its_description_for_the_public(case, world):
    case.call_and_validate(checks=CHECKS)
