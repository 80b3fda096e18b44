"""Land policy in a real browser: the issue's "done when".

An administration-internal team member records a sale notification for a
property in a Milieuschutz area, sees the right deadline with its legal basis,
gets the reminder mail when the lead time is reached (time moved in the
test), records an Abwendungsvereinbarung; a concept tender is scored by three
jurors and ranked; the external team and the public see nothing of the cases.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from gemeinwohl.accounts.models import User
from gemeinwohl.core.deadlines import pre_emption_deadline
from gemeinwohl.directory.models import Organisation
from gemeinwohl.landpolicy.actions import tenders
from gemeinwohl.landpolicy.actions.properties import PropertyInput, property_create
from gemeinwohl.landpolicy.actions.tenders import BidInput, CriterionInput, TenderInput
from gemeinwohl.landpolicy.reminders import send_deadline_reminders
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser]

JURORS = ["intern@gemeinwohl.example", "bezirksamt@gemeinwohl.example", "murat.yildiz@gemeinwohl.example"]


def log_out(page) -> None:
    page.context.clear_cookies()


def field(label: str) -> re.Pattern:
    """A form field by its whole label (Django adds a colon)."""
    return re.compile(rf"^{re.escape(label)}:?$")


def test_a_concept_tender_is_scored_by_three_jurors_and_ranked(page, demo):
    # Given a tender with two criteria (60/40), three bids and a jury of three, set up by the team
    lead = User.objects.get(email="intern@gemeinwohl.example")
    plot = property_create(
        data=PropertyInput(address="Wühlischstraße 40, 10245 Berlin", latitude=52.5087, longitude=13.4640), by=lead
    )
    tender = tenders.tender_create(
        data=TenderInput(plot=plot, title="Konzeptverfahren Ecke Wühlischstraße", scale_min=0, scale_max=10),
        by=lead,
    )
    tenders.tender_set_criteria(
        tender=tender,
        criteria=[
            CriterionInput(name="Soziale Wohnraumversorgung", weight=Decimal(60)),
            CriterionInput(name="Nachbarschaft und Gemeinwohl", weight=Decimal(40)),
        ],
        by=lead,
    )
    applicants = list(Organisation.objects.visible_to(lead).order_by("pk")[:3])
    bids = [
        tenders.bid_add(
            tender=tender,
            data=BidInput(title=title, organisation=organisation, submitted_on=timezone.localdate()),
            by=lead,
        )
        for title, organisation in zip(
            ["Hausgemeinschaft", "Wohnen im Kiez", "Kiezgenossenschaft"], applicants, strict=True
        )
    ]
    tenders.tender_set_jurors(tender=tender, users=list(User.objects.filter(email__in=JURORS)), by=lead)
    # Each juror's points per bid: (Wohnraum, Nachbarschaft). Totals: 8.0, 7.0 and 7.0 → 1, 2, 2.
    points = {
        "intern@gemeinwohl.example": [(8, 8), (7, 7), (6, 8)],
        "bezirksamt@gemeinwohl.example": [(9, 7), (7, 7), (7, 7)],
        "murat.yildiz@gemeinwohl.example": [(7, 9), (7, 7), (8, 6)],
    }

    # When each juror logs in and scores every bid
    for email in JURORS:
        log_in(page, email, settings.DEMO_PASSWORD)
        page.goto(tender.get_absolute_url())
        expect(page.get_by_role("heading", level=1)).to_contain_text("Konzeptverfahren Ecke Wühlischstraße")
        # Until everyone has scored, there is no ranking to see.
        expect(page.locator("[data-ranking]")).to_have_count(0)
        for bid, (housing, neighbourhood) in zip(bids, points[email], strict=True):
            page.get_by_role("link", name=re.compile(rf"^Bewerten\s*:\s*{bid.title}$")).click()
            if email == JURORS[0] and bid == bids[0]:
                assert_accessible(page)
            page.get_by_label("Punkte für „Soziale Wohnraumversorgung“").fill(str(housing))
            page.get_by_label("Punkte für „Nachbarschaft und Gemeinwohl“").fill(str(neighbourhood))
            page.get_by_role("button", name="Bewertung speichern").click()
        log_out(page)

    # Then the tender shows the ranking, with the tie shown as a tie
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)
    page.goto(tender.get_absolute_url())
    ranking = page.locator("[data-ranking]")
    expect(ranking).to_be_visible()
    assert_accessible(page)
    rows = ranking.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Hausgemeinschaft")
    expect(rows.nth(0)).to_contain_text("8,00")
    expect(rows.nth(1)).to_contain_text("gleichauf")
    expect(rows.nth(2)).to_contain_text("gleichauf")
    assert [rows.nth(n).get_attribute("data-rank") for n in range(3)] == ["1", "2", "2"]


def test_a_sale_notification_is_recorded_reminded_and_averted_and_no_one_else_sees_it(page, demo):
    log_in(page, "intern@gemeinwohl.example", settings.DEMO_PASSWORD)

    # Given a property recorded at Boxhagener Platz, inside a social preservation area
    page.goto("/boden/grundstuecke/neu/")
    assert_accessible(page)
    page.get_by_label(field("Adresse")).fill("Gärtnerstraße 99, 10245 Berlin")
    page.get_by_label(field("Gemarkung")).fill("Friedrichshain")
    page.get_by_label(field("Flur")).fill("4")
    page.get_by_label(field("Flurstück")).fill("217/3")
    page.get_by_label(field("Breitengrad")).fill("52,5104")
    page.get_by_label(field("Längengrad")).fill("13,4594")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gärtnerstraße 99")
    expect(page.locator("main")).to_contain_text("Boxhagener Platz")

    # When the sale, notified 80 days ago, is recorded
    notified = timezone.localdate() - datetime.timedelta(days=80)
    deadline = pre_emption_deadline(notified)
    page.goto("/boden/vorkauf/neu/")
    assert_accessible(page)
    page.get_by_label(field("Grundstück")).select_option(
        label="Gärtnerstraße 99, 10245 Berlin (Milieuschutzgebiet Boxhagener Platz)"
    )
    page.get_by_label(field("Mitteilung des Kaufvertrags eingegangen am")).fill(notified.isoformat())
    page.get_by_label(field("Verkäufer")).fill("Erbengemeinschaft Sonnenschein")
    page.get_by_label(field("Käufer")).fill("Nordlicht Residential Invest GmbH")
    page.get_by_label(field("Kaufpreis (EUR)")).fill("3850000")
    page.get_by_label(field("Aktenzeichen")).fill("BA-FK-VK-2026-099")
    expect(page.get_by_label("Jana Brandt")).to_be_checked()
    page.get_by_role("button", name="Speichern").click()

    # Then the case shows the deadline counted by the rule of 2021, with its legal basis and the area
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vorkaufsfall Gärtnerstraße 99")
    with translation.override("de"):
        expected_end = date_format(deadline.end, "l, j. F Y")
    expect(page.locator("[data-deadline-end]")).to_have_text(expected_end)
    expect(page.locator("[data-rule-source]")).to_contain_text("§ 28 Abs. 2 Satz 1 BauGB")
    expect(page.locator("[data-rule-source]")).to_contain_text("Baulandmobilisierungsgesetz")
    expect(page.locator("main")).to_contain_text("Boxhagener Platz")
    assert_accessible(page)
    case_url = page.url

    # And the reminder mail reaches her when the 14-day lead time is reached (the day moved forward)
    mail.outbox.clear()
    send_deadline_reminders(today=deadline.end - datetime.timedelta(days=14))
    ours = [message for message in mail.outbox if "Gärtnerstraße 99" in message.subject]
    assert len(ours) == 1
    assert ours[0].to == ["intern@gemeinwohl.example"]
    assert ours[0].subject.startswith("Vorkaufsfrist: noch 14 Tage")
    assert expected_end.split(", ")[1] in ours[0].body
    send_deadline_reminders(today=deadline.end - datetime.timedelta(days=14))
    assert len([message for message in mail.outbox if "Gärtnerstraße 99" in message.subject]) == 1

    # When the buyer signs an Abwendungsvereinbarung
    page.goto(case_url + "abwendung/")
    assert_accessible(page)
    page.get_by_label("Keine Umwandlung in Eigentumswohnungen").check()
    page.get_by_label("Keine Modernisierung über den gesetzlichen Mindeststandard hinaus").check()
    page.get_by_label(field("unterzeichnet am")).fill(timezone.localdate().isoformat())
    page.get_by_label(field("gilt ab")).fill(timezone.localdate().isoformat())
    page.get_by_label(field("Laufzeit (Jahre)")).fill("20")
    page.get_by_role("button", name="Speichern").click()

    # Then the case is averted and the agreement is in the register
    expect(page.locator("[data-outcome]")).to_contain_text("abgewendet")
    page.goto("/boden/abwendungsvereinbarungen/?horizont=alle")
    expect(page.locator("main")).to_contain_text("Gärtnerstraße 99")
    assert_accessible(page)

    # The external team and the public see nothing of the case
    secrets = ["Erbengemeinschaft Sonnenschein", "Nordlicht Residential", "BA-FK-VK-2026-099", "3.850.000"]
    log_out(page)
    log_in(page, "extern@gemeinwohl.example", settings.DEMO_PASSWORD)
    for path in ["/boden/vorkauf/", "/boden/vorkauf/fristen/", "/boden/abwendungsvereinbarungen/", "/uebersicht/"]:
        page.goto(path)
        content = page.content()
        assert "Gärtnerstraße 99" not in content, path
        assert not [secret for secret in secrets if secret in content], path
    assert page.goto(case_url).status == 404
    page.goto("/boden/grundstuecke/")
    page.get_by_role("link", name="Gärtnerstraße 99, 10245 Berlin").click()
    assert not [secret for secret in secrets if secret in page.content()]
    case_path = case_url.removeprefix(page.url.split("/boden/")[0])
    expect(page.locator(f'main a[href="{case_path}"]')).to_have_count(0)
    log_out(page)
    for path in [case_url, "/boden/vorkauf/zahlen/", "/boden/vorkauf/fristen/"]:
        page.goto(path)
        content = page.content()
        assert "Gärtnerstraße 99" not in content and not [secret for secret in secrets if secret in content], path
