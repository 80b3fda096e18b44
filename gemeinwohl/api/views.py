"""Personal API keys on the profile page: make one (its secret shown once), revoke one."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from gemeinwohl.api.actions import token_create, token_revoke
from gemeinwohl.api.errors import error_response
from gemeinwohl.api.forms import TokenForm
from gemeinwohl.api.models import ApiToken
from gemeinwohl.core.views import InvalidFormStatusMixin


class TokenCreateView(LoginRequiredMixin, InvalidFormStatusMixin, FormView):
    """The form (also on the profile page); on success, the one page that ever shows the secret."""

    template_name = "api/token_form.html"
    form_class = TokenForm

    def form_valid(self, form):
        try:
            token, secret = token_create(user=self.request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        response = self.render_to_response(
            self.get_context_data(form=TokenForm(), token=token, secret=secret), status=201
        )
        # The secret must not linger in any cache or in the browser's history.
        add_never_cache_headers(response)
        return response


class TokenRevokeView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        token_revoke(token=token, by=request.user)
        messages.success(request, _("Der API-Schlüssel „%(name)s“ wurde widerrufen.") % {"name": token.name})
        return redirect("accounts:profile")


def not_found(request, *args, **kwargs):
    return error_response(404, _("Nicht gefunden."))
