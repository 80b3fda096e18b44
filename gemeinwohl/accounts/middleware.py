from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from gemeinwohl.accounts.selectors import needs_second_factor, second_factor_device
from gemeinwohl.api.errors import error_response

# What a person who has given their password but not yet their second factor may reach: the pages to
# verify or set it up, logging out, the language switch and the legal pages.
OPEN_BEFORE_SECOND_FACTOR = {
    "accounts:second_factor_verify",
    "accounts:second_factor_setup",
    "accounts:logout",
    "set_language",
    "core:page",
}


class SecondFactorMiddleware:
    """Nothing beyond the basics for a session that still owes its second factor.

    Runs after django-otp's ``OTPMiddleware``, which tells whether the session
    was verified with a device. Accounts whose role requires a second factor,
    and anyone who has set one up, are sent to verify it (or, without one yet,
    to set it up): reading pages answers with a redirect, anything else 403.
    A request that presents an API key is judged by the key alone, never by the
    session, so a script with a key keeps working and a key cannot open the
    door for a half-logged-in session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if not user.is_authenticated or user.is_verified() or not needs_second_factor(user):
            return self.get_response(request)
        if request.headers.get("Authorization", "").lower().startswith("bearer "):
            request.user = AnonymousUser()
            return self.get_response(request)
        if self._is_open(request.path_info):
            # The navigation of these few pages must not lead to what is still closed.
            request.second_factor_pending = True
            return self.get_response(request)
        return self._refuse(request, user)

    @staticmethod
    def _is_open(path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        try:
            return resolve(path).view_name in OPEN_BEFORE_SECOND_FACTOR
        except Resolver404:
            return False

    @staticmethod
    def _refuse(request, user):
        if request.path_info.startswith(reverse("api:not_found")):
            return error_response(403, _("Bitte bestätigen Sie zuerst Ihre Anmeldung mit dem zweiten Faktor."))
        view = "accounts:second_factor_verify" if second_factor_device(user) else "accounts:second_factor_setup"
        url = reverse(view)
        if request.method in ("GET", "HEAD") and not request.headers.get("HX-Request"):
            return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        response = render(request, "accounts/second_factor_required.html", {"url": url}, status=403)
        # HTMX follows this header with a full page load instead of swapping the refusal into a fragment.
        response["HX-Redirect"] = url
        return response
