from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class AdviceConfig(AppConfig):
    name = "gemeinwohl.advice"
    label = "advice"
    verbose_name = pgettext_lazy("Bereich", "Beratung")

    def ready(self):
        from gemeinwohl.advice import panels  # noqa: F401 - registers navigation and dashboard panels
