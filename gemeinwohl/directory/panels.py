"""The address book's place in the navigation and on the dashboard."""

from django.utils.translation import gettext_lazy as _

from gemeinwohl.core import dashboard, navigation
from gemeinwohl.directory.selectors import recently_changed

navigation.register(
    navigation.NavEntry(
        key="directory",
        label=_("Adressbuch"),
        url_name="directory:index",
        permission="directory.view_directory",
        order=50,
    )
)

dashboard.register(
    dashboard.Panel(
        key="directory_recent",
        title=_("Zuletzt geändert im Adressbuch"),
        template_name="directory/panels/recent.html",
        context=lambda user: {"entries": recently_changed(fetched_by=user)},
        permission="directory.view_directory",
        order=50,
    )
)
