import datetime

from django.core.management.base import BaseCommand, CommandError

from gemeinwohl.landpolicy.reminders import send_deadline_reminders


class Command(BaseCommand):
    help = (
        "Erinnert die Zuständigen an Vorkaufsfristen, jeweils einmal je Vorlauf (Standard: 30, 14, 7 und 2 Tage). "
        "Täglich ausführen; mehrfaches Ausführen verschickt nichts doppelt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Stichtag JJJJ-MM-TT (zum Testen; Standard: heute)")

    def handle(self, *args, **options):
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today erwartet ein Datum im Format JJJJ-MM-TT.") from None
        reminded = send_deadline_reminders(today=today)
        self.stdout.write(f"Erinnert: {reminded} Fälle.")
