"""An initiative asks for advice; the team works the case through; the initiative follows it by its link."""

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from gemeinwohl.advice.models import Case, CaseTopic
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]


def status_link_from_mail(reference: str) -> str:
    message = next(message for message in mail.outbox if reference in message.subject)
    # The mail's link points at SITE_URL; the test server runs elsewhere, so keep the path.
    return re.search(r"/beratung/status/\S+/", message.body).group(0)


def test_a_request_is_answered_referred_and_followed_by_its_link(page, demo, new_context):
    # The initiative asks, without an account.
    page.goto("/")
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Beratung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beratung anfragen")
    assert_accessible(page)
    page.get_by_label("Initiative oder Gruppe").fill("Hausgemeinschaft Falckensteinstraße 7")
    page.get_by_label("Ansprechperson").fill("Deniz Aydın")
    page.get_by_label("E-Mail-Adresse").fill("deniz@example.org")
    page.get_by_label("Verkauf des Hauses / Vorkaufsrecht").check()
    page.get_by_label("Betroffene Adresse (freiwillig)").fill("Falckensteinstraße 7, 10997 Berlin")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Eine Frist, die ansteht (falls vorhanden)").fill(tomorrow.isoformat())
    page.get_by_label("Was ist das für eine Frist?").fill("Notartermin")
    page.get_by_label("Ihr Anliegen").fill(
        "Unser Haus wird an einen Fonds verkauft. Wir wollen eine Genossenschaft gründen."
    )
    # Sent without consent first: a German message, nothing saved.
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.get_by_role("alert")).to_contain_text("Ohne Ihre Einwilligung")
    assert not Case.objects.filter(email="deniz@example.org").exists()
    assert_accessible(page)
    page.get_by_label("Ich stimme der Verarbeitung meiner Angaben zu.").check()
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ihre Anfrage ist eingegangen")
    assert_accessible(page)
    reference = page.locator("[data-reference]").inner_text()
    case = Case.objects.get(reference=reference)
    status_link = status_link_from_mail(reference)
    page.get_by_role("link", name="Zum Stand Ihrer Anfrage").click()
    expect(page.locator("[data-state]")).to_have_text("neu")
    assert_accessible(page)

    # The team sees it first in the inbox.
    log_in(page, "intern@gemeinwohl.example", settings.DEMO_PASSWORD)
    inbox = page.locator("[data-inbox]")
    expect(inbox.get_by_role("link").first).to_contain_text(reference)
    assert_accessible(page)
    inbox.get_by_role("link", name=re.compile(reference)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hausgemeinschaft Falckensteinstraße 7")
    assert_accessible(page)

    # Assign it, move it on, work through the timeline.
    page.get_by_role("combobox", name="zuständig").select_option(label="Jana Brandt")
    page.get_by_role("button", name="Zuweisen").click()
    expect(page.locator("[data-assignee]")).to_have_text("Jana Brandt")
    page.get_by_label("weiter nach").select_option(label="in Klärung")
    page.get_by_role("button", name="Stand ändern").click()
    expect(page.locator("[data-case-state]")).to_have_text("in Klärung")
    activities = page.locator("[data-activities]")
    page.get_by_text("Als erledigt eintragen").first.click()
    activities.get_by_label("Zeitaufwand (Minuten)").first.fill("90")
    activities.get_by_role("button", name="Erledigt").first.click()
    expect(activities).to_contain_text("erledigt")
    expect(activities).to_contain_text("Rückmeldung an die Initiative")
    assert_accessible(page)

    # Refer it to a cooperative platform, share a note with the initiative.
    page.get_by_text("An eine Organisation weitervermitteln").click()
    page.get_by_label("an Organisation").select_option(label="LokalBau Plattform")
    page.get_by_label("Anlass").fill("Beratung zur Genossenschaftsgründung")
    page.get_by_role("button", name="Weitervermittlung eintragen").click()
    expect(page.locator("[data-referrals]")).to_contain_text("LokalBau Plattform")
    notes = page.get_by_role("region", name="Notizen")
    notes.get_by_role("textbox", name="Notiz").fill(
        "Wir haben Sie an LokalBau vermittelt; dort meldet man sich diese Woche."
    )
    notes.get_by_label("Wer sieht die Notiz?").select_option(label="auch die Anfragenden (über ihren Statuslink)")
    page.get_by_role("button", name="Notiz speichern").click()
    page.get_by_label("weiter nach").select_option(label="weitervermittelt")
    page.get_by_role("button", name="Stand ändern").click()
    expect(page.locator("[data-case-state]")).to_have_text("weitervermittelt")
    assert_accessible(page)

    # The initiative's link shows the progress and the shared note, nothing internal.
    initiative = new_context()
    status = initiative.new_page()
    status.goto(status_link)
    expect(status.locator("[data-state]")).to_have_text("weitervermittelt")
    timeline = status.locator("[data-status-timeline]")
    expect(timeline).to_contain_text("dort meldet man sich diese Woche")
    expect(timeline).to_contain_text("Neuer Stand: in Klärung")
    expect(status.locator("body")).not_to_contain_text("Jana Brandt")
    expect(status.locator("body")).not_to_contain_text("Rückmeldung an die Initiative")
    assert_accessible(status)
    # and takes the page's own form: the initiative adds what it has learnt since.
    status.get_by_label("Ergänzung").fill("Der Notartermin ist verschoben.")
    status.get_by_role("button", name="Ergänzung senden").click()
    expect(status.get_by_text("Danke, Ihre Ergänzung ist bei uns angekommen.")).to_be_visible()
    assert case.notes.filter(from_requester=True, text="Der Notartermin ist verschoben.").exists()
    initiative.close()
    case.refresh_from_db()
    assert case.first_response_at is not None

    # The figures count it: this year's sale requests and the referral to LokalBau.
    this_year = CaseTopic.objects.filter(topic="verkauf", case__received_at__year=timezone.localdate().year)
    page.goto("/beratung/auswertung/")
    topics = page.get_by_role("table", name="Anfragen nach Thema")
    expect(topics.get_by_role("row", name="Verkauf des Hauses / Vorkaufsrecht")).to_contain_text(str(this_year.count()))
    assert this_year.filter(case=case).exists()
    referrals = page.get_by_role("table", name="Weitervermittlungen nach Organisation")
    expect(referrals.get_by_role("row", name=re.compile("LokalBau Plattform"))).to_be_visible()
    assert_accessible(page)
