"""The accounts' dashboard panels "Mein Profil" and "Das AKS-Team", as their readers see them."""

import html
import re

import pytest

from conftest import logged_in_client
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def panel(page: str, key: str) -> str:
    match = re.search(rf'<section class="panel"[^>]*data-panel="{key}">(.*?)</section>', page, re.S)
    assert match, f"no panel {key}"
    return html.unescape(match.group(1))


def test_profile_panel_shows_the_readers_own_account(client):
    user = UserFactory(name="Kim Nowak", email="kim@test.example", role=Role.REGISTERED)
    logged_in_client(user, client)

    profile = panel(client.get("/uebersicht/").content.decode(), "profile")

    assert "<dd>Kim Nowak</dd>" in profile
    assert "<dd>kim@test.example</dd>" in profile
    assert "<dd>Registriert</dd>" in profile
    assert 'href="/konto/profil/"' in profile


def test_team_panel_lists_the_active_team_internal_posts_first(client):
    # given the team, one former member, and accounts outside the team
    UserFactory(name="Lea Hoffmann", email="lea@test.example", role=Role.TEAM_EXTERNAL)
    UserFactory(name="Jana Brandt", email="jana@test.example", role=Role.TEAM_INTERNAL)
    UserFactory(name="Alt Mitglied", email="alt@test.example", role=Role.TEAM_EXTERNAL, is_active=False)
    UserFactory(name="Dr. Friedrich Lenz", role=Role.BEZIRKSAMT)
    reader = UserFactory(name="Ada Admin", role=Role.ADMIN)
    logged_in_client(reader, client)

    # when the administrator opens the Übersicht
    team = panel(client.get("/uebersicht/").content.decode(), "team")

    # then the panel lists the active team, administration-internal first, with their addresses
    assert re.findall(r"<strong>(.*?)</strong>", team) == ["Jana Brandt", "Lea Hoffmann"]
    assert "AKS-Team, verwaltungsintern" in team
    assert 'href="mailto:lea@test.example"' in team


def test_team_panel_says_when_there_is_no_team(client):
    logged_in_client(UserFactory(role=Role.BEZIRKSAMT), client)

    team = panel(client.get("/uebersicht/").content.decode(), "team")

    assert "Noch keine Teammitglieder." in team
