from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "gemeinwohl.places"
    label = "places"
    verbose_name = _("Orte")

    def ready(self):
        from gemeinwohl.places import panels  # noqa: F401 - registers navigation entries
