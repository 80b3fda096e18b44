from gemeinwohl.accounts.models import TEAM_ROLES, Role, User


def team_members():
    """The active accounts of the AKS team, administration-internal posts first."""
    return User.objects.filter(role__in=TEAM_ROLES, is_active=True).order_by("-role", "name")


def is_last_active_admin(user: User) -> bool:
    """Whether ``user`` is, as stored, the only active administrator account."""
    admins = User.objects.filter(role=Role.ADMIN, is_active=True)
    return admins.filter(pk=user.pk).exists() and not admins.exclude(pk=user.pk).exists()
