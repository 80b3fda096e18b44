from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gemeinwohl.accounts"
    label = "accounts"
    verbose_name = _("Konten")

    def ready(self):
        from gemeinwohl.accounts import panels  # noqa: F401 - registers the dashboard panels
