from collections import Counter
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gemeinwohl.places import actions, areas
from gemeinwohl.places.models import Area, Place

# Everything else that lies in areas the way places do, recomputed with them.
OTHER_AREA_HOLDERS = ["landpolicy.Property"]

KIND_LABELS = {
    "bezirk": "Bezirke",
    "ortsteil": "Ortsteile",
    "prognoseraum": "LOR-Prognoseräume",
    "milieuschutz": "soziale Erhaltungsgebiete",
}


class Command(BaseCommand):
    help = (
        "Lädt die Berliner Gebiete (Bezirke, Ortsteile, LOR-Prognoseräume, soziale Erhaltungsgebiete) aus den "
        "GeoJSON-Dateien in places/geodata/ (oder --directory) und bestimmt danach die Gebiete aller Orte und "
        "Grundstücke neu. "
        "Gebiete behalten ihre Nummern; was in den Dateien fehlt, wird entfernt. Mehrfach ausführbar; "
        "--check prüft nur die Dateien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=areas.GEODATA,
            help="Ordner mit den vier GeoJSON-Dateien (Vorgabe: gemeinwohl/places/geodata/).",
        )
        parser.add_argument("--check", action="store_true", help="Nur die Dateien prüfen, nichts ändern.")

    def handle(self, *args, directory: Path, check: bool = False, **options):
        """Check the files, or load them and recompute every place's areas in one transaction (all or nothing)."""
        if not directory.is_dir():
            raise CommandError(f"Den Ordner {directory} gibt es nicht; nichts wurde geändert.")
        try:
            if check:
                rows = areas.read_areas(directory)
            else:
                with transaction.atomic():
                    counts = areas.load_areas(Area, directory)
                    changed = actions.areas_recompute()
                    places = Place.objects.count()
                    for label in OTHER_AREA_HOLDERS:
                        model = apps.get_model(label)
                        changed += actions.areas_recompute(places=model.objects.all())
                        places += model.objects.count()
        except areas.AreaFileError as error:
            problems = "\n".join(f"  – {problem}" for problem in error.problems)
            raise CommandError(
                f"Die Gebietsdateien in {directory} sind fehlerhaft; nichts wurde geändert.\n{problems}"
            ) from None
        if check:
            found = Counter(row["kind"] for row in rows)
            listed = ", ".join(f"{found[kind]} {label}" for kind, label in KIND_LABELS.items())
            self.stdout.write(self.style.SUCCESS(f"Die Gebietsdateien sind in Ordnung: {listed}."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Gebiete geladen: {counts['created']} neu, {counts['updated']} geändert, "
                f"{counts['unchanged']} unverändert, {counts['removed']} entfernt. "
                f"Gebiete von {places} Orten und Grundstücken neu bestimmt, bei {changed} haben sie sich geändert."
            )
        )
