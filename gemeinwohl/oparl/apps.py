from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OparlConfig(AppConfig):
    name = "gemeinwohl.oparl"
    label = "oparl"
    verbose_name = _("OParl-Schnittstelle")

    def ready(self):
        from django.db.models.signals import post_migrate

        from gemeinwohl.oparl import signals

        post_migrate.connect(signals.index_legislative_terms, sender=self)
