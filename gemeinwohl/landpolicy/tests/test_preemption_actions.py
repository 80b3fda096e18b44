import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gemeinwohl.accounts.models import Role
from gemeinwohl.accounts.tests.factories import UserFactory
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.landpolicy.actions import preemption
from gemeinwohl.landpolicy.actions.preemption import AgreementInput, CaseInput
from gemeinwohl.landpolicy.models import (
    AversionAgreement,
    CaseStep,
    FiguresPublication,
    LegalGround,
    Obligation,
    Outcome,
    PreEmptionCase,
    StepKind,
)
from gemeinwohl.landpolicy.tests.factories import ALEXANDERPLATZ, CaseFactory, PropertyFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def today():
    return timezone.localdate()


def test_the_deadline_is_counted_by_the_rule_of_the_notification_day():
    case = CaseFactory(notified_on=D(2026, 8, 31))
    assert case.deadline == D(2026, 11, 30)  # no 31 November: the month's last day
    assert case.rule_key == "baugb-2021"
    assert "Baulandmobilisierungsgesetz" in str(case.deadline_info.rule.source)

    old = CaseFactory(notified_on=D(2021, 6, 22))
    assert old.deadline == D(2021, 8, 22)  # two months under the rule before 23 June 2021
    assert old.rule_key == "baugb-1987"


def test_a_case_in_a_milieuschutz_area_names_the_area():
    case = CaseFactory()
    assert case.legal_ground == LegalGround.PRESERVATION
    assert case.plot.milieuschutz.key == "EM0206"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"notified_on": "tomorrow"}, "notified_on"),
        ({"notified_on": None}, "notified_on"),
        ({"notified_on": D(1987, 6, 30)}, "notified_on"),
        ({"contract_date": "after_notification"}, "contract_date"),
        ({"price": Decimal("-1")}, "price"),
        ({"visibility": Visibility.PUBLIC}, "visibility"),
        ({"responsible": []}, "responsible"),
        ({"responsible": "external"}, "responsible"),
    ],
)
def test_bad_input_is_refused_with_a_german_message_and_nothing_saved(changes, field):
    by = UserFactory(role=Role.TEAM_INTERNAL)
    plot = PropertyFactory(by=by)
    values = {"notified_on": today() - datetime.timedelta(days=3), "responsible": [by]}
    for name, value in changes.items():
        if value == "tomorrow":
            value = today() + datetime.timedelta(days=1)
        elif value == "after_notification":
            value = values["notified_on"] + datetime.timedelta(days=1)
        elif value == "external":
            value = [UserFactory(role=Role.TEAM_EXTERNAL)]
        values[name] = value
    with pytest.raises(ValidationError) as error:
        preemption.case_create(data=CaseInput(plot=plot, **values), by=by)
    assert field in error.value.message_dict
    assert PreEmptionCase.objects.count() == 0


def test_the_milieuschutz_ground_needs_a_property_in_such_an_area():
    by = UserFactory(role=Role.TEAM_INTERNAL)
    plot = PropertyFactory(by=by, latitude=ALEXANDERPLATZ[0], longitude=ALEXANDERPLATZ[1])
    data = CaseInput(plot=plot, notified_on=today(), legal_ground=LegalGround.PRESERVATION, responsible=[by])
    with pytest.raises(ValidationError) as error:
        preemption.case_create(data=data, by=by)
    assert "Erhaltungsgebiet" in error.value.message_dict["legal_ground"][0]


def test_only_administration_staff_record_cases():
    for role in (Role.TEAM_EXTERNAL, Role.REGISTERED):
        with pytest.raises(PermissionDenied):
            CaseFactory(by=UserFactory(role=role))


def test_bezirksamt_staff_who_record_a_case_stay_responsible_and_see_it():
    officer = UserFactory(role=Role.BEZIRKSAMT)
    colleague = UserFactory(role=Role.TEAM_INTERNAL)
    case = CaseFactory(by=officer, responsible=[colleague])
    assert set(case.responsible.all()) == {officer, colleague}
    assert PreEmptionCase.objects.visible_to(officer).filter(pk=case.pk).exists()
    assert not PreEmptionCase.objects.visible_to(UserFactory(role=Role.BEZIRKSAMT)).filter(pk=case.pk).exists()
    assert not PreEmptionCase.objects.visible_to(UserFactory(role=Role.TEAM_EXTERNAL)).exists()


def test_a_team_case_is_seen_by_the_external_team_without_its_parties():
    case = CaseFactory(visibility=Visibility.TEAM)
    external = UserFactory(role=Role.TEAM_EXTERNAL)
    assert PreEmptionCase.objects.visible_to(external).filter(pk=case.pk).exists()
    assert not case.reader_sees_parties(external)
    assert case.reader_sees_parties(case.created_by)


def test_a_step_before_the_notification_or_in_the_future_is_refused():
    case = CaseFactory()
    by = case.created_by
    for day in (case.notified_on - datetime.timedelta(days=1), today() + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            preemption.case_add_step(case=case, kind=StepKind.HEARING, on_date=day, by=by)
        assert "on_date" in error.value.message_dict
    assert not CaseStep.objects.exists()


def test_the_buyers_extension_moves_the_deadline_once():
    case = CaseFactory(notified_on=today() - datetime.timedelta(days=20))
    period_end = case.deadline
    preemption.case_add_step(case=case, kind=StepKind.EXTENSION, on_date=today(), by=case.created_by)
    case.refresh_from_db()
    assert case.period_end == period_end
    assert case.deadline > period_end
    assert case.deadline_info.extended
    with pytest.raises(ValidationError):
        preemption.case_add_step(case=case, kind=StepKind.EXTENSION, on_date=today(), by=case.created_by)


def test_an_extension_asked_for_after_the_period_is_refused():
    case = CaseFactory(notified_on=D(2026, 1, 5))
    with pytest.raises(ValidationError) as error:
        preemption.case_add_step(case=case, kind=StepKind.EXTENSION, on_date=today(), by=case.created_by)
    assert "on_date" in error.value.message_dict


def test_exercise_after_the_deadline_is_refused_and_a_decision_closes_the_case():
    late = CaseFactory(notified_on=D(2026, 1, 5))
    with pytest.raises(ValidationError):
        preemption.case_add_step(case=late, kind=StepKind.EXERCISE, on_date=today(), by=late.created_by)
    case = CaseFactory()
    preemption.case_add_step(case=case, kind=StepKind.EXERCISE, on_date=today(), by=case.created_by)
    case.refresh_from_db()
    assert case.outcome == Outcome.EXERCISED and case.closed_on == today()
    with pytest.raises(ValidationError):
        preemption.case_add_step(case=case, kind=StepKind.WAIVER, on_date=today(), by=case.created_by)
    preemption.case_add_step(
        case=case, kind=StepKind.NOTE, on_date=today(), note="Bescheid zugestellt", by=case.created_by
    )


def test_an_agreement_averts_the_purchase_and_runs_for_whole_years():
    case = CaseFactory()
    obligations = list(Obligation.objects.all()[:2])
    agreement = preemption.agreement_record(
        case=case,
        data=AgreementInput(signed_on=today(), starts_on=D(2027, 1, 1), term_years=20, obligations=obligations),
        by=case.created_by,
    )
    case.refresh_from_db()
    assert case.outcome == Outcome.AVERTED
    assert agreement.ends_on == D(2046, 12, 31)
    assert set(agreement.obligations.all()) == set(obligations)
    assert case.steps.get().kind == StepKind.AVERSION


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"term_years": -5}, "term_years"),
        ({"term_years": 0}, "term_years"),
        ({"signed_on": "before"}, "signed_on"),
        ({"obligations": []}, "obligations"),
    ],
)
def test_a_bad_agreement_is_refused_and_the_case_stays_open(changes, field):
    case = CaseFactory()
    values = {
        "signed_on": today(),
        "starts_on": today(),
        "term_years": 10,
        "obligations": list(Obligation.objects.all()[:1]),
    }
    values.update(changes)
    if values["signed_on"] == "before":
        values["signed_on"] = case.notified_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        preemption.agreement_record(case=case, data=AgreementInput(**values), by=case.created_by)
    assert field in error.value.message_dict
    case.refresh_from_db()
    assert case.is_open and not AversionAgreement.objects.exists()


def test_published_figures_hold_counts_only():
    by = UserFactory(role=Role.TEAM_INTERNAL)
    year = today().year
    CaseFactory(by=by, notified_on=D(year, 1, 10))
    decided = CaseFactory(by=by, notified_on=D(year, 1, 12))
    preemption.case_add_step(case=decided, kind=StepKind.WAIVER, on_date=D(year, 2, 1), by=by)
    publication = preemption.figures_publish(year=year, by=by)
    assert publication.counts == {"offen": 1, "ausgeuebt": 0, "verzichtet": 1, "abgewendet": 0, "erledigt": 0}
    with pytest.raises(PermissionDenied):
        preemption.figures_publish(year=year, by=UserFactory(role=Role.TEAM_EXTERNAL))
    with pytest.raises(ValidationError):
        preemption.figures_publish(year=year + 1, by=by)
    preemption.figures_withdraw(year=year, by=by)
    assert not FiguresPublication.objects.exists()


def test_a_responsible_bezirksamt_member_edits_a_case_on_an_internal_property():
    intern = UserFactory(role=Role.TEAM_INTERNAL)
    officer = UserFactory(role=Role.BEZIRKSAMT)
    plot = PropertyFactory(by=intern, visibility=Visibility.INTERNAL)
    case = CaseFactory(by=intern, plot=plot, responsible=[intern, officer])
    data = CaseInput(
        plot=plot, notified_on=case.notified_on, note="Anhörung vorbereitet", responsible=[intern, officer]
    )
    preemption.case_update(case=case, data=data, by=officer)
    case.refresh_from_db()
    assert case.note == "Anhörung vorbereitet"
