"""A hidden object and a missing one fail the same way: 404, with the same German page."""

import re

import pytest
from django.http import Http404

from gemeinwohl.core.access import get_visible_or_404
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Person
from gemeinwohl.directory.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_visible_object_is_returned(users):
    person = PersonFactory(visibility=Visibility.INTERNAL)

    assert get_visible_or_404(Person.objects, users["team_internal"], pk=person.pk) == person


@pytest.mark.parametrize("lookup", ["hidden", "missing", "malformed", "wrong type"])
def test_hidden_missing_and_malformed_raise_the_same_404(users, lookup):
    # given an administration-internal entry and a reader from the external team
    person = PersonFactory(visibility=Visibility.INTERNAL)
    pk = {"hidden": person.pk, "missing": person.pk + 1000, "malformed": "abc", "wrong type": ["1"]}[lookup]

    # then asking for it, or for something that is not there, fails the same way
    with pytest.raises(Http404) as error:
        get_visible_or_404(Person.objects, users["team_external"], pk=pk)
    assert error.value.args == ()


def _without_token(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_hidden_entry_answers_like_a_missing_one(client_as):
    # given an administration-internal person and a member of the external team
    hidden = PersonFactory(visibility=Visibility.INTERNAL)
    client = client_as("team_external")
    missing_url = f"/adressbuch/personen/{hidden.pk + 1000}/"
    hidden_url = f"/adressbuch/personen/{hidden.pk}/"

    # when they open it, and an address where there is nothing
    hidden_response, missing_response = client.get(hidden_url), client.get(missing_url)

    # then both answer 404 with the German page, and the pages do not differ
    assert hidden_response.status_code == missing_response.status_code == 404
    assert "<h1>Seite nicht gefunden</h1>" in hidden_response.content.decode()
    assert _without_token(hidden_response.content.decode().replace(hidden_url, missing_url)) == _without_token(
        missing_response.content.decode()
    )
