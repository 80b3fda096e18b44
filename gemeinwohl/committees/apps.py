from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "gemeinwohl.committees"
    label = "committees"
    verbose_name = _("Gremien")

    def ready(self):
        from gemeinwohl.committees import panels  # noqa: F401 - registers navigation and dashboard panels
