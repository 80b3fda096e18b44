"""Login throttling: django-axes, fitted to the platform.

After ``LOGIN_FAILURE_LIMIT`` failed logins within ``LOGIN_LOCKOUT_MINUTES``
the account (the e-mail address typed, whether or not an account has it) and,
counted separately, the visitor's network address are locked for
``LOGIN_LOCKOUT_MINUTES``. While locked, even the right password is refused
with a German page (429). An administrator unlocks an account with the
"Entsperren" action in the account admin, or deletes an address's failed
attempts in the admin's "Zugriffsversuche" (axes' access attempts).

Only the login itself is throttled: API keys are long random secrets, not
passwords, and never go through Django's ``authenticate``.
"""

import ipaddress
import unicodedata

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.shortcuts import render


def account_key(email: str | None) -> str | None:
    """The form in which failures are counted per account: case and Unicode variants count as one."""
    if not email:
        return None
    return unicodedata.normalize("NFKC", email).strip().casefold()


def attempted_account(request, credentials: dict | None = None) -> str | None:
    """The account a login attempt is for (django-axes' AXES_USERNAME_CALLABLE)."""
    source = credentials if credentials else request.POST
    return account_key(source.get("username"))


def client_address(request) -> str | None:
    """The visitor's address as the rate limits see it (django-axes' AXES_CLIENT_IP_CALLABLE).

    Behind a reverse proxy that is the header named by ``RATELIMIT_IP_META_KEY``, as for
    django-ratelimit; like django-ratelimit, an IPv6 address counts for its /64 network, which
    one visitor usually holds whole.
    """
    meta_key = getattr(settings, "RATELIMIT_IP_META_KEY", None) or "REMOTE_ADDR"
    address = request.META.get(meta_key) or request.META.get("REMOTE_ADDR")
    if not address:
        return None
    try:
        parsed = ipaddress.ip_address(address.strip())
    except ValueError:
        return address.strip()[:45]
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


class LoginThrottleHandler(AxesDatabaseHandler):
    """django-axes' database handler; a successful login clears the failures of that account only.

    Axes' own reset on success would also clear the address's failures: anyone with an account
    of their own could then keep guessing other accounts' passwords from one address.
    """

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        key = account_key(user.get_username())
        if key:  # without one, axes would clear every account's failures
            self.reset_attempts(username=key)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login while the account or the address is locked (429)."""
    return render(
        request,
        "accounts/locked_out.html",
        {"lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
