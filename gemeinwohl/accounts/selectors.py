from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from gemeinwohl.accounts.models import TEAM_ROLES, Role, User


def team_members():
    """The active accounts of the AKS team, administration-internal posts first."""
    return User.objects.filter(role__in=TEAM_ROLES, is_active=True).order_by("-role", "name")


def is_last_active_admin(user: User) -> bool:
    """Whether ``user`` is, as stored, the only active administrator account."""
    admins = User.objects.filter(role=Role.ADMIN, is_active=True)
    return admins.filter(pk=user.pk).exists() and not admins.exclude(pk=user.pk).exists()


def second_factor_device(user: User) -> TOTPDevice | None:
    """The account's confirmed authenticator (TOTP) device, if it has set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("-pk").first()


def needs_second_factor(user: User) -> bool:
    """Whether ``user`` must verify a second factor before reaching anything but the public basics.

    Required by role for team, Bezirksamt and administrator accounts; for anyone
    else once they have set one up.
    """
    if not user.is_authenticated:
        return False
    return user.role_requires_second_factor or TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    """How many unused recovery codes the account holds."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
