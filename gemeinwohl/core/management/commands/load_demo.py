from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from gemeinwohl.accounts import demo as accounts_demo
from gemeinwohl.advice import demo as advice_demo
from gemeinwohl.committees import demo as committees_demo
from gemeinwohl.directory import demo as directory_demo
from gemeinwohl.events import demo as events_demo
from gemeinwohl.landpolicy import demo as landpolicy_demo
from gemeinwohl.oparl import index as oparl_index
from gemeinwohl.places import demo as places_demo


class Command(BaseCommand):
    help = (
        "Lädt die Demo-Daten (Konten je Rolle, Adressbuch, Gremien mit einem Jahr Sitzungen, Beratungsfälle, "
        "Veranstaltungen, Orte, Bodenpolitik). "
        "Mehrfach ausführbar: "
        "Vorhandenes bleibt, nichts wird doppelt angelegt."
    )

    def handle(self, *args, **options):
        # The demo's invitations and advice mails go nowhere: its addresses are invented, and a real
        # mail server must never receive them (nor the console be flooded with them).
        # The OParl index is rebuilt once at the end instead of after every row.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
            oparl_index.paused(),
        ):
            accounts = accounts_demo.load()
            directory = directory_demo.load(accounts=accounts)
            committees = committees_demo.load(accounts=accounts)
            advice = advice_demo.load(accounts=accounts)
            # The events demo sends no mail at all: its registrants are invented.
            events = events_demo.load(accounts=accounts)
            places = places_demo.load(accounts=accounts)
            land = landpolicy_demo.load(accounts=accounts)
        oparl_index.reindex()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo-Daten bereit: {len(accounts)} Konten, {directory['organisations']} Organisationen, "
                f"{directory['people']} Personen, {committees['committees']} Gremien, "
                f"{committees['meetings']} Sitzungen, {advice['cases']} Beratungsfälle, "
                f"{events['events']} Veranstaltungen, {places['places']} Orte, "
                f"{land['properties']} Grundstücke, {land['cases']} Vorkaufsfälle, {land['tenders']} Konzeptverfahren, "
                f"{land['leases']} Erbbaurechte."
            )
        )
