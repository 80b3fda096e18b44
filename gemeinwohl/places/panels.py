"""Places in the navigation: the map and list for everyone."""

from django.utils.translation import gettext_lazy as _

from gemeinwohl.core import navigation

navigation.register(navigation.NavEntry(key="places", label=_("Orte"), url_name="places:place_list", order=35))
