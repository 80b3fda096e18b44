"""The committees' place in the navigation and on the dashboard."""

from django.utils.translation import gettext_lazy as _

from gemeinwohl.committees.selectors import my_open_tasks, upcoming_meetings
from gemeinwohl.core import dashboard, navigation

navigation.register(
    navigation.NavEntry(key="committees", label=_("Gremien"), url_name="committees:committee_list", order=20)
)

dashboard.register(
    dashboard.Panel(
        key="committees_upcoming",
        title=_("Nächste Sitzungen"),
        template_name="committees/panels/upcoming.html",
        context=lambda user: {"meetings": upcoming_meetings(fetched_by=user)},
        order=20,
    )
)
dashboard.register(
    dashboard.Panel(
        key="committees_tasks",
        title=_("Meine Aufgaben"),
        template_name="committees/panels/tasks.html",
        context=lambda user: {"tasks": my_open_tasks(fetched_by=user)},
        order=30,
    )
)
