import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.actions import preemption
from gemeinwohl.landpolicy.actions.preemption import AgreementInput
from gemeinwohl.landpolicy.models import Obligation, Outcome, StepKind
from gemeinwohl.landpolicy.selectors import preemption as selectors
from gemeinwohl.landpolicy.tests.factories import CaseFactory, case_notified_for_days_left

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def today():
    return timezone.localdate()


@pytest.mark.parametrize(
    ("days", "key"),
    [(-1, "abgelaufen"), (0, "7"), (7, "7"), (8, "14"), (14, "14"), (15, "30"), (30, "30"), (31, "spaeter")],
)
def test_bands_by_days_left(days, key):
    assert selectors.band_for(days).key == key


def test_the_board_lists_open_visible_cases_by_days_left_with_the_last_step(users):
    lead = users["team_internal"]
    late = CaseFactory(by=lead, notified_on=case_notified_for_days_left(-2))
    soon = CaseFactory(by=lead, notified_on=case_notified_for_days_left(3))
    team = CaseFactory(by=lead, notified_on=case_notified_for_days_left(40), visibility=Visibility.TEAM)
    decided = CaseFactory(by=lead)
    preemption.case_add_step(case=soon, kind=StepKind.HEARING, on_date=today(), by=lead)
    preemption.case_add_step(case=decided, kind=StepKind.WAIVER, on_date=today(), by=lead)

    rows = selectors.deadline_board(fetched_by=lead)

    assert [row.case for row in rows] == [late, soon, team]
    assert [row.band.key for row in rows] == ["abgelaufen", "7", "spaeter"]
    assert rows[1].last_step_label == str(StepKind.HEARING.label)
    assert [row.case for row in selectors.deadline_board(fetched_by=users["team_external"])] == [team]
    assert selectors.deadline_board(fetched_by=users["registered"]) == []


def test_nearest_deadlines_are_limited_and_scoped(users):
    lead = users["team_internal"]
    for days in (30, 10, 20, 5, 25, 15):
        CaseFactory(by=lead, notified_on=case_notified_for_days_left(days))
    rows = selectors.nearest_deadlines(fetched_by=lead, limit=5)
    assert [row.days_left for row in rows] == [5, 10, 15, 20, 25]
    assert selectors.nearest_deadlines(fetched_by=users["team_external"]) == []


def test_case_list_filters_by_status_outcome_year_and_text(users):
    lead = users["team_internal"]
    open_case = CaseFactory(by=lead, file_number="AZ-1", notified_on=datetime.date(2025, 5, 5))
    waived = CaseFactory(by=lead, file_number="AZ-2")
    preemption.case_add_step(case=waived, kind=StepKind.WAIVER, on_date=today(), by=lead)

    def listed(**filters):
        return list(selectors.case_list(fetched_by=lead, filters=selectors.CaseFilter(**filters)))

    assert listed() == [open_case]
    assert listed(status="entschieden") == [waived]
    assert set(listed(status="alle")) == {open_case, waived}
    assert listed(status="alle", outcome=Outcome.WAIVED) == [waived]
    assert listed(status="alle", year=2025) == [open_case]
    assert listed(status="alle", query="az-2") == [waived]
    assert listed(status="alle", query=open_case.plot.address) == [open_case]
    assert 2025 in selectors.case_years(fetched_by=lead)
    assert selectors.case_years(fetched_by=users["registered"]) == []


def test_documents_and_hidden_cases(users):
    lead = users["team_internal"]
    case = CaseFactory(by=lead, visibility=Visibility.TEAM)
    preemption.case_add_step(case=case, kind=StepKind.REVIEW, on_date=today(), by=lead)
    document = preemption.document_add(
        case=case, title="Vertrag", upload=SimpleUploadedFile("v.pdf", PDF), step=case.steps.get(), by=lead
    )
    external = users["team_external"]

    assert selectors.case_get(pk=case.pk, fetched_by=external) == case
    assert selectors.case_documents(case=case, fetched_by=external) == []
    assert selectors.case_steps(case=case, fetched_by=external)[0].shown_documents == []
    with pytest.raises(Http404):
        selectors.document_get(case_pk=case.pk, pk=document.pk, fetched_by=external)
    assert selectors.case_steps(case=case, fetched_by=lead)[0].shown_documents == [document]
    assert selectors.document_get(case_pk=case.pk, pk=document.pk, fetched_by=lead)[1] == document
    with pytest.raises(Http404):
        selectors.case_get(pk=case.pk, fetched_by=users["registered"])
    with pytest.raises(Http404):
        selectors.case_get(pk="x", fetched_by=lead)


def test_the_register_splits_by_horizon(users):
    lead = users["team_internal"]
    obligation = Obligation.objects.filter(is_active=True).first()
    ending = {}
    for years in (1, 3, 10):
        case = CaseFactory(by=lead)
        ending[years] = preemption.agreement_record(
            case=case,
            data=AgreementInput(signed_on=today(), starts_on=today(), term_years=years, obligations=[obligation]),
            by=lead,
        )
    ahead, others = selectors.agreement_register(fetched_by=lead, horizon_months=12)
    assert [row.agreement for row in ahead] == [ending[1]]
    assert [row.agreement for row in others] == [ending[3], ending[10]]
    assert ahead[0].months_left == 11
    ahead, others = selectors.agreement_register(fetched_by=lead, horizon_months=None)
    assert len(ahead) == 3 and others == []
    assert selectors.agreement_register(fetched_by=users["team_external"], horizon_months=None) == ([], [])
    assert selectors.agreement_register(fetched_by=UserFactory(role=Role.REGISTERED)) == ([], [])


def test_published_figures_and_the_overview(users):
    lead = users["team_internal"]
    CaseFactory(by=lead, notified_on=datetime.date(2025, 2, 2))
    CaseFactory(by=lead, notified_on=datetime.date(2024, 2, 2))
    assert selectors.published_figures() == []
    preemption.figures_publish(year=2025, by=lead)

    [figures] = selectors.published_figures()
    assert figures.year == 2025 and figures.total == 1
    overview = {item.year: item for item in selectors.publish_overview()}
    assert overview[2025].up_to_date and overview[2024].published is None
    CaseFactory(by=lead, notified_on=datetime.date(2025, 3, 3))
    overview = {item.year: item for item in selectors.publish_overview()}
    assert not overview[2025].up_to_date
    assert overview[2025].comparison[0][1:] == (2, 1)
