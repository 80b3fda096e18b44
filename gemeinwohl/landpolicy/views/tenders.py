"""Concept tenders (Konzeptverfahren): list, the tender, its criteria, bids, jury, scoring and the evaluation.

Every page needs a login. A page about one tender first loads it for the
reader through ``selectors.tenders.tender_get``, so a hidden tender answers
404 before any permission is asked; without the permission it is 403. The
evaluation (PDF, XLSX, the ranking on the page) exists only once every juror
has scored every bid: before, the exports answer 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from gemeinwohl.committees.pdf import render_pdf
from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.spreadsheets import xlsx_response
from gemeinwohl.core.views import InvalidFormStatusMixin
from gemeinwohl.landpolicy.actions import tenders as actions
from gemeinwohl.landpolicy.exports import tenders as exports
from gemeinwohl.landpolicy.forms import tenders as forms
from gemeinwohl.landpolicy.models import Bid, Juror, Tender
from gemeinwohl.landpolicy.selectors import tenders as selectors


class TenderListView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """The tenders the reader may open: for those who work land policy all they may see, for jurors theirs."""

    template_name = "landpolicy/tenders/tender_list.html"

    def has_permission(self):
        user = self.request.user
        return user.has_perm("landpolicy.view_tender") or Juror.objects.filter(user=user).exists()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tenders=selectors.tender_list(fetched_by=self.request.user),
            can_add=self.request.user.has_perm("landpolicy.add_tender"),
            **kwargs,
        )


class TenderMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """A page about the tender of the URL: 404 when the reader may not see it, 403 without the permission."""

    permission_required = "landpolicy.change_tender"

    @cached_property
    def tender(self) -> Tender:
        return selectors.tender_get(pk=self.kwargs["pk"], fetched_by=self.request.user)

    def get_permission_object(self):
        return self.tender

    def get_context_data(self, **kwargs):
        return super().get_context_data(tender=self.tender, **kwargs)


# --- the tender ------------------------------------------------------------------------------------------------------


class TenderEditView(InvalidFormStatusMixin, TemplateView):
    template_name = "landpolicy/tenders/tender_form.html"

    def get_tender(self) -> Tender | None:
        return None

    def make_form(self, data=None):
        return forms.TenderForm(data, user=self.request.user, tender=self.get_tender())

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        tender = self.get_tender()
        if form.is_valid():
            try:
                if tender is None:
                    tender = actions.tender_create(data=form.to_input(), by=request.user)
                else:
                    tender = actions.tender_update(tender=tender, data=form.to_input(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Das Konzeptverfahren „%(title)s“ ist gespeichert.") % {"title": tender})
                return redirect(tender)
        return self.form_invalid(form)


class TenderCreateView(LoginRequiredMixin, PermissionRequiredMixin, TenderEditView):
    """A new tender on a property."""

    permission_required = "landpolicy.add_tender"


class TenderUpdateView(TenderMixin, TenderEditView):
    """Change title, property, status, scale (until the first score) and visibility."""

    def get_tender(self):
        return self.tender


class TenderDetailView(TenderMixin, TemplateView):
    """The tender: property, status, scale, criteria and their record, bids, jury and progress, the evaluation."""

    template_name = "landpolicy/tenders/tender_detail.html"
    permission_required = "landpolicy.view_tender"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            evaluation=selectors.evaluation(tender=self.tender, fetched_by=user),
            can_change=user.has_perm("landpolicy.change_tender", self.tender),
            **kwargs,
        )


# --- criteria, bids, jury --------------------------------------------------------------------------------------------


class CriteriaView(TenderMixin, TemplateView):
    """The catalogue as an editable table until the first score; afterwards read-only, with the reason."""

    template_name = "landpolicy/tenders/criteria.html"

    @cached_property
    def criteria(self):
        return list(self.tender.criteria.order_by("position", "pk"))

    def get_context_data(self, **kwargs):
        if not self.tender.criteria_frozen:
            kwargs.setdefault("formset", forms.criteria_formset(criteria=self.criteria))
        formset = kwargs.get("formset")
        return super().get_context_data(
            criteria=self.criteria,
            frozen_message=actions.frozen_message(self.tender) if self.tender.criteria_frozen else "",
            weights_sum=formset.weights_sum() if formset else sum(c.weight for c in self.criteria),
            changes=list(self.tender.criteria_changes.select_related("by").order_by("at", "pk")),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        data = request.POST.copy()
        if "add_row" in data:
            # Without JavaScript: the same rows again, and one more empty row.
            total = int(data.get("criteria-TOTAL_FORMS") or 0)
            data["criteria-TOTAL_FORMS"] = str(min(total + 1, 50))
            formset = forms.criteria_formset(data, criteria=self.criteria)
            return self.render_to_response(self.get_context_data(formset=formset))
        formset = forms.criteria_formset(data, criteria=self.criteria)
        errors: list[str] = []
        if self.tender.criteria_frozen:
            errors.append(actions.frozen_message(self.tender))
        elif formset.is_valid():
            inputs, numbers = formset.to_inputs()
            try:
                actions.tender_set_criteria(tender=self.tender, criteria=inputs, by=request.user)
            except ValidationError as error:
                errors.extend(self.place_errors(formset, numbers, error))
            else:
                messages.success(request, _("Die Kriterien von „%(title)s“ sind gespeichert.") % {"title": self.tender})
                return redirect(self.tender)
        response = self.render_to_response(
            self.get_context_data(formset=formset, formset_errors=[*errors, *self.row_errors(formset)])
        )
        response.status_code = 422
        return response

    @staticmethod
    def place_errors(formset, numbers: list[int], error: ValidationError) -> list[str]:
        """Put the action's row errors onto the rows' fields; return the catalogue's own messages."""
        general = []
        for key, messages_ in error.message_dict.items():
            parts = key.split("-")
            if len(parts) == 3 and parts[0] == "criteria" and parts[1].isdigit():
                formset.forms[numbers[int(parts[1])]].add_error(parts[2], messages_)
            else:
                general.extend(messages_)
        return general

    @staticmethod
    def row_errors(formset) -> list[str]:
        lines = []
        for number, form in enumerate(formset.forms, start=1):
            for field in form:
                for error in field.errors:
                    lines.append(
                        _("Zeile %(number)s, %(field)s: %(error)s")
                        % {"number": number, "field": field.label, "error": error}
                    )
        return lines


class BidCreateView(TenderMixin, InvalidFormStatusMixin, TemplateView):
    """A bid: an applicant from the address book, the concept's title and summary, the day it came in."""

    template_name = "landpolicy/tenders/bid_form.html"

    def get(self, request, *args, **kwargs):
        form = forms.BidForm(user=request.user, initial={"submitted_on": timezone.localdate()})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = forms.BidForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                bid = actions.bid_add(tender=self.tender, data=form.to_input(), by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Das Gebot „%(title)s“ ist eingetragen.") % {"title": bid.title})
                return redirect(self.tender)
        return self.form_invalid(form)


class JuryView(TenderMixin, InvalidFormStatusMixin, TemplateView):
    """Who sits on the jury: active accounts; a juror who has scored stays."""

    template_name = "landpolicy/tenders/jury.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=forms.JuryForm(tender=self.tender)))

    def post(self, request, *args, **kwargs):
        form = forms.JuryForm(request.POST, tender=self.tender)
        if form.is_valid():
            try:
                actions.tender_set_jurors(tender=self.tender, users=form.cleaned_data["users"], by=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Die Jury von „%(title)s“ ist gespeichert.") % {"title": self.tender})
                return redirect(self.tender)
        return self.form_invalid(form)


class ScoreView(TenderMixin, InvalidFormStatusMixin, TemplateView):
    """A juror scores one bid: points on the scale for every criterion, a note each; once."""

    template_name = "landpolicy/tenders/score.html"
    permission_required = "landpolicy.score_tender"

    @cached_property
    def bid(self) -> Bid:
        bid = Bid.objects.select_related("organisation", "person").filter(tender=self.tender, pk=self.kwargs["bid"])
        found = bid.first()
        if found is None:
            raise Http404
        return found

    @cached_property
    def criteria(self):
        return list(self.tender.criteria.order_by("position", "pk"))

    def make_form(self, data=None):
        return forms.ScoreForm(data, tender=self.tender, criteria=self.criteria)

    def get_context_data(self, **kwargs):
        evaluation = selectors.evaluation(tender=self.tender, fetched_by=self.request.user)
        return super().get_context_data(
            bid=self.bid,
            own_scores=evaluation.own_scores.get(self.bid.pk, []),
            weights_complete=evaluation.weights_complete,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        self.bid  # noqa: B018 - 404 for a bid of another tender before anything else
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        bid = self.bid
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                actions.bid_score(bid=bid, by=request.user, points=form.points(), notes=form.notes())
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Ihre Bewertung von „%(title)s“ ist gespeichert.") % {"title": bid})
                return redirect(self.tender)
        return self.form_invalid(form)


# --- the evaluation as files -----------------------------------------------------------------------------------------


def _complete_evaluation(request, pk) -> selectors.Evaluation:
    """The evaluation of a tender the reader may view, only when complete; else 404 (403 without the permission)."""
    tender = selectors.tender_get(pk=pk, fetched_by=request.user)
    if not request.user.has_perm("landpolicy.view_tender", tender):
        raise PermissionDenied
    evaluation = selectors.evaluation(tender=tender, fetched_by=request.user)
    if not evaluation.complete:
        raise Http404
    return evaluation


def _filename(tender: Tender) -> str:
    return f"auswertung-konzeptverfahren-{tender.pk}-{timezone.localdate().isoformat()}"


@require_safe
@login_required
def evaluation_pdf(request, pk):
    evaluation = _complete_evaluation(request, pk)
    content = render_pdf("landpolicy/tenders/pdf/evaluation.html", {"evaluation": evaluation})
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(evaluation.tender)}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    # Each reader gets their own file: no shared cache may keep one for the next.
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
def evaluation_xlsx(request, pk):
    evaluation = _complete_evaluation(request, pk)
    response = xlsx_response(_filename(evaluation.tender), exports.evaluation_sheets(evaluation))
    response["Cache-Control"] = "private, no-store"
    return response
