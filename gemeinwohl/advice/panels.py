"""Advice in the navigation and on the dashboard: the inbox of new requests and one's follow-ups."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gemeinwohl.advice.selectors import inbox, my_follow_ups
from gemeinwohl.core import dashboard, navigation

navigation.register(
    navigation.NavEntry(
        key="advice_request", label=pgettext_lazy("Bereich", "Beratung"), url_name="advice:request", order=40
    )
)
navigation.register(
    navigation.NavEntry(
        key="advice_cases",
        label=_("Beratungsfälle"),
        url_name="advice:case_list",
        permission="advice.view_case_list",
        order=41,
    )
)


def _inbox_context(user) -> dict:
    cases, total = inbox(fetched_by=user)
    return {"cases": cases, "total": total}


dashboard.register(
    dashboard.Panel(
        key="advice_inbox",
        title=_("Neue Beratungsanfragen"),
        template_name="advice/panels/inbox.html",
        context=_inbox_context,
        permission="advice.view_inbox",
        order=10,
    )
)
dashboard.register(
    dashboard.Panel(
        key="advice_follow_ups",
        title=_("Meine Wiedervorlagen"),
        template_name="advice/panels/follow_ups.html",
        context=lambda user: {"activities": my_follow_ups(fetched_by=user)},
        permission="advice.view_inbox",  # only the team can be assigned follow-ups
        order=15,
    )
)
