"""Tender pages as the team and the jurors use them: forms, messages, the evaluation, PDF and XLSX."""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from weasyprint.formatting_structure.boxes import TextBox

from conftest import logged_in_client
from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.committees import pdf
from gemeinwohl.directory.tests.factories import OrganisationFactory
from gemeinwohl.landpolicy.models import CriteriaChange, Juror, Score, Tender, TenderStatus
from gemeinwohl.landpolicy.tests.factories import (
    PropertyFactory,
    TenderFactory,
    add_bid,
    score,
    seat_jury,
    set_criteria,
)

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Streng vertraulich: Finanzierungsplan wackelt"


@pytest.fixture
def team():
    return UserFactory(role=Role.TEAM_INTERNAL, name="Jana Brandt")


@pytest.fixture
def team_client(team):
    client = Client()
    logged_in_client(team, client)
    return client


def login(user) -> Client:
    client = Client()
    logged_in_client(user, client)
    return client


@pytest.fixture
def jury_tender(team):
    """Three bids, two criteria (60/40), three jurors; nobody has scored yet."""
    tender = TenderFactory(by=team, title="Konzeptverfahren Ratiborstraße", scale_max=10)
    set_criteria(tender, [60, 40], by=team, names=["Gemeinwohl", "Finanzierung"])
    bids = [
        add_bid(tender, title="Hausprojekt Ratibor", by=team),
        add_bid(tender, title="Genossenschaft Spree", by=team),
        add_bid(tender, title="Stiftung Boden", by=team),
    ]
    jurors = [
        UserFactory(role=Role.TEAM_EXTERNAL, name="Lea Hoffmann"),
        UserFactory(role=Role.BEZIRKSAMT, name="Friedrich Lenz"),
        UserFactory(role=Role.REGISTERED, name="Kim Nowak"),
    ]
    seat_jury(tender, jurors, by=team)
    return tender, bids, jurors


# Per bid, per juror (Lea, Lenz, Kim): points on Gemeinwohl (60 %) and Finanzierung (40 %).
POINTS = [
    [[8, 6], [8, 6], [8, 7]],  # Hausprojekt: 8 and 19/3 → 4.8 + 2.5333… = 7.33
    [[6, 6], [6, 6], [6, 6]],  # Genossenschaft: 6.00
    [[7, 5], [5, 7], [6, 6]],  # Stiftung: means 6 and 6 → 6.00, tied with the Genossenschaft
]


def score_everything(bids, jurors):
    """Every juror scores every bid (``POINTS``); Lea's note on the first bid is the secret."""
    for number, juror in enumerate(jurors):
        for index, bid in enumerate(bids):
            notes = [SECRET_NOTE] if (number, index) == (0, 0) else None
            score(bid, juror, POINTS[index][number], notes=notes)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


# --- creating and editing --------------------------------------------------------------------------------------------


def test_the_team_opens_a_tender_on_a_property(team, team_client):
    plot = PropertyFactory(by=team, address="Ratiborstraße 14, 10999 Berlin")
    form = {"title": "", "plot": plot.pk, "status": "entwurf", "scale_min": 0, "scale_max": 10, "visibility": 20}

    response = team_client.post(reverse("landpolicy:tender_create"), form)
    assert response.status_code == 422
    assert "Bitte geben Sie einen Titel an." in text_of(response) or "Pflichtfeld" in text_of(response)
    assert not Tender.objects.exists()

    response = team_client.post(reverse("landpolicy:tender_create"), form | {"scale_min": 10, "title": "Ratibor"})
    assert response.status_code == 422
    assert "Die höchste Punktzahl muss größer sein als die niedrigste." in text_of(response)

    response = team_client.post(reverse("landpolicy:tender_create"), form | {"title": "Ratibor"})
    tender = Tender.objects.get()
    assert response.status_code == 302 and response["Location"] == tender.get_absolute_url()
    page = text_of(team_client.get(tender.get_absolute_url()))
    assert "Ratiborstraße 14, 10999 Berlin" in page
    assert "0 bis 10 Punkte" in page


def test_the_criteria_table_adds_rows_without_javascript_and_refuses_95_percent(team, team_client):
    tender = TenderFactory(by=team)
    url = reverse("landpolicy:tender_criteria", kwargs={"pk": tender.pk})
    page = team_client.get(url)
    assert page.status_code == 200
    assert text_of(page).count('name="criteria-') >= 9  # three empty rows of three fields

    form = {
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Gemeinwohl",
        "criteria-0-weight": "55",
        "criteria-1-name": "Finanzierung",
        "criteria-1-weight": "40",
        "criteria-2-name": "",
        "criteria-2-weight": "",
    }
    more = team_client.post(url, form | {"add_row": "1"})
    assert more.status_code == 200
    assert 'name="criteria-3-name"' in more.content.decode()
    assert 'value="Gemeinwohl"' in more.content.decode()
    assert not tender.criteria.exists()

    refused = team_client.post(url, form)
    assert refused.status_code == 422
    assert "Die Gewichte ergeben zusammen 95 %, sie müssen 100 % ergeben." in text_of(refused)
    assert not tender.criteria.exists()

    saved = team_client.post(
        url, form | {"criteria-0-weight": "59,5", "criteria-2-name": "Ort", "criteria-2-weight": "0,5"}
    )
    assert saved.status_code == 302
    assert [(c.name, str(c.weight)) for c in tender.criteria.all()] == [
        ("Gemeinwohl", "59.50"),
        ("Finanzierung", "40.00"),
        ("Ort", "0.50"),
    ]
    assert CriteriaChange.objects.filter(tender=tender, by=team).count() == 1
    assert "Änderungen der Kriterien" in text_of(team_client.get(tender.get_absolute_url()))


def test_frozen_criteria_are_shown_read_only_with_the_reason(jury_tender, team_client):
    tender, bids, jurors = jury_tender
    score(bids[0], jurors[0], [5, 5])
    url = reverse("landpolicy:tender_criteria", kwargs={"pk": tender.pk})
    page = text_of(team_client.get(url))
    assert "seit der ersten Bewertung am" in page and "festgeschrieben" in page
    assert 'name="criteria-0-name"' not in page
    refused = team_client.post(url, {"criteria-TOTAL_FORMS": "1", "criteria-INITIAL_FORMS": "0"})
    assert refused.status_code == 422
    assert [c.name for c in tender.criteria.all()] == ["Gemeinwohl", "Finanzierung"]


def test_a_bid_comes_from_the_address_book_and_the_jury_from_the_accounts(team, team_client):
    tender = TenderFactory(by=team)
    organisation = OrganisationFactory(by=team, name="Mietshäuser Syndikat Berlin")
    response = team_client.get(reverse("landpolicy:bid_create", kwargs={"pk": tender.pk}))
    assert "Mietshäuser Syndikat Berlin" in response.content.decode()

    response = team_client.post(
        reverse("landpolicy:bid_create", kwargs={"pk": tender.pk}),
        {"applicant": f"o{organisation.pk}", "title": "", "submitted_on": "2026-01-10"},
    )
    assert response.status_code == 422
    assert not tender.bids.exists()
    response = team_client.post(
        reverse("landpolicy:bid_create", kwargs={"pk": tender.pk}),
        {"applicant": f"o{organisation.pk}", "title": "Syndikatshaus", "submitted_on": "2026-01-10"},
    )
    assert response.status_code == 302
    assert tender.bids.get().organisation == organisation

    lea = UserFactory(role=Role.TEAM_EXTERNAL, name="Lea Hoffmann")
    jury_url = reverse("landpolicy:tender_jury", kwargs={"pk": tender.pk})
    assert team_client.post(jury_url, {}).status_code == 422
    assert team_client.post(jury_url, {"users": [lea.pk]}).status_code == 302
    assert [juror.user for juror in Juror.objects.filter(tender=tender)] == [lea]


# --- scoring ---------------------------------------------------------------------------------------------------------


def test_a_juror_scores_with_messages_at_the_fields(jury_tender):
    tender, bids, jurors = jury_tender
    criteria = list(tender.criteria.all())
    juror = login(jurors[2])  # a registered account, on the jury
    detail = text_of(juror.get(tender.get_absolute_url()))
    url = reverse("landpolicy:bid_score", kwargs={"pk": tender.pk, "bid": bids[0].pk})
    assert url in detail and "Bewerten" in detail

    page = juror.get(url).content.decode()
    assert 'min="0"' in page and 'max="10"' in page
    assert f'<label for="id_points_{criteria[0].pk}"' in page

    form = {f"points_{criteria[0].pk}": "11", f"points_{criteria[1].pk}": "4"}
    refused = juror.post(url, form)
    assert refused.status_code == 422
    assert "Bitte vergeben Sie zwischen 0 und 10 Punkte." in text_of(refused)
    assert not Score.objects.exists()

    saved = juror.post(url, form | {f"points_{criteria[0].pk}": "9"}, follow=True)
    assert saved.redirect_chain[-1][0] == tender.get_absolute_url()
    assert "Ihre Bewertung von „Hausprojekt Ratibor“ ist gespeichert." in text_of(saved)
    tender.refresh_from_db()
    assert tender.status == TenderStatus.SCORING

    again = juror.post(url, form | {f"points_{criteria[0].pk}": "1"})
    assert again.status_code == 422
    assert "Sie haben dieses Gebot bereits bewertet." in text_of(again)
    assert sorted(Score.objects.values_list("points", flat=True)) == [4, 9]


def test_before_everyone_has_scored_nobody_sees_another_jurors_points(jury_tender, team):
    tender, bids, jurors = jury_tender
    score(bids[0], jurors[0], [9, 3], notes=[SECRET_NOTE])
    score(bids[1], jurors[1], [2, 7])

    lea, lenz, kim = (login(juror) for juror in jurors)
    own = text_of(lea.get(tender.get_absolute_url()))
    assert SECRET_NOTE in own  # her own note, on her own page
    assert "1 von 3 Geboten" in own

    for reader in (lenz, kim, login(team)):
        page = text_of(reader.get(tender.get_absolute_url()))
        assert SECRET_NOTE not in page
        assert "<td>9</td>" not in page and "<td>3</td>" not in page
        assert "data-ranking" not in page and "gleichauf" not in page
        assert "1 von 3 Geboten" in page  # progress is for everyone
        score_page = text_of(reader.get(reverse("landpolicy:bid_score", kwargs={"pk": tender.pk, "bid": bids[0].pk})))
        assert SECRET_NOTE not in score_page and "<td>9</td>" not in score_page
        for export in ("tender_pdf", "tender_xlsx"):
            assert reader.get(reverse(f"landpolicy:{export}", kwargs={"pk": tender.pk})).status_code == 404
    assert "<td>2</td>" not in text_of(lea.get(tender.get_absolute_url()))


def test_three_jurors_score_and_the_tender_is_ranked_with_ties(jury_tender, team):
    tender, bids, jurors = jury_tender
    score_everything(bids, jurors)

    page = text_of(login(jurors[1]).get(tender.get_absolute_url()))

    ranking = page.split("data-ranking", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'data-rank="(\d)"', ranking)
    assert rows == ["1", "2", "2"]
    assert "Hausprojekt Ratibor" in ranking.split('data-rank="2"')[0]
    assert ranking.count("gleichauf") == 2
    assert "7,33" in ranking and "6,00" in ranking and "73,3 %" in ranking
    # Now every juror's points and notes are open
    assert SECRET_NOTE in page
    assert "Lea Hoffmann" in page and "Auswertung als PDF" in page


# --- the files -------------------------------------------------------------------------------------------------------


def test_the_xlsx_holds_ranking_criteria_and_every_jurors_points(jury_tender, team):
    tender, bids, jurors = jury_tender
    score_everything(bids, jurors)

    response = login(team).get(reverse("landpolicy:tender_xlsx", kwargs={"pk": tender.pk}))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="auswertung-konzeptverfahren-')
    book = load_workbook(io.BytesIO(response.content))
    ranking = list(book["Rangfolge"].iter_rows(values_only=True))
    assert ranking[0][:3] == ("Rang", "punktgleich", "Konzept")
    assert [(row[0], row[1], row[2], float(row[5])) for row in ranking[1:]] == [
        (1, "nein", "Hausprojekt Ratibor", 7.33),
        (2, "ja", "Genossenschaft Spree", 6.0),
        (2, "ja", "Stiftung Boden", 6.0),
    ]
    criteria = list(book["Kriterien"].iter_rows(values_only=True))
    assert [(row[1], float(row[2])) for row in criteria[1:]] == [("Gemeinwohl", 60.0), ("Finanzierung", 40.0)]
    points = list(book["Punkte je Jurymitglied"].iter_rows(values_only=True))
    assert points[0][4:] == ("Friedrich Lenz", "Kim Nowak", "Lea Hoffmann", "Mittelwert")
    assert points[1][:4] == ("1", "Hausprojekt Ratibor", "Gemeinwohl", 60)
    assert points[3][:3] == ("2 (gleichauf)", "Genossenschaft Spree", "Gemeinwohl")
    # Lenz gave 6, Kim 7, Lea 6 on Finanzierung: the mean 19/3 is shown to two places
    assert points[2][4:] == (6, 7, 6, 6.33)


def test_a_formula_in_a_bid_title_stays_text_in_the_xlsx(team):
    tender = TenderFactory(by=team)
    set_criteria(tender, [100], by=team)
    bid = add_bid(tender, title='=HYPERLINK("http://x.example")', by=team)
    juror = UserFactory(role=Role.TEAM_EXTERNAL)
    seat_jury(tender, [juror], by=team)
    score(bid, juror, [5])
    response = login(team).get(reverse("landpolicy:tender_xlsx", kwargs={"pk": tender.pk}))
    sheet = load_workbook(io.BytesIO(response.content))["Rangfolge"]
    assert sheet["C2"].value == '=HYPERLINK("http://x.example")'
    assert sheet["C2"].data_type == "s"


@pytest.fixture
def laid_out(monkeypatch):
    """The documents WeasyPrint lays out during a test (as committees/tests/test_pdf.py reads them)."""
    documents = []
    original = pdf.layout

    def layout_and_keep(html):
        document = original(html)
        documents.append(document)
        return document

    monkeypatch.setattr(pdf, "layout", layout_and_keep)
    return documents


def pdf_text(document) -> str:
    parts = []
    for page in document.pages:
        parts.append(" ".join(box.text for box in page._page_box.descendants() if isinstance(box, TextBox)))
    return " ".join(" ".join(parts).split())


def test_the_pdf_shows_the_ranking_with_ties(jury_tender, team, laid_out):
    tender, bids, jurors = jury_tender
    score_everything(bids, jurors)

    response = login(jurors[2]).get(reverse("landpolicy:tender_pdf", kwargs={"pk": tender.pk}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith('attachment; filename="auswertung-konzeptverfahren-')
    text = pdf_text(laid_out[-1])
    assert "Auswertung des Konzeptverfahrens Konzeptverfahren Ratiborstraße" in text
    assert "1 Hausprojekt Ratibor" in text
    assert "2 (gleichauf) Genossenschaft Spree" in text
    assert "2 (gleichauf) Stiftung Boden" in text
    assert "7,33 73,3 %" in text
    assert "Finanzierung 40 6 7 6 6,33" in text  # each juror's points and the mean
