"""Events in the navigation (the public calendar; planning for the team)."""

from django.utils.translation import gettext_lazy as _

from gemeinwohl.core import navigation

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
