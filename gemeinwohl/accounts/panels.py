"""Dashboard panels of the accounts app: one's own profile and the AKS team."""

from django.utils.translation import gettext_lazy as _

from gemeinwohl.accounts.selectors import team_members
from gemeinwohl.core import dashboard

dashboard.register(
    dashboard.Panel(
        key="profile",
        title=_("Mein Profil"),
        template_name="accounts/panels/profile.html",
        context=lambda user: {"account": user},
        order=900,
    )
)
dashboard.register(
    dashboard.Panel(
        key="team",
        title=_("Das AKS-Team"),
        template_name="accounts/panels/team.html",
        context=lambda user: {"members": team_members()},
        permission="accounts.view_team",
        order=910,
    )
)
