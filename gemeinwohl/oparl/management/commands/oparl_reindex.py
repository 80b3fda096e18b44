from django.core.management.base import BaseCommand

from gemeinwohl.oparl import index


class Command(BaseCommand):
    help = (
        "Baut den Index der OParl-Schnittstelle neu auf (nach Massenimporten oder Änderungen an der Datenbank "
        "an der Plattform vorbei). Mehrfach ausführbar."
    )

    def handle(self, *args, **options):
        published = index.reindex()
        self.stdout.write(self.style.SUCCESS(f"OParl-Index aktuell: {published} veröffentlichte Objekte."))
