from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "gemeinwohl.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from gemeinwohl.events import panels  # noqa: F401 - registers navigation and dashboard panels
