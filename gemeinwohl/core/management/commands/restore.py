from django.core.management.base import BaseCommand, CommandError

from gemeinwohl.core.backup import BackupError, megabytes, restore_backup


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Spielt eine Sicherung von `manage.py backup` in eine leere Installation zurück: frisch migriert "
        "(auf denselben Stand wie die Sicherung), ohne Konten, Inhalte und hochgeladene Dateien. "
        "Alles oder nichts."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Das Archiv (.tar.gz) von `manage.py backup`.")

    def handle(self, *args, path, verbosity=1, **options):
        try:
            summary = restore_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity > 1:
            for label, rows in summary.rows.items():
                self.stdout.write(f"  {label}: {rows} Zeilen")
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung vom {summary.created_at} ({summary.database_vendor}) zurückgespielt: "
                f"{sum(summary.rows.values())} Zeilen in {len(summary.rows)} Tabellen, "
                f"{summary.files} Dateien ({megabytes(summary.file_bytes)})."
            )
        )
