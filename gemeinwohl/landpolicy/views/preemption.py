"""Pre-emption cases (Vorkaufsfälle): the list, the deadline board, one case with its steps, documents and
Abwendungsvereinbarung, the register of agreements and the yearly counts.

Every team page needs a login and a permission from ``landpolicy/rules.py``.
A page about one case first loads it for the reader through
``selectors.case_get``, so a hidden case answers 404 before any permission is
asked; a reader who sees the case but may not change it gets 403. Seller,
buyer, price, contract date and documents reach only readers for whom
``PreEmptionCase.reader_sees_parties`` holds; a document is 404 for the rest.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.uploads import attachment_response
from gemeinwohl.core.views import InvalidFormStatusMixin
from gemeinwohl.landpolicy.actions import preemption as actions
from gemeinwohl.landpolicy.forms import preemption as forms
from gemeinwohl.landpolicy.models import Outcome, PreEmptionCase
from gemeinwohl.landpolicy.selectors import preemption as selectors

CASES_PER_PAGE = 50


def _auto_id(name: str) -> str:
    """Each form on the case page gets ids of its own, so that every label points at its own field."""
    return f"{name}_%s"


class TeamMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Logged in (else the login page) and holding ``permission_required`` (else 403)."""

    permission_required = "landpolicy.view_preemptioncase"


class CaseMixin(TeamMixin):
    """A page about the case of the URL: 404 when the reader may not see it, 403 without the permission."""

    @cached_property
    def case(self) -> PreEmptionCase:
        return selectors.case_get(pk=self.kwargs["pk"], fetched_by=self.request.user)

    def get_permission_object(self):
        return self.case


# --- lists ----------------------------------------------------------------------------------------------------------


class CaseListView(TeamMixin, TemplateView):
    """The cases the reader may see, filtered by status, outcome, year and text; never seller, buyer or price."""

    template_name = "landpolicy/preemption/case_list.html"

    def get_filters(self) -> selectors.CaseFilter:
        params = self.request.GET
        status = params.get("stand", selectors.STATUS_OPEN)
        outcome = params.get("ergebnis", "")
        year = params.get("jahr", "")
        return selectors.CaseFilter(
            status=status if status in selectors.STATUSES else selectors.STATUS_OPEN,
            outcome=outcome if outcome in Outcome.values else "",
            year=int(year) if year.isdigit() and len(year) == 4 else None,
            query=params.get("suche", "")[:100],
        )

    def get_context_data(self, **kwargs):
        user = self.request.user
        filters = self.get_filters()
        page = Paginator(selectors.case_list(fetched_by=user, filters=filters), CASES_PER_PAGE).get_page(
            self.request.GET.get("seite")
        )
        today = timezone.localdate()
        page.object_list = list(page.object_list)
        for case in page.object_list:
            case.days_left_now = case.days_left(today)
            case.overdue_days_now = -case.days_left_now
            case.band_now = selectors.band_for(case.days_left_now)
        query = self.request.GET.copy()
        query.pop("seite", None)
        return super().get_context_data(
            page=page,
            filters=filters,
            statuses=[
                (selectors.STATUS_OPEN, _("offene")),
                (selectors.STATUS_DECIDED, _("entschiedene")),
                (selectors.STATUS_ALL, _("alle")),
            ],
            outcomes=Outcome.choices,
            years=selectors.case_years(fetched_by=user),
            query_string=query.urlencode(),
            can_add=user.has_perm("landpolicy.add_preemptioncase"),
            can_publish=user.has_perm("landpolicy.publish_figures"),
            **kwargs,
        )


class DeadlineBoardView(TeamMixin, TemplateView):
    """The open cases by days left, the passed ones on top, each in a band named in words."""

    template_name = "landpolicy/preemption/deadline_board.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=selectors.deadline_board(fetched_by=self.request.user), bands=selectors.BANDS, **kwargs
        )


# --- recording and changing a case ----------------------------------------------------------------------------------


class CaseEditView(TeamMixin, InvalidFormStatusMixin, TemplateView):
    """Record a case or change one: one form; the deadline is counted, never typed."""

    template_name = "landpolicy/preemption/case_form.html"
    permission_required = "landpolicy.add_preemptioncase"

    def get_case(self) -> PreEmptionCase | None:
        return None

    def make_form(self, data=None):
        return forms.CaseForm(data, user=self.request.user, case=self.get_case())

    def get_context_data(self, **kwargs):
        return super().get_context_data(case=self.get_case(), **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        if form.is_valid():
            case = self.get_case()
            try:
                if case is None:
                    case = actions.case_create(data=form.to_input(), by=request.user)
                    text = _("Der Vorkaufsfall ist angelegt. Die Frist endet am %(day)s.")
                else:
                    # The action works on a fresh copy: a refused change must not show in the page's heading.
                    case = actions.case_update(
                        case=PreEmptionCase.objects.get(pk=case.pk), data=form.to_input(), by=request.user
                    )
                    text = _("Der Vorkaufsfall ist gespeichert. Die Frist endet am %(day)s.")
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, text % {"day": case.deadline.strftime("%d.%m.%Y")})
                return redirect(case)
        return self.form_invalid(form)


class CaseCreateView(CaseEditView):
    pass


class CaseUpdateView(CaseMixin, CaseEditView):
    permission_required = "landpolicy.change_preemptioncase"

    def get_case(self):
        return self.case


# --- one case -------------------------------------------------------------------------------------------------------


class CaseDetailView(CaseMixin, TemplateView):
    """The case: property and area, legal ground, the deadline with its rule, steps, documents and agreement."""

    template_name = "landpolicy/preemption/case_detail.html"

    def case_forms(self) -> dict:
        if not self.request.user.has_perm("landpolicy.change_preemptioncase", self.case):
            return {}
        return {
            "step": forms.StepForm(auto_id=_auto_id("step"), initial={"on_date": timezone.localdate()}),
            "document": forms.DocumentForm(case=self.case, auto_id=_auto_id("document")),
        }

    def get_context_data(self, *, failed=None, failed_name="", **kwargs):
        user = self.request.user
        case = self.case
        today = timezone.localdate()
        case_forms = self.case_forms()
        if failed is not None:
            case_forms[failed_name] = failed
        days_left = case.days_left(today)
        return super().get_context_data(
            case=case,
            deadline=case.deadline_info,
            days_left=days_left,
            overdue_days=-days_left,
            band=selectors.band_for(days_left),
            sees_parties=case.reader_sees_parties(user),
            steps=selectors.case_steps(case=case, fetched_by=user),
            documents=selectors.case_documents(case=case, fetched_by=user),
            agreement=selectors.case_agreement(case=case),
            forms=case_forms,
            failed_name=failed_name,
            can_change=user.has_perm("landpolicy.change_preemptioncase", case),
            **kwargs,
        )


class CaseActionView(CaseDetailView):
    """One change on a case (POST): done through its action, or the case page again with the form's errors (422)."""

    http_method_names = ["post"]
    permission_required = "landpolicy.change_preemptioncase"
    form_name = ""
    anchor = ""

    def build_form(self):
        raise NotImplementedError

    def perform(self, form) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        form = self.build_form()
        if form.is_valid():
            try:
                text = self.perform(form)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, text)
                return redirect(self.case.get_absolute_url() + f"#{self.anchor}")
        # The page shows the case as stored, not as the refused change would have left it.
        self.case = selectors.case_get(pk=self.case.pk, fetched_by=request.user)
        response = self.render_to_response(self.get_context_data(failed=form, failed_name=self.form_name))
        response.status_code = 422
        return response


class StepCreateView(CaseActionView):
    form_name = "step"
    anchor = "verlauf"

    def build_form(self):
        return forms.StepForm(self.request.POST, auto_id=_auto_id("step"))

    def perform(self, form) -> str:
        step = actions.case_add_step(case=self.case, by=self.request.user, **form.cleaned_data)
        return _("„%(kind)s“ vom %(day)s ist eingetragen.") % {
            "kind": step.get_kind_display(),
            "day": step.on_date.strftime("%d.%m.%Y"),
        }


class DocumentUploadView(CaseActionView):
    form_name = "document"
    anchor = "dokumente"

    def build_form(self):
        return forms.DocumentForm(self.request.POST, self.request.FILES, case=self.case, auto_id=_auto_id("document"))

    def perform(self, form) -> str:
        data = form.cleaned_data
        document = actions.document_add(
            case=self.case, title=data["title"], upload=data["file"], step=data["step"], by=self.request.user
        )
        return _("„%(title)s“ ist hochgeladen.") % {"title": document.title}


@login_required
def document_download(request, pk, document):
    """A case's file for administration staff; 404 for everyone else, as for a missing file."""
    _case, found = selectors.document_get(case_pk=pk, pk=document, fetched_by=request.user)
    return attachment_response(found.file, file_name=found.file_name, content_type=found.content_type)


class AgreementCreateView(CaseMixin, InvalidFormStatusMixin, TemplateView):
    """Record the Abwendungsvereinbarung of an open case: it closes the case as averted."""

    template_name = "landpolicy/preemption/agreement_form.html"
    permission_required = "landpolicy.change_preemptioncase"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            case=self.case,
            deadline=self.case.deadline_info,
            recordable=self.case.is_open and not hasattr(self.case, "agreement"),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=forms.AgreementForm()))

    def post(self, request, *args, **kwargs):
        form = forms.AgreementForm(request.POST)
        if form.is_valid():
            try:
                actions.agreement_record(case=self.case, data=form.to_input(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Die Abwendungsvereinbarung ist erfasst; der Fall ist abgewendet."))
                return redirect(self.case.get_absolute_url() + "#abwendungsvereinbarung")
        return self.form_invalid(form)


# --- the register of Abwendungsvereinbarungen -----------------------------------------------------------------------


class AgreementRegisterView(TeamMixin, TemplateView):
    """The agreements of the cases the reader may see, those ending within the chosen horizon first."""

    template_name = "landpolicy/preemption/agreement_register.html"
    permission_required = "landpolicy.view_agreement_register"

    def get_context_data(self, **kwargs):
        value = self.request.GET.get("zeitraum", str(selectors.DEFAULT_HORIZON))
        horizon = int(value) if value.isdigit() and int(value) in selectors.HORIZONS else None
        if value != "alle" and horizon is None:
            horizon = selectors.DEFAULT_HORIZON
        ahead, others = selectors.agreement_register(fetched_by=self.request.user, horizon_months=horizon)
        return super().get_context_data(
            ahead=ahead, others=others, horizon=horizon, horizons=selectors.HORIZONS, **kwargs
        )


# --- the yearly counts ----------------------------------------------------------------------------------------------


class PublicFiguresView(TemplateView):
    """For everyone: the counts by outcome of the years the team published; nothing about a case."""

    template_name = "landpolicy/preemption/public_figures.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(years=selectors.published_figures(), **kwargs)


class FiguresPublishView(TeamMixin, TemplateView):
    """For the team: each year's counts now next to the published ones; publish, bring up to date or withdraw."""

    template_name = "landpolicy/preemption/figures_publish.html"
    permission_required = "landpolicy.publish_figures"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", forms.PublishForm())
        return super().get_context_data(
            overview=selectors.publish_overview(), years=selectors.publishable_years(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = forms.PublishForm(request.POST)
        if form.is_valid():
            year = form.cleaned_data["year"]
            try:
                if form.cleaned_data["action"] == forms.PublishForm.WITHDRAW:
                    actions.figures_withdraw(year=year, by=request.user)
                    text = _("Die Zahlen für %(year)s sind nicht mehr veröffentlicht.")
                else:
                    actions.figures_publish(year=year, by=request.user)
                    text = _("Die Zahlen für %(year)s sind veröffentlicht.")
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, text % {"year": year})
                return redirect("landpolicy:figures_publish")
        return self.render_to_response(self.get_context_data(form=form), status=422)
