from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LandpolicyConfig(AppConfig):
    name = "gemeinwohl.landpolicy"
    label = "landpolicy"
    verbose_name = _("Bodenpolitik")

    def ready(self):
        from gemeinwohl.landpolicy import panels  # noqa: F401 - registers navigation entries and dashboard panels
