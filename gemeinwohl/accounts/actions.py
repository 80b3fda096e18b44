import secrets

from axes.handlers.proxy import AxesProxyHandler
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gemeinwohl.accounts.models import FeedToken, Role, User
from gemeinwohl.accounts.selectors import is_last_active_admin
from gemeinwohl.accounts.throttling import account_key
from gemeinwohl.core.permissions import require_perm

LAST_ADMIN_MESSAGE = _("Das ist das letzte aktive Administrationskonto; es muss bleiben.")


@transaction.atomic
def user_create(
    *, email: str, name: str, role: str = Role.REGISTERED, password: str | None = None, by: User | None = None
) -> User:
    """Create an account. Only an administrator may (``by=None`` is the system itself).

    Without a password the account cannot log in until its holder sets one
    through "Passwort vergessen".
    """
    if by is not None:
        require_perm(by, "accounts.add_user")
    user = User(email=User.objects.normalize_email(email).lower(), name=name.strip(), role=role)
    user.is_superuser = role == Role.ADMIN
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_update_profile(*, user: User, name: str, language: str) -> User:
    """The holder changes their own display name and interface language."""
    user.name, user.language = name.strip(), language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["name", "language", "updated_at"])
    return user


@transaction.atomic
def user_set_role(*, user: User, role: str, is_active: bool, by: User) -> User:
    """An administrator changes an account's role or (de)activates it.

    The last active administrator cannot be demoted or deactivated, so that
    someone can always manage the accounts.
    """
    require_perm(by, "accounts.change_user", user)
    if not (role == Role.ADMIN and is_active) and is_last_active_admin(user):
        raise ValidationError(LAST_ADMIN_MESSAGE)
    user.role, user.is_active = role, is_active
    user.is_superuser = role == Role.ADMIN
    user.full_clean(exclude=["password"])
    user.save(update_fields=["role", "is_active", "is_superuser", "updated_at"])
    return user


@transaction.atomic
def feed_token_renew(*, user: User) -> FeedToken:
    """Give ``user`` a new secret calendar address; the old one stops working at once."""
    token, created = FeedToken.objects.select_for_update().get_or_create(
        user=user, defaults={"key": secrets.token_urlsafe(32)}
    )
    if not created:
        token.key = secrets.token_urlsafe(32)
        token.save(update_fields=["key", "updated_at"])
    return token


def feed_token_get(*, user: User) -> FeedToken:
    """The account's calendar secret, created on first use."""
    token = FeedToken.objects.filter(user=user).first()
    return token or feed_token_renew(user=user)


@transaction.atomic
def user_unlock(*, user: User, by: User) -> int:
    """An administrator lifts the login lock of an account before it runs out.

    Clears the account's failed login attempts (from every address); returns how many
    attempt records were cleared. An address locked by failures on other accounts stays
    locked: its attempts are cleared in the admin's "Zugriffsversuche" (axes' access attempts).
    """
    require_perm(by, "accounts.unlock_user", user)
    return AxesProxyHandler.reset_attempts(username=account_key(user.get_username()))
