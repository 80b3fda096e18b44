from django.core.management.base import BaseCommand

from gemeinwohl.advice.models import RetentionPolicy
from gemeinwohl.advice.retention import anonymise_expired_cases, expired_cases


class Command(BaseCommand):
    help = (
        "Anonymisiert abgeschlossene und abgelehnte Beratungsfälle, deren Abschluss länger zurückliegt als die "
        "Aufbewahrungsfrist (im Admin-Bereich einstellbar). Täglich ausführbar; --dry-run zählt nur."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Nur zählen, nichts ändern.")

    def handle(self, *args, dry_run=False, **options):
        """Anonymise the expired cases (see ``anonymise_expired_cases``), or with --dry-run only count them."""
        days = RetentionPolicy.current().anonymise_after_days
        if dry_run:
            count = expired_cases().count()
            self.stdout.write(f"{count} Fälle würden anonymisiert (Aufbewahrungsfrist: {days} Tage).")
            return
        count = anonymise_expired_cases()
        self.stdout.write(self.style.SUCCESS(f"{count} Fälle anonymisiert (Aufbewahrungsfrist: {days} Tage)."))
