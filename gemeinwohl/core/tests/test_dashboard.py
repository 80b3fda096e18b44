"""The dashboard registry: panels in order, each only for holders of its permission, scoped by the reader."""

import pytest

from gemeinwohl.core import dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(dashboard, "_panels", {})
    dashboard.register(dashboard.Panel("late", "Spät", "t.html", lambda user: {"who": user.email}, order=20))
    dashboard.register(
        dashboard.Panel("admin", "Nur Admin", "t.html", lambda user: {}, permission="accounts.add_user", order=10)
    )
    dashboard.register(dashboard.Panel("early", "Früh", "t.html", lambda user: {"who": user.email}, order=5))


def test_panels_in_order_for_holders_of_their_permission(registry, users):
    shown = dashboard.panels_for(users["admin"])

    assert [item["panel"].key for item in shown] == ["early", "admin", "late"]


def test_panels_without_permission_are_left_out_and_get_the_reader(registry, users):
    shown = dashboard.panels_for(users["team_internal"])

    assert [item["panel"].key for item in shown] == ["early", "late"]
    assert shown[0]["context"] == {"who": users["team_internal"].email}


def test_registering_a_key_again_replaces_the_panel(registry, users):
    dashboard.register(dashboard.Panel("early", "Neu", "t.html", lambda user: {}, order=5))

    titles = [item["panel"].title for item in dashboard.panels_for(users["registered"])]
    assert titles == ["Neu", "Spät"]
