import datetime

from django.core.management.base import BaseCommand, CommandError

from gemeinwohl.advice.reminders import send_daily_reminders


class Command(BaseCommand):
    help = (
        "Schickt jedem aktiven Teammitglied eine E-Mail mit seinen überfälligen, heute und demnächst fälligen "
        "Wiedervorlagen der Beratung. Täglich ausführbar (z. B. per cron): Wer am selben Tag schon erinnert "
        "wurde, bekommt nichts doppelt."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tag", dest="day", help="Der Tag, für den erinnert wird (JJJJ-MM-TT); sonst heute.")

    def handle(self, *args, day=None, **options):
        """Send the day's reminders once; a second run the same day sends nothing (see ``send_daily_reminders``)."""
        try:
            today = datetime.date.fromisoformat(day) if day else None
        except ValueError:
            raise CommandError(f"Kein gültiges Datum: {day}") from None
        sent = send_daily_reminders(today=today)
        self.stdout.write(self.style.SUCCESS(f"{sent} Erinnerungen verschickt."))
