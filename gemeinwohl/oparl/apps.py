from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OparlConfig(AppConfig):
    name = "gemeinwohl.oparl"
    label = "oparl"
    verbose_name = _("OParl-Schnittstelle")

    def ready(self):
        from gemeinwohl.oparl import signals  # noqa: F401
