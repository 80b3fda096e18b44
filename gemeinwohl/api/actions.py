"""Making and revoking personal API keys."""

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinwohl.api.models import ApiToken

TOKEN_PREFIX = "gw_"  # noqa: S105 - marks our keys in logs and secret scanners, not a secret
VISIBLE_CHARACTERS = 8  # after TOKEN_PREFIX: enough to tell one's keys apart, far too few to guess the rest
MAX_ACTIVE_TOKENS = 20


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Make a key for ``user``; returns it with its secret, which is never stored and never shown again."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Sie haben schon %(count)s gültige Schlüssel. Bitte widerrufen Sie zuerst einen.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=" ".join(name.split()),
        prefix=secret[: len(TOKEN_PREFIX) + VISIBLE_CHARACTERS],
        key_hash=hash_secret(secret),
    )
    token.full_clean()
    token.save()
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, by) -> ApiToken:
    """Revoke a key: it stops working at once. Only its holder may."""
    if token.user_id != by.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token
