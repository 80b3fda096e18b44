"""The reporting figures of advice: counts, response times, referrals, the page, the files, who may see them."""

import csv
import datetime
import io
import statistics
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gemeinwohl.advice import actions
from gemeinwohl.advice.figures import HIDDEN_ORGANISATION, advice_figures, percentile
from gemeinwohl.advice.models import Case, ReferralOutcome, State, Topic
from gemeinwohl.advice.tests.factories import CaseFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import Sector
from gemeinwohl.directory.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
PAGE = reverse("advice:figures")


def at(*args) -> datetime.datetime:
    """A moment in Berlin: ``at(2025, 3, 1)`` is midnight starting 1 March 2025 there."""
    return datetime.datetime(*args, tzinfo=BERLIN)


def figures(reader, start, end):
    return advice_figures(fetched_by=reader, start=start, end=end)


def counts(tallies) -> dict:
    return {tally.key: tally.count for tally in tallies}


def export(client, fmt, **period):
    return client.get(reverse("advice:figures_export", args=[fmt]), period)


def csv_sections(response) -> dict[str, list[list[str]]]:
    """The CSV's sections by title, each its header and rows, read as German Excel reads the file."""
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    sections, rows = {}, None
    for row in csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"):
        if not row:
            rows = None
        elif rows is None:
            rows = sections[row[0]] = []
        else:
            rows.append(row)
    return sections


def xlsx_sheets(response) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(response.content))
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in workbook}


def respond_after(case: Case, days: float) -> None:
    # A fixed duration needs a fixed moment; the actions stamp "now".
    Case.objects.filter(pk=case.pk).update(first_response_at=case.received_at + datetime.timedelta(days=days))


# --- the percentile ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "share", "expected"),
    [
        ([1, 2, 3, 4], 0.5, 2.5),
        ([1, 2, 3, 4], 0.9, 3.7),
        ([4, 1, 3, 2], 0.9, 3.7),
        ([7], 0.5, 7),
        ([7], 0.9, 7),
        ([0, 10], 0.9, 9),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9.1),
        ([2, 2, 2, 30], 0.5, 2),
    ],
)
def test_percentiles_interpolate_linearly_between_the_closest_ranks(values, share, expected):
    assert percentile(values, share) == pytest.approx(expected)


def test_the_percentile_is_excels_quantil_inkl_and_none_without_values():
    values = [0.5, 3, 1.25, 8, 2, 13, 21, 0, 5]

    assert percentile(values, 0.5) == statistics.median(values)
    assert percentile(values, 0.9) == pytest.approx(statistics.quantiles(values, n=10, method="inclusive")[8])
    assert percentile([], 0.5) is None


# --- the counts ----------------------------------------------------------------------------------


def test_requests_count_by_topic_month_sector_and_state_with_zeros(users):
    team = users["team_internal"]
    first = CaseFactory(now=at(2025, 1, 15, 10), topics=[Topic.SALE, Topic.SPACE])
    CaseFactory(now=at(2025, 1, 20, 10), topics=[Topic.SALE], sector=Sector.COMMON_GOOD_ECONOMY)
    CaseFactory(now=at(2025, 3, 5, 10), topics=[Topic.FUNDING])
    CaseFactory(now=at(2024, 12, 31, 10), topics=[Topic.SALE])  # before the period
    actions.case_transition(case=first, target=State.CLARIFYING, by=team)

    result = figures(team, datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))

    assert result.total == 3
    assert counts(result.by_topic) == dict.fromkeys(Topic.values, 0) | {
        Topic.SALE: 2,
        Topic.SPACE: 1,
        Topic.FUNDING: 1,
    }
    assert [(row.month, row.count) for row in result.by_month] == [
        (datetime.date(2025, 1, 1), 2),
        (datetime.date(2025, 2, 1), 0),
        (datetime.date(2025, 3, 1), 1),
    ]
    assert counts(result.by_sector) == dict.fromkeys(Sector.values, 0) | {
        Sector.CIVIL_SOCIETY: 2,
        Sector.COMMON_GOOD_ECONOMY: 1,
    }
    assert counts(result.by_state) == dict.fromkeys(State.values, 0) | {State.NEW: 2, State.CLARIFYING: 1}
    assert [tally.label for tally in result.by_topic] == Topic.labels


def test_the_period_runs_from_midnight_to_midnight_in_berlin(users):
    inside = [
        CaseFactory(now=at(2025, 3, 1, 0, 0)),
        CaseFactory(now=datetime.datetime(2025, 2, 28, 23, 30, tzinfo=datetime.UTC)),  # 00:30 in Berlin
        CaseFactory(now=at(2025, 3, 31, 23, 59, 59)),
    ]
    CaseFactory(now=at(2025, 2, 28, 23, 59, 59))
    CaseFactory(now=at(2025, 4, 1, 0, 0))
    CaseFactory(now=datetime.datetime(2025, 3, 31, 22, 30, tzinfo=datetime.UTC))  # 00:30 on 1 April in Berlin

    result = figures(users["team_external"], datetime.date(2025, 3, 1), datetime.date(2025, 3, 31))

    assert result.total == len(inside)
    assert [(row.month, row.count) for row in result.by_month] == [(datetime.date(2025, 3, 1), 3)]


def test_a_single_day_counts_that_day(users):
    CaseFactory(now=at(2025, 6, 30, 23, 0))
    CaseFactory(now=at(2025, 7, 1, 1, 0))

    result = figures(users["team_external"], datetime.date(2025, 6, 30), datetime.date(2025, 6, 30))

    assert result.total == 1
    assert [row.month for row in result.by_month] == [datetime.date(2025, 6, 1)]


def test_response_times_are_median_and_90th_percentile_in_days(users):
    for days in (1, 2, 3, 4):
        respond_after(CaseFactory(now=at(2025, 5, days, 9)), days)
    CaseFactory(now=at(2025, 5, 20, 9))  # not answered yet

    response = figures(users["team_internal"], datetime.date(2025, 5, 1), datetime.date(2025, 5, 31)).response

    assert (response.answered, response.unanswered) == (4, 1)
    assert response.median_days == 2.5
    assert response.p90_days == 3.7


def test_a_shared_note_is_the_first_response(users):
    team = users["team_internal"]
    case = CaseFactory(now=timezone.now() - datetime.timedelta(days=3))
    today = timezone.localdate()

    actions.note_add(case=case, by=team, text="Wir melden uns am Montag.", shared=True)

    response = figures(team, today - datetime.timedelta(days=10), today).response
    assert (response.answered, response.unanswered) == (1, 0)
    assert response.median_days == pytest.approx(3, abs=0.1)


def test_without_requests_every_figure_is_zero(users):
    result = figures(users["team_internal"], datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))

    assert result.total == 0
    assert len(result.by_month) == 12
    assert all(row.count == 0 for row in result.by_month)
    assert (result.response.median_days, result.response.p90_days) == (None, None)
    assert result.referrals == []


# --- referrals and what a reader may not see -----------------------------------------------------


@pytest.fixture
def referrals(users):
    """Three referrals to a team-visible organisation, one to an administration-internal one, one too old."""
    team = users["team_internal"]
    visible = OrganisationFactory(name="Mieterberatung Kreuzberg", visibility=Visibility.TEAM)
    hidden = OrganisationFactory(name="Geheimes Referat Vorkauf", visibility=Visibility.INTERNAL)
    today = timezone.localdate()
    case = CaseFactory(now=timezone.now() - datetime.timedelta(days=40))
    made = [
        actions.referral_add(
            case=case,
            by=team,
            data=actions.ReferralInput(organisation=organisation, referred_on=today - datetime.timedelta(days=days)),
        )
        for organisation, days in ((visible, 5), (visible, 6), (visible, 7), (hidden, 5), (visible, 300))
    ]
    actions.referral_record_outcome(referral=made[0], by=team, outcome=ReferralOutcome.HELPED)
    actions.referral_record_outcome(referral=made[3], by=team, outcome=ReferralOutcome.DECLINED)
    return {"visible": visible, "hidden": hidden, "start": today - datetime.timedelta(days=30), "end": today}


def outcome_counts(tally) -> dict:
    return {outcome: count for outcome, count in zip(ReferralOutcome.values, tally.by_outcome, strict=True) if count}


def test_referrals_count_by_organisation_and_outcome(users, referrals):
    result = figures(users["team_internal"], referrals["start"], referrals["end"])

    assert [(row.organisation, row.total, row.visible) for row in result.referrals] == [
        ("Mieterberatung Kreuzberg", 3, True),
        ("Geheimes Referat Vorkauf", 1, True),
    ]
    assert outcome_counts(result.referrals[0]) == {ReferralOutcome.OPEN: 2, ReferralOutcome.HELPED: 1}
    assert result.referral_total == 4


def test_an_organisation_the_reader_cannot_see_is_counted_without_its_name(users, referrals):
    result = figures(users["team_external"], referrals["start"], referrals["end"])

    assert [(str(row.organisation), row.total, row.visible) for row in result.referrals] == [
        ("Mieterberatung Kreuzberg", 3, True),
        (str(HIDDEN_ORGANISATION), 1, False),
    ]
    assert outcome_counts(result.referrals[1]) == {ReferralOutcome.DECLINED: 1}


def test_referrals_count_by_the_day_they_were_made_both_ends_included(users, referrals):
    today = timezone.localdate()

    result = figures(users["team_internal"], today - datetime.timedelta(days=6), today - datetime.timedelta(days=5))

    assert [(row.organisation, row.total) for row in result.referrals] == [
        ("Mieterberatung Kreuzberg", 2),
        ("Geheimes Referat Vorkauf", 1),
    ]


@pytest.mark.parametrize("fmt", ["page", "csv", "xlsx"])
def test_no_page_or_file_names_a_hidden_organisation(client_as, referrals, fmt):
    client = client_as("team_external")
    period = {"von": referrals["start"].isoformat(), "bis": referrals["end"].isoformat()}

    response = client.get(PAGE, period) if fmt == "page" else export(client, fmt, **period)

    assert response.status_code == 200
    if fmt == "xlsx":
        cells = [str(cell) for sheet in xlsx_sheets(response).values() for row in sheet for cell in row]
        content = "\n".join(cells)
    else:
        content = response.content.decode()
    assert "Mieterberatung Kreuzberg" in content
    assert "Geheimes Referat" not in content
    assert "nicht sichtbar" in content


def test_figures_hold_no_personal_data(client_as, users):
    CaseFactory(now=at(2025, 2, 3, 10), group_name="Hausgemeinschaft Lindenstraße 9", email="kim@example.org")
    period = {"von": "2025-01-01", "bis": "2025-12-31"}

    for response in (client_as("team_internal").get(PAGE, period), export(client_as("team_internal"), "csv", **period)):
        content = response.content.decode()
        assert "Lindenstraße" not in content
        assert "kim@example.org" not in content


# --- who may see them ----------------------------------------------------------------------------

ALLOWED = {
    "anonymous": 302,
    "registered": 403,
    "bezirksamt": 200,
    "team_external": 200,
    "team_internal": 200,
    "admin": 200,
}


@pytest.mark.parametrize("role", list(ALLOWED))
@pytest.mark.parametrize("fmt", ["page", "csv", "xlsx"])
def test_permission_grid(client_as, role, fmt):
    client = client_as(role)

    response = client.get(PAGE) if fmt == "page" else export(client, fmt)

    assert response.status_code == ALLOWED[role]
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_selector_refuses_a_reader_without_the_permission(users):
    with pytest.raises(PermissionDenied):
        figures(users["registered"], datetime.date(2025, 1, 1), datetime.date(2025, 1, 31))


# --- the page ------------------------------------------------------------------------------------


def test_the_page_shows_this_year_so_far_by_default(client_as):
    today = timezone.localdate()
    CaseFactory(now=timezone.now(), topics=[Topic.LEASEHOLD])

    response = client_as("team_external").get(PAGE)

    assert response.status_code == 200
    shown = response.context["figures"]
    assert (shown.start, shown.end) == (today.replace(month=1, day=1), today)
    assert counts(shown.by_topic)[Topic.LEASEHOLD] == 1
    content = response.content.decode()
    assert f'value="{today.replace(month=1, day=1).isoformat()}"' in content
    assert f"von={today.replace(month=1, day=1).isoformat()}&amp;bis={today.isoformat()}" in content  # the file links
    assert "Erbbaurecht" in content
    assert "<svg" in content and "<table" in content


def test_the_page_formats_numbers_the_german_way(client_as):
    cases = [CaseFactory(now=at(2025, 4, 1, 8)) for _ in range(2)]
    respond_after(cases[0], 1)
    respond_after(cases[1], 2)

    response = client_as("team_internal").get(PAGE, {"von": "2025-04-01", "bis": "2025-04-30"})

    assert "1,5 Tage" in response.content.decode()


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"von": "2025-03-01", "bis": "2025-02-01"}, "Das Ende darf nicht vor dem Beginn liegen."),
        ({"von": "kaputt"}, "Bitte geben Sie ein gültiges Datum an"),
        ({"von": "2025-02-30"}, "Bitte geben Sie ein gültiges Datum an"),
        ({"von": "2014-01-01", "bis": "2024-01-01"}, "höchstens 10 Jahre"),
        ({"von": "1850-01-01", "bis": "1850-12-31"}, "ab dem 1. Januar 2000"),
    ],
)
def test_a_wrong_period_answers_400_with_a_german_message(client_as, period, message):
    client = client_as("team_internal")

    page = client.get(PAGE, period)
    files = [export(client, fmt, **period) for fmt in ("csv", "xlsx")]

    assert page.status_code == 400
    assert message in page.content.decode()
    assert page.context.get("figures") is None
    assert 'class="error-summary"' in page.content.decode()
    for response in files:
        assert response.status_code == 400
        assert message in response.content.decode()


def test_ten_years_exactly_are_allowed(client_as):
    response = client_as("team_internal").get(PAGE, {"von": "2016-01-01", "bis": "2025-12-31"})

    assert response.status_code == 200
    assert len(response.context["figures"].by_month) == 120


def test_an_unknown_file_format_is_not_found(client_as):
    assert export(client_as("team_internal"), "pdf").status_code == 404


# --- the files -----------------------------------------------------------------------------------


@pytest.fixture
def spring(users):
    """Requests in spring 2025 with known topics, sectors and response times."""
    cases = [
        CaseFactory(now=at(2025, 3, 10, 9), topics=[Topic.SALE, Topic.LEGAL_FORM]),
        CaseFactory(now=at(2025, 4, 2, 9), topics=[Topic.SALE], sector=Sector.POLITICS),
        CaseFactory(now=at(2025, 4, 3, 9), topics=[Topic.OTHER]),
    ]
    respond_after(cases[0], 2)
    respond_after(cases[1], 4)
    return {"von": "2025-03-01", "bis": "2025-05-31"}


def test_the_xlsx_has_a_sheet_per_figure_with_numbers(client_as, spring):
    response = export(client_as("team_internal"), "xlsx", **spring)

    assert (
        response["Content-Disposition"] == 'attachment; filename="beratung-auswertung-2025-03-01-bis-2025-05-31.xlsx"'
    )
    sheets = xlsx_sheets(response)
    assert list(sheets) == ["Überblick", "Themen", "Monate", "Bereiche", "Stand heute", "Weitervermittlungen"]
    overview = {row[0]: row[1] for row in sheets["Überblick"][1:]}
    assert overview["Anfragen"] == 3
    assert overview["Erste Rückmeldung: Median (Tage)"] == 3.0
    assert overview["Anfragen noch ohne Rückmeldung"] == 1
    assert sheets["Monate"] == [["Monat", "Anfragen"], ["2025-03", 1], ["2025-04", 2], ["2025-05", 0]]
    topics = dict(sheets["Themen"][1:])
    assert topics["Verkauf des Hauses / Vorkaufsrecht"] == 2
    assert topics["Erbbaurecht"] == 0
    assert dict(sheets["Bereiche"][1:])["Politik"] == 1
    assert dict(sheets["Stand heute"][1:])["neu"] == 3
    assert sheets["Weitervermittlungen"][0][:2] == ["Organisation", "gesamt"]


def test_the_csv_has_a_section_per_figure_for_german_excel(client_as, spring):
    response = export(client_as("team_internal"), "csv", **spring)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="beratung-auswertung-2025-03-01-bis-2025-05-31.csv"'
    sections = csv_sections(response)
    assert list(sections) == ["Überblick", "Themen", "Monate", "Bereiche", "Stand heute", "Weitervermittlungen"]
    overview = dict(sections["Überblick"][1:])
    assert overview["Anfragen"] == "3"
    assert overview["Erste Rückmeldung: Median (Tage)"] == "3,0"
    assert sections["Monate"] == [["Monat", "Anfragen"], ["2025-03", "1"], ["2025-04", "2"], ["2025-05", "0"]]
    assert len(sections["Themen"]) == 1 + len(Topic.values)


def test_the_files_speak_german_in_the_english_interface(client_as, spring):
    client = client_as("team_internal")
    client.cookies["django_language"] = "en"

    page = client.get(PAGE, spring)
    sections = csv_sections(export(client, "csv", **spring))

    assert "Civil society/initiative" in page.content.decode()
    assert "Zivilgesellschaft/Initiative" in dict(sections["Bereiche"][1:])


# --- queries -------------------------------------------------------------------------------------


def make_cases(number: int, *, team) -> None:
    organisation = OrganisationFactory(visibility=Visibility.PUBLIC)
    hidden = OrganisationFactory(visibility=Visibility.INTERNAL)
    today = timezone.localdate()
    for index in range(number):
        case = CaseFactory(now=timezone.now() - datetime.timedelta(days=index * 20), topics=[Topic.SALE, Topic.OTHER])
        actions.note_add(case=case, by=team, text="Rückmeldung", shared=True)
        actions.referral_add(
            case=case,
            by=team,
            data=actions.ReferralInput(
                organisation=organisation if index % 2 else hidden, referred_on=today - datetime.timedelta(days=index)
            ),
        )


def count_queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def test_the_selector_needs_the_same_few_queries_for_few_and_many_cases(users):
    team, reader = users["team_internal"], users["team_external"]
    start, end = timezone.localdate() - datetime.timedelta(days=365), timezone.localdate()
    make_cases(2, team=team)
    few = count_queries(lambda: figures(reader, start, end))
    make_cases(12, team=team)

    many = count_queries(lambda: figures(reader, start, end))

    assert figures(reader, start, end).total == 14
    assert few == many == 6


def test_the_page_and_the_files_need_the_same_queries_for_few_and_many_cases(users, client_as):
    team = users["team_internal"]
    client = client_as("team_external")
    period = {"von": (timezone.localdate() - datetime.timedelta(days=365)).isoformat()}
    requests = [
        lambda: client.get(PAGE, period),
        *[lambda fmt=fmt: export(client, fmt, **period) for fmt in ("csv", "xlsx")],
    ]
    make_cases(2, team=team)
    few = [count_queries(request) for request in requests]
    make_cases(12, team=team)

    many = [count_queries(request) for request in requests]

    assert few == many
