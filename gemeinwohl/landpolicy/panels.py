"""Land policy in the navigation (for those who work it)."""

from django.utils.translation import gettext_lazy as _

from gemeinwohl.core import navigation

navigation.register(
    navigation.NavEntry(
        key="landpolicy",
        label=_("Bodenpolitik"),
        url_name="landpolicy:overview",
        permission="landpolicy.view_property",
        order=37,
    )
)
