"""The figures on events in a real browser: a team member reads the numbers, charts with their tables."""

import datetime
import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from gemeinwohl.accounts.models import User
from gemeinwohl.events import actions, mails
from gemeinwohl.events.tests.factories import EventFactory, RegistrationFactory, in_days
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]


@pytest.fixture(autouse=True)
def quiet_mails(monkeypatch):
    """The mails are not written yet; the actions schedule them after commit."""
    for name in dir(mails):
        if name.startswith("send_"):
            monkeypatch.setattr(mails, name, lambda **kwargs: None)


def test_a_team_member_reads_the_figures_of_an_event(page, demo):
    # given a Kiezspaziergang eight days ago: four registered, three came, the check-in closed
    team = User.objects.get(email="intern@gemeinwohl.example")
    walk = EventFactory(title="Kiezspaziergang Graefekiez", start=in_days(-8), capacity=10, by=team)
    people = [RegistrationFactory(event=walk, now=walk.start - datetime.timedelta(days=3)) for _ in range(4)]
    for registration in people[:3]:
        actions.attendance_record(registration=registration, attended=True, by=team, now=walk.start)
    actions.attendance_close(event=walk, by=team, now=walk.end)
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)

    # when the team member opens the figures for the last ten days (the demo's events lie outside them)
    today = timezone.localdate()
    page.goto(
        f"/veranstaltungen/zahlen/?von={today - datetime.timedelta(days=10)}&bis={today - datetime.timedelta(days=1)}"
    )

    # then the page names the event and its numbers, the totals, and what each number means
    expect(page.get_by_role("heading", level=1)).to_have_text("Auswertung der Veranstaltungen")
    row = page.get_by_role("table", name="Zahlen je Veranstaltung").get_by_role("row", name=re.compile("Graefekiez"))
    expect(row.get_by_role("cell")).to_have_text(["Workshop", "10", "4", "4", "3", "1", "0", "0", "0"])
    expect(page.locator('[data-figure="no_shows"]')).to_have_text("1")
    formats = page.get_by_role("table", name="Teilnehmende nach Format")
    workshops = formats.get_by_role("row", name=re.compile("^Workshop"))
    expect(workshops.get_by_role("cell")).to_have_text("3")
    expect(workshops.locator("svg rect")).to_be_visible()
    expect(page.get_by_role("heading", name="Was die Zahlen bedeuten")).to_be_visible()
    expect(page.get_by_role("link", name="Als CSV herunterladen")).to_have_attribute(
        "href", re.compile(r"export\.csv\?von=")
    )
    assert_accessible(page)
