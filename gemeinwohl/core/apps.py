from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gemeinwohl.core"
    label = "core"
    verbose_name = _("Grundlagen")

    def ready(self):
        from gemeinwohl.core import navigation

        navigation.register(navigation.NavEntry(key="home", label=_("Start"), url_name="core:home", order=0))
        navigation.register(
            navigation.NavEntry(
                key="dashboard", label=_("Übersicht"), url_name="core:dashboard", order=10, login_required=True
            )
        )
