"""Who is asking: a personal API key (Bearer), the browser session, or nobody.

A request that names a key (``Authorization: Bearer …``) must name a valid
one: a wrong, revoked or inactive account's key answers 401, it never falls
back to anonymous reading.
The session counts only with Django's CSRF token on changing requests; a key
needs none, since no browser sends it on its own.
"""

import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from gemeinwohl.api.actions import hash_secret
from gemeinwohl.api.models import ApiToken

# A key's "last used" is written at most this often, not on every request.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)
MAX_SECRET_LENGTH = 200


def user_for_secret(secret: str):
    """The active account the (unrevoked) key ``secret`` belongs to, else None."""
    if not secret or len(secret) > MAX_SECRET_LENGTH:
        return None
    token = (
        ApiToken.objects.active().select_related("user").filter(key_hash=hash_secret(secret)).first()
    )  # lookup by hash: nothing about the secret leaks through timing
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer gw_…`` with a key from the profile page."""

    def __call__(self, request):
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            # Not ours: no key at all, or e.g. the Basic authentication of a staging server in front of the site.
            return None
        user = user_for_secret(secret.strip())
        if user is None:
            raise AuthenticationError(message=_("Der API-Schlüssel ist ungültig oder widerrufen."))
        request.user = user
        return user

    def authenticate(self, request, token):  # pragma: no cover - __call__ does the work
        return user_for_secret(token)


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; changing requests need the CSRF token (header ``X-CSRFToken``)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=True)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request):
            raise HttpError(
                403,
                _(
                    "CSRF-Prüfung fehlgeschlagen: Ändernde Anfragen aus dem Browser brauchen das CSRF-Token im Kopf X-CSRFToken."
                ),
            )
        return user

    def authenticate(self, request, key):  # pragma: no cover - __call__ does the work
        return None


def anonymous(request):
    """The last resort of operations the public may use: reading as nobody."""
    return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()

# Operations that need an account, and operations the public may use too.
SIGNED_IN = [token_auth, session_auth]
ANYONE = [token_auth, session_auth, anonymous]
# In the OpenAPI description, {} added to the key and the session says "or without authentication".
ANYONE_SECURITY = {"security": [{}]}


def reader_of(request):
    """The account the request acts for (AnonymousUser for the public)."""
    return request.auth
