from django.core.management.base import BaseCommand
from django.db import transaction

from gemeinwohl.accounts import demo as accounts_demo
from gemeinwohl.committees import demo as committees_demo
from gemeinwohl.directory import demo as directory_demo


class Command(BaseCommand):
    help = (
        "Lädt die Demo-Daten (Konten je Rolle, Adressbuch, Gremien mit einem Jahr Sitzungen). Mehrfach ausführbar: "
        "Vorhandenes bleibt, nichts wird doppelt angelegt."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        accounts = accounts_demo.load()
        directory = directory_demo.load(accounts=accounts)
        committees = committees_demo.load(accounts=accounts)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-Daten bereit: {len(accounts)} Konten, {directory['organisations']} Organisationen, "
                f"{directory['people']} Personen, {committees['committees']} Gremien, "
                f"{committees['meetings']} Sitzungen."
            )
        )
