"""Land policy in the navigation (for those who work it) and the nearest pre-emption deadlines on the dashboard."""

from django.utils.translation import gettext_lazy as _

from gemeinwohl.core import navigation
from gemeinwohl.landpolicy import dashboard  # noqa: F401 - registers the "Vorkaufsfristen" panel

navigation.register(
    navigation.NavEntry(
        key="landpolicy",
        label=_("Bodenpolitik"),
        url_name="landpolicy:overview",
        permission="landpolicy.view_property",
        order=37,
    )
)
