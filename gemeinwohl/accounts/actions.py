import base64
import datetime
import re
import secrets

from axes.handlers.proxy import AxesProxyHandler
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

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


# --- Second factor -------------------------------------------------------------------------

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator-App"
RECOVERY_CODES_NAME = "Wiederherstellungscodes"
TOTP_CODE = re.compile(r"\d{6}")


class SecondFactorLocked(Exception):
    """Too many wrong codes in a row: the device takes no code before ``locked_until``."""

    def __init__(self, locked_until: datetime.datetime | None):
        super().__init__(locked_until)
        self.locked_until = locked_until


def _normalised(code: str) -> str:
    # As people type them: with spaces or hyphens, recovery codes in either case.
    return re.sub(r"[\s-]", "", code or "").lower()


def _check(device: Device, code: str) -> bool:
    """Whether ``device`` accepts ``code`` (consuming it); django-otp counts a wrong code towards the wait.

    Callers must not raise after a wrong code inside their transaction: the count has to stay.
    """
    allowed, details = device.verify_is_allowed()
    if not allowed:
        raise SecondFactorLocked((details or {}).get("locked_until"))
    return device.verify_token(code)


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts ``code`` for ``user``, or None.

    Six digits are checked against the authenticator app, anything else against
    the recovery codes; a recovery code is used up by this. Each device counts
    wrong codes and makes the next try wait longer (raises ``SecondFactorLocked``
    while it waits).
    """
    code = _normalised(code)
    model = TOTPDevice if TOTP_CODE.fullmatch(code) else StaticDevice
    device = model.objects.devices_for_user(user, confirmed=True).select_for_update().order_by("-pk").first()
    if device is None or not code:
        return None
    return device if _check(device, code) else None


@transaction.atomic
def second_factor_start(*, user: User) -> TOTPDevice:
    """The not yet confirmed authenticator device whose secret the set-up page shows.

    The same one until it is confirmed, so that reloading the page keeps the
    secret already scanned. Refused for an account that has one confirmed:
    nobody with only the password may add an authenticator of their own.
    """
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        raise ValidationError(_("Für dieses Konto ist die Zwei-Faktor-Anmeldung bereits eingerichtet."))
    pending = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk").first()
    return pending or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)


@transaction.atomic
def second_factor_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Switch the second factor on with the first code from the app; None if the code is wrong.

    On success the pending device counts from now on and the account gets
    ``RECOVERY_CODE_COUNT`` new single-use recovery codes, returned here once
    in plain text.
    """
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).select_for_update().order_by("-pk").first()
    code = _normalised(code)
    if device is None or not TOTP_CODE.fullmatch(code) or not _check(device, code):
        return None
    # "Eingerichtet seit" is when the code confirmed it, not when the set-up page was first opened.
    device.confirmed, device.created_at = True, timezone.now()
    device.save(update_fields=["confirmed", "created_at"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return device, _new_recovery_codes(user)


@transaction.atomic
def recovery_codes_renew(*, user: User, code: str) -> list[str] | None:
    """Replace the account's recovery codes with new ones, given a current code; None if the code is wrong.

    The old codes stop working at once; the new ones are returned here once.
    """
    if not TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        raise ValidationError(_("Für dieses Konto ist die Zwei-Faktor-Anmeldung nicht eingerichtet."))
    if second_factor_verify(user=user, code=code) is None:
        return None
    return _new_recovery_codes(user)


@transaction.atomic
def second_factor_switch_off(*, user: User, code: str) -> bool:
    """A registered user switches their second factor off, given a current code; False if the code is wrong.

    Roles that require a second factor cannot: only an administrator resets theirs.
    """
    if user.role_requires_second_factor:
        raise ValidationError(_("Für Ihre Rolle ist die Zwei-Faktor-Anmeldung vorgeschrieben."))
    if second_factor_verify(user=user, code=code) is None:
        return False
    _delete_second_factor(user)
    return True


@transaction.atomic
def second_factor_reset(*, user: User, by: User) -> None:
    """An administrator removes an account's second factor (its app and its recovery codes).

    Sessions verified with it stop counting as verified at their next request;
    an account whose role requires a second factor sets up a new one at its next
    login. The caller records who reset whose.
    """
    require_perm(by, "accounts.reset_second_factor", user)
    _delete_second_factor(user)


def _delete_second_factor(user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


@transaction.atomic
def second_factor_enrol(*, user: User, secret: str | None = None) -> TOTPDevice:
    """Give ``user`` a confirmed authenticator device at once, with the base32 ``secret`` or a random one.

    For the demo accounts and test set-up; people set theirs up on the set-up page.
    """
    _delete_second_factor(user)
    fields = {"key": base64.b32decode(secret.upper()).hex()} if secret else {}
    return TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True, **fields)
