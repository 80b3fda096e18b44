"""The pre-emption deadlines on the dashboard: the nearest open deadlines the reader may see."""

from django.utils.translation import gettext_lazy as _

from gemeinwohl.core import dashboard
from gemeinwohl.landpolicy.selectors.preemption import nearest_deadlines

dashboard.register(
    dashboard.Panel(
        key="landpolicy_preemption_deadlines",
        title=_("Vorkaufsfristen"),
        template_name="landpolicy/preemption/panel_deadlines.html",
        # One query: the five cases with their property, scoped by the reader.
        context=lambda user: {"rows": nearest_deadlines(fetched_by=user, limit=5)},
        permission="landpolicy.view_preemptioncase",
        order=17,
    )
)
