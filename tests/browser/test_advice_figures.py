"""The figures of advice in a real browser: charts with their tables, another period, a wrong one."""

import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from gemeinwohl.advice.models import CaseTopic, Topic
from gemeinwohl.advice.tests.factories import CaseFactory
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]


def test_a_team_member_reads_the_figures_and_switches_the_period(page, demo):
    now = timezone.now()
    last_year = now.year - 1
    CaseFactory(now=now, topics=[Topic.SALE, Topic.SPACE])
    CaseFactory(now=now, topics=[Topic.SALE])
    CaseFactory(now=now.replace(year=last_year, month=5, day=12), topics=[Topic.FUNDING])
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)

    page.goto("/beratung/auswertung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Auswertung der Beratung")
    topics = page.get_by_role("table", name="Anfragen nach Thema")
    # The demo's cases came in this year too: count what the database holds for this year.
    for topic in (Topic.SALE, Topic.SPACE):
        expected = CaseTopic.objects.filter(topic=topic, case__received_at__year=now.year).count()
        expect(topics.get_by_role("row", name=topic.label).get_by_role("cell").first).to_have_text(str(expected))
    expect(topics.locator("svg rect").first).to_be_visible()
    expect(page.get_by_role("link", name="Als Excel-Datei (XLSX) herunterladen")).to_have_attribute(
        "href", re.compile(r"export\.xlsx\?von=")
    )
    assert_accessible(page)

    page.get_by_role("navigation", name="Zeitraum schnell wählen").get_by_role("link", name="letztes Jahr").click()
    expect(page).to_have_url(re.compile(rf"von={last_year}-01-01&bis={last_year}-12-31"))
    expect(
        page.get_by_role("heading", name=f"Vom 1. Januar {last_year} bis zum 31. Dezember {last_year}")
    ).to_be_visible()
    topics = page.get_by_role("table", name="Anfragen nach Thema")
    expect(topics.get_by_role("row", name="Finanzierung und Förderung").get_by_role("cell").first).to_have_text("1")
    expect(topics.get_by_role("row", name="Verkauf des Hauses / Vorkaufsrecht").get_by_role("cell").first).to_have_text(
        "0"
    )
    expect(page.get_by_role("table", name="Anfragen nach Monat des Eingangs").get_by_role("row")).to_have_count(13)
    assert_accessible(page)

    # An end before the start is refused with a message, and no figures.
    page.get_by_role("textbox", name="bis").fill(f"{last_year - 1}-12-31")
    page.get_by_role("button", name="Anzeigen").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Das Ende darf nicht vor dem Beginn liegen.")
    expect(summary).to_be_focused()
    expect(page.get_by_role("table")).to_have_count(0)
    assert_accessible(page)
