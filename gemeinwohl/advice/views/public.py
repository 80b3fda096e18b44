"""The initiative's side, without an account: asking for advice, and following the request by its status link."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from gemeinwohl.advice import actions, selectors
from gemeinwohl.advice.forms import RequesterAddForm, RequestForm
from gemeinwohl.advice.models import STATE_EXPLANATION, Document, State
from gemeinwohl.core.forms import add_errors
from gemeinwohl.core.spam import rate_limited
from gemeinwohl.core.uploads import attachment_response
from gemeinwohl.core.views import InvalidFormStatusMixin, keep_private

SENT_SESSION_KEY = "advice_sent"


def _limited(request, *, increment: bool) -> bool:
    return rate_limited(request, group="advice.request", rate=settings.ADVICE_REQUEST_RATE, increment=increment)


class RequestFormView(InvalidFormStatusMixin, TemplateView):
    """ "Beratung anfragen"."""

    template_name = "advice/request_form.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=RequestForm()))

    def refuse(self, form, message: str, status: int):
        response = self.render_to_response(self.get_context_data(form=form, refusal=message))
        response.status_code = status
        return response

    def post(self, request, *args, **kwargs):
        form = RequestForm(request.POST)
        if form.is_spam:
            return self.refuse(
                form,
                _("Ihre Anfrage wurde nicht gesendet, weil das Feld „Bitte leer lassen“ ausgefüllt war."),
                400,
            )
        if _limited(request, increment=False):
            return self.refuse(
                form,
                _(
                    "Von Ihrer Adresse sind in letzter Zeit schon mehrere Anfragen gekommen. "
                    "Bitte versuchen Sie es in einer Stunde noch einmal oder schreiben Sie uns eine E-Mail."
                ),
                429,
            )
        if form.is_valid():
            try:
                submitted = actions.request_submit(data=form.to_input())
            except ValidationError as error:
                add_errors(form, error)
            else:
                _limited(request, increment=True)
                request.session[SENT_SESSION_KEY] = {
                    "reference": submitted.case.reference,
                    "token": submitted.status_token,
                    "email": submitted.case.email,
                }
                return redirect("advice:request_sent")
        return self.form_invalid(form)


class RequestSentView(TemplateView):
    """The confirmation, once, in the browser that sent the request."""

    template_name = "advice/request_sent.html"

    def get(self, request, *args, **kwargs):
        sent = request.session.pop(SENT_SESSION_KEY, None)
        if not sent:
            return redirect("advice:request")
        return keep_private(self.render_to_response(self.get_context_data(sent=sent)))


class StatusView(InvalidFormStatusMixin, TemplateView):
    """The requester's private page: the state, what the team shared, and a form to add more."""

    template_name = "advice/status.html"

    def get_context_data(self, **kwargs):
        case = self.case
        return super().get_context_data(
            case=case,
            token=self.kwargs["token"],
            explanation=STATE_EXPLANATION[State(case.state)],
            entries=selectors.status_entries(case=case),
            **kwargs,
        )

    def dispatch(self, request, *args, **kwargs):
        self.case = selectors.case_for_status_token(kwargs["token"])
        return keep_private(super().dispatch(request, *args, **kwargs))

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=RequesterAddForm()))

    def post(self, request, *args, **kwargs):
        form = RequesterAddForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                actions.requester_add_information(
                    case=self.case, text=form.cleaned_data["text"], upload=form.cleaned_data["file"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Danke, Ihre Ergänzung ist bei uns angekommen."))
                return redirect("advice:status", token=kwargs["token"])
        return self.form_invalid(form)


class StatusDocumentView(View):
    """A document shared with the requester, as a download."""

    def get(self, request, token, document):
        case = selectors.case_for_status_token(token)
        found = get_object_or_404(Document.objects.shared(), case=case, pk=document)
        return keep_private(attachment_response(found.file, file_name=found.file_name, content_type=found.content_type))
