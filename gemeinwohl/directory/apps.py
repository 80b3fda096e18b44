from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "gemeinwohl.directory"
    label = "directory"
    verbose_name = _("Adressbuch")

    def ready(self):
        from gemeinwohl.directory import panels  # noqa: F401 - registers navigation and dashboard panel
