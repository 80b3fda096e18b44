from gemeinwohl.accounts.models import TEAM_ROLES, User


def team_members():
    """The active accounts of the AKS team, administration-internal posts first."""
    return User.objects.filter(role__in=TEAM_ROLES, is_active=True).order_by("-role", "name")
