from django.core.management.base import BaseCommand

from gemeinwohl.events.mails import send_reminders


class Command(BaseCommand):
    help = (
        "Erinnert alle, die einen Platz bei einer Veranstaltung haben, die morgen (Berliner Datum) beginnt, "
        "per E-Mail. Täglich ausführbar (z. B. per cron): Wer schon erinnert wurde, bekommt nichts doppelt."
    )

    def handle(self, *args, **options):
        """Send tomorrow's reminders once; a second run sends nothing (see ``send_reminders``)."""
        sent = send_reminders()
        self.stdout.write(self.style.SUCCESS(f"{sent} Erinnerungen verschickt."))
