from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from gemeinwohl.core.backup import BackupError, create_backup, default_archive_name, megabytes


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Schreibt eine vollständige, in sich stimmige Sicherung (alle Tabellen und alle hochgeladenen "
        "Dateien) in ein Archiv (.tar.gz). Zurückspielen mit `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Name des neuen Archivs (Vorgabe: gemeinwohl-sicherung-<Datum>-<Uhrzeit>.tar.gz im aktuellen Ordner). "
            "Eine vorhandene Datei wird nicht überschrieben.",
        )

    def handle(self, *args, path=None, verbosity=1, **options):
        try:
            summary = create_backup(Path(path or default_archive_name()))
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity > 1:
            for label, rows in summary.rows.items():
                self.stdout.write(f"  {label}: {rows} Zeilen")
        self.stdout.write(
            self.style.SUCCESS(
                f"Sicherung geschrieben: {summary.path} ({megabytes(summary.size)}) mit "
                f"{sum(summary.rows.values())} Zeilen aus {len(summary.rows)} Tabellen und "
                f"{summary.files} Dateien ({megabytes(summary.file_bytes)})."
            )
        )
