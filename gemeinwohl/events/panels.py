"""Events in the navigation (the public calendar; planning for the team) and the team's next events on the dashboard."""

from django.utils.translation import gettext_lazy as _

from gemeinwohl.core import dashboard, navigation
from gemeinwohl.events.selectors import upcoming_for_team

navigation.register(
    navigation.NavEntry(key="events_calendar", label=_("Veranstaltungen"), url_name="events:calendar", order=30)
)
navigation.register(
    navigation.NavEntry(
        key="events_manage",
        label=_("Veranstaltungsplanung"),
        url_name="events:manage",
        permission="events.view_registrations",
        order=31,
    )
)


dashboard.register(
    dashboard.Panel(
        key="events_upcoming",
        title=_("Nächste Veranstaltungen"),
        template_name="events/panels/upcoming.html",
        # One query: the events with their places taken and people waiting counted alongside.
        context=lambda user: {"events": upcoming_for_team(fetched_by=user)},
        permission="events.view_registrations",
        order=25,
    )
)
