from django.core.management.base import BaseCommand

from gemeinwohl.events.models import EventRetentionPolicy
from gemeinwohl.events.retention import anonymise_expired_registrations, expired_registrations


class Command(BaseCommand):
    help = (
        "Anonymisiert die Anmeldungen zu Veranstaltungen, deren Ende länger zurückliegt als die "
        "Aufbewahrungsfrist (im Admin-Bereich einstellbar); die Zahlen bleiben. "
        "Täglich ausführbar; --dry-run zählt nur."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts ändern.")

    def handle(self, *args, dry_run=False, **options):
        """Anonymise the expired registrations (see ``anonymise_expired_registrations``), or only count them."""
        months = EventRetentionPolicy.current().anonymise_after_months
        if dry_run:
            count = expired_registrations().count()
            self.stdout.write(f"{count} Anmeldungen würden anonymisiert (Aufbewahrungsfrist: {months} Monate).")
            return
        count = anonymise_expired_registrations()
        self.stdout.write(
            self.style.SUCCESS(f"{count} Anmeldungen anonymisiert (Aufbewahrungsfrist: {months} Monate).")
        )
