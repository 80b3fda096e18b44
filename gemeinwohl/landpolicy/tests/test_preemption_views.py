import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.actions import preemption
from gemeinwohl.landpolicy.models import (
    AversionAgreement,
    CaseDocument,
    CaseStep,
    FiguresPublication,
    Obligation,
    Outcome,
    PreEmptionCase,
    StepKind,
)
from gemeinwohl.landpolicy.tests.factories import CaseFactory, PropertyFactory, case_notified_for_days_left

pytestmark = pytest.mark.django_db

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def today():
    return timezone.localdate()


@pytest.fixture
def lead(users):
    return users["team_internal"]


@pytest.fixture
def client(client_as):
    return client_as("team_internal")


def case_form_data(plot, person, **changes):
    data = {
        "plot": plot.pk,
        "notified_on": "2025-11-30",
        "contract_date": "2025-11-20",
        "seller": "Erbengemeinschaft Wolkenstein",
        "buyer": "Spreeblick Wohnen GmbH",
        "price": "3150000.00",
        "legal_ground": "24-1-4",
        "file_number": "VK-2025-031",
        "responsible": [person.pk],
        "visibility": str(Visibility.INTERNAL),
        "note": "",
    }
    data.update(changes)
    return data


# --- recording a case -----------------------------------------------------------------------------------------------


def test_a_recorded_sale_shows_its_deadline_with_the_rule_and_its_source(client, lead):
    # Given a property in the Milieuschutz area around Boxhagener Platz
    plot = PropertyFactory(by=lead, address="Simon-Dach-Straße 40, 10245 Berlin")

    # When the sale notified on 30 November 2025 is recorded
    response = client.post(reverse("landpolicy:case_create"), case_form_data(plot, lead))

    # Then the case page shows the deadline of 28 February 2026 (no 30 February) and its legal basis
    case = PreEmptionCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    page = client.get(response["Location"])
    text = page.content.decode()
    assert "Der Vorkaufsfall ist angelegt. Die Frist endet am 28.02.2026." in text
    assert "Samstag, 28. Februar 2026" in text
    assert "Baulandmobilisierungsgesetzes" in text
    assert "https://www.gesetze-im-internet.de/bbaug/__28.html" in text
    # 28 February 2026 is a Saturday: the plan is the Friday before, and the page says why
    assert "Freitag, 27. Februar 2026" in text
    assert "§ 193 BGB" in text
    assert "abgelaufen vor" in text
    # the area from the geodata and the legal ground
    assert plot.milieuschutz.name in text
    assert "§ 24 Abs. 1 Satz 1 Nr. 4 BauGB" in text
    # the contract, for administration staff
    assert "Erbengemeinschaft Wolkenstein" in text and "Spreeblick Wohnen GmbH" in text


@pytest.mark.parametrize(
    ("notified_on", "deadline", "rule_text"),
    [
        ("2021-06-22", "Sonntag, 22. August 2021", "in der bis zum 22. Juni 2021 geltenden Fassung"),
        ("2021-06-23", "Donnerstag, 23. September 2021", "in Kraft seit 23. Juni 2021"),
    ],
)
def test_the_2021_rule_change_decides_by_the_notification_day(client, lead, notified_on, deadline, rule_text):
    plot = PropertyFactory(by=lead)
    response = client.post(
        reverse("landpolicy:case_create"), case_form_data(plot, lead, notified_on=notified_on, contract_date="")
    )
    assert response.status_code == 302
    text = client.get(response["Location"]).content.decode()
    assert deadline in text
    assert rule_text in text


def test_a_notification_in_the_future_is_refused_with_a_german_message_and_nothing_saved(client, lead):
    plot = PropertyFactory(by=lead)
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("landpolicy:case_create"), case_form_data(plot, lead, notified_on=tomorrow))
    assert response.status_code == 422
    assert "Das Datum der Mitteilung darf nicht in der Zukunft liegen." in response.content.decode()
    assert PreEmptionCase.objects.count() == 0


def test_responsible_must_be_administration_staff(client, lead, users):
    plot = PropertyFactory(by=lead)
    response = client.post(
        reverse("landpolicy:case_create"), case_form_data(plot, lead, responsible=[users["team_external"].pk])
    )
    assert response.status_code == 422
    assert "Zuständig sein können nur Mitarbeitende der Verwaltung" in response.content.decode()
    assert PreEmptionCase.objects.count() == 0


def test_the_form_offers_the_link_to_record_a_property_and_the_visibility_defaults_to_internal(client):
    text = client.get(reverse("landpolicy:case_create")).content.decode()
    assert reverse("landpolicy:property_create") in text
    assert f'value="{Visibility.INTERNAL}" id="id_visibility_1" checked' in text or (
        f'value="{Visibility.INTERNAL}"' in text and "checked" in text
    )


def test_changing_the_notification_date_recounts_the_deadline(client, lead):
    case = CaseFactory(by=lead, notified_on=D(2026, 8, 31), file_number="VK-1")
    data = case_form_data(case.plot, lead, notified_on="2026-09-01", contract_date="", file_number="VK-1")
    response = client.post(reverse("landpolicy:case_update", args=[case.pk]), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.deadline == D(2026, 12, 1)
    assert "Die Frist endet am 01.12.2026." in client.get(response["Location"]).content.decode()


# --- steps, documents, the agreement --------------------------------------------------------------------------------


def test_a_step_before_the_notification_is_refused_and_nothing_saved(client, lead):
    case = CaseFactory(by=lead, notified_on=today() - datetime.timedelta(days=10))
    before = (case.notified_on - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        reverse("landpolicy:step_create", args=[case.pk]), {"kind": StepKind.REVIEW, "on_date": before, "note": "x"}
    )
    assert response.status_code == 422
    assert "Ein Schritt kann nicht vor der Mitteilung des Kaufvertrags" in response.content.decode()
    assert CaseStep.objects.count() == 0


def test_a_step_without_a_date_is_refused(client, lead):
    case = CaseFactory(by=lead)
    response = client.post(reverse("landpolicy:step_create", args=[case.pk]), {"kind": StepKind.REVIEW})
    assert response.status_code == 422
    assert "Bitte geben Sie das Datum des Schritts an." in response.content.decode()
    assert CaseStep.objects.count() == 0


def test_a_hearing_shows_in_the_timeline_and_an_extension_moves_the_deadline(client, lead):
    case = CaseFactory(by=lead, notified_on=today() - datetime.timedelta(days=20))
    url = reverse("landpolicy:step_create", args=[case.pk])
    response = client.post(url, {"kind": StepKind.HEARING, "on_date": today().isoformat(), "note": "Anhörung Käufer"})
    assert response.status_code == 302
    response = client.post(url, {"kind": StepKind.EXTENSION, "on_date": today().isoformat()})
    assert response.status_code == 302
    text = client.get(case.get_absolute_url()).content.decode()
    assert "Anhörung Käufer" in text
    assert "§ 27 Abs. 1 Satz 3 BauGB: Verlängerung um zwei Monate" in text
    case.refresh_from_db()
    assert case.deadline > case.period_end


def test_a_document_is_uploaded_listed_and_downloaded(client, lead):
    case = CaseFactory(by=lead)
    response = client.post(
        reverse("landpolicy:document_upload", args=[case.pk]),
        {"title": "Kaufvertrag", "file": SimpleUploadedFile("vertrag.pdf", PDF)},
    )
    assert response.status_code == 302
    document = CaseDocument.objects.get()
    assert "Kaufvertrag" in client.get(case.get_absolute_url()).content.decode()
    download = client.get(document.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == PDF


def test_a_document_without_a_title_is_refused(client, lead):
    case = CaseFactory(by=lead)
    response = client.post(
        reverse("landpolicy:document_upload", args=[case.pk]), {"file": SimpleUploadedFile("v.pdf", PDF)}
    )
    assert response.status_code == 422
    assert "Bitte geben Sie einen Titel an." in response.content.decode()
    assert CaseDocument.objects.count() == 0


def test_the_abwendungsvereinbarung_is_recorded_and_shown(client, lead):
    case = CaseFactory(by=lead, notified_on=today() - datetime.timedelta(days=30))
    obligations = list(Obligation.objects.filter(is_active=True)[:3])
    url = reverse("landpolicy:agreement_create", args=[case.pk])
    page = client.get(url).content.decode()
    assert obligations[0].name in page
    response = client.post(
        url,
        {
            "obligations": [obligation.pk for obligation in obligations],
            "signed_on": today().isoformat(),
            "starts_on": D(2027, 1, 1).isoformat(),
            "term_years": "20",
            "penalty": "bis 500.000 €",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.outcome == Outcome.AVERTED
    text = client.get(case.get_absolute_url()).content.decode()
    assert "31. Dezember 2046" in text
    assert "20 Jahre" in text
    for obligation in obligations:
        assert obligation.name in text


def test_an_agreement_without_obligations_is_refused(client, lead):
    case = CaseFactory(by=lead)
    response = client.post(
        reverse("landpolicy:agreement_create", args=[case.pk]),
        {"signed_on": today().isoformat(), "starts_on": today().isoformat(), "term_years": "10"},
    )
    assert response.status_code == 422
    assert "Bitte geben Sie mindestens eine Verpflichtung an." in response.content.decode()
    assert AversionAgreement.objects.count() == 0
    assert PreEmptionCase.objects.get().is_open


# --- the board, the list, the register ------------------------------------------------------------------------------


def test_the_board_orders_by_days_left_and_names_each_band_in_words(client, lead):
    for days, number in ((25, "C"), (-3, "A"), (60, "E"), (5, "B"), (12, "D")):
        CaseFactory(by=lead, notified_on=case_notified_for_days_left(days), file_number=number)
    text = client.get(reverse("landpolicy:deadline_board")).content.decode()
    cases = {case.file_number: case for case in PreEmptionCase.objects.all()}
    positions = [text.index(f'data-case="{cases[key].pk}"') for key in "ABDCE"]
    assert positions == sorted(positions)
    for label in ("abgelaufen vor 3 Tagen", "noch 5 Tage", "noch 12 Tage", "noch 25 Tage", "noch 60 Tage"):
        assert label in text
    for band in ("abgelaufen", "≤ 7 Tage", "≤ 14 Tage", "≤ 30 Tage", "mehr als 30 Tage"):
        assert band in text
    assert "<caption>" in text and 'scope="col"' in text


def test_the_list_filters_and_never_shows_the_contract(client, lead):
    open_case = CaseFactory(by=lead, file_number="VK-OFFEN", seller="Verkäuferin Listentest")
    decided = CaseFactory(by=lead, file_number="VK-ENTSCHIEDEN")
    preemption.case_add_step(case=decided, kind=StepKind.WAIVER, on_date=today(), by=lead)

    text = client.get(reverse("landpolicy:case_list")).content.decode()
    assert "VK-OFFEN" in text and "VK-ENTSCHIEDEN" not in text
    assert "Verkäuferin Listentest" not in text and "4.200.000" not in text

    text = client.get(reverse("landpolicy:case_list"), {"stand": "entschieden"}).content.decode()
    assert "VK-ENTSCHIEDEN" in text and "VK-OFFEN" not in text

    text = client.get(reverse("landpolicy:case_list"), {"stand": "alle", "suche": "offen"}).content.decode()
    assert "VK-OFFEN" in text and "VK-ENTSCHIEDEN" not in text
    assert open_case.plot.address in text


def test_the_register_shows_agreements_ending_within_the_horizon_first(client, lead):
    soon = CaseFactory(by=lead, file_number="bald")
    later = CaseFactory(by=lead, file_number="spaeter")
    obligation = Obligation.objects.filter(is_active=True).first()
    for case, starts_on, years in ((soon, today() - datetime.timedelta(days=365 * 3), 4), (later, today(), 20)):
        preemption.agreement_record(
            case=case,
            data=preemption.AgreementInput(
                signed_on=today(), starts_on=starts_on, term_years=years, obligations=[obligation]
            ),
            by=lead,
        )
    text = client.get(reverse("landpolicy:agreement_register"), {"zeitraum": "12"}).content.decode()
    ahead = text[text.index('data-register="ahead"') : text.index('data-register="others"')]
    assert soon.plot.address in ahead and later.plot.address not in ahead
    assert "läuft aus in" in ahead
    assert obligation.name in ahead
    text = client.get(reverse("landpolicy:agreement_register"), {"zeitraum": "alle"}).content.decode()
    assert text.index(soon.plot.address) < text.index(later.plot.address)


# --- the yearly counts ----------------------------------------------------------------------------------------------


def test_the_public_page_shows_published_years_only_and_no_case_data(client_as, lead):
    CaseFactory(by=lead, notified_on=D(2025, 3, 3), seller="Verkäufer Zahlentest", file_number="VK-Z-1")
    CaseFactory(by=lead, notified_on=D(2024, 3, 3))
    preemption.figures_publish(year=2025, by=lead)

    response = client_as("anonymous").get(reverse("landpolicy:public_figures"))

    text = response.content.decode()
    assert response.status_code == 200
    assert "2025" in text and "2024" not in text
    assert "<caption>" in text
    assert "keine Angaben aus Kaufverträgen" in text
    assert "Verkäufer Zahlentest" not in text and "VK-Z-1" not in text
    assert "Vorkaufsrecht ausgeübt" in text


def test_the_team_publishes_updates_and_withdraws_a_year(client, lead):
    CaseFactory(by=lead, notified_on=D(2025, 3, 3))
    url = reverse("landpolicy:figures_publish")
    assert "nicht veröffentlicht" in client.get(url).content.decode()

    response = client.post(url, {"year": "2025", "action": "veroeffentlichen"}, follow=True)
    assert "Die Zahlen für 2025 sind veröffentlicht." in response.content.decode()
    assert FiguresPublication.objects.get(year=2025).counts[Outcome.OPEN] == 1

    response = client.post(url, {"year": "2025", "action": "zurueckziehen"}, follow=True)
    assert "Die Zahlen für 2025 sind nicht mehr veröffentlicht." in response.content.decode()
    assert not FiguresPublication.objects.exists()


@pytest.mark.parametrize("year", ["1900", "3000", "zwanzig"])
def test_an_impossible_year_is_refused_with_a_german_message(client, year):
    response = client.post(reverse("landpolicy:figures_publish"), {"year": year, "action": "veroeffentlichen"})
    assert response.status_code == 422
    assert "Bitte" in response.content.decode()
    assert not FiguresPublication.objects.exists()


def test_the_dashboard_shows_the_nearest_deadlines(client, lead):
    import gemeinwohl.landpolicy.dashboard  # noqa: F401 - registers the panel

    case = CaseFactory(by=lead, notified_on=case_notified_for_days_left(5))
    text = client.get(reverse("core:dashboard")).content.decode()
    assert "Vorkaufsfristen" in text
    assert case.plot.address in text and "noch 5 Tage" in text


def test_a_bezirksamt_editor_stays_responsible(client_as, users):
    bezirksamt = users["bezirksamt"]
    plot = PropertyFactory(by=UserFactory(role=Role.TEAM_INTERNAL))
    response = client_as("bezirksamt").post(
        reverse("landpolicy:case_create"), case_form_data(plot, users["team_internal"], notified_on="2026-10-01")
    )
    assert response.status_code == 302
    case = PreEmptionCase.objects.get()
    assert bezirksamt in case.responsible.all()
    assert client_as("bezirksamt").get(case.get_absolute_url()).status_code == 200
