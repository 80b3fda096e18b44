"""The common-good checklist, seeded from Berlin practice (administrators edit it in /admin/)."""

from django.db import migrations

CRITERIA = [
    (
        "Dauerhafte Sicherung",
        "Dem Markt dauerhaft entzogen: Erbbaurecht, Stiftung, Genossenschaft oder Mietshäuser Syndikat.",
    ),
    ("Leistbarkeit", "Bezahlbare Mieten oder Nutzungsentgelte mit einer festen Obergrenze."),
    ("Selbstverwaltung und Mitbestimmung", "Die Nutzenden verwalten sich selbst und bestimmen mit."),
    ("Öffnung in die Nachbarschaft", "Räume und Angebote stehen auch der Nachbarschaft offen."),
    (
        "Reinvestition von Überschüssen",
        "Überschüsse fließen in das Projekt oder in weitere gemeinwohlorientierte Projekte, nicht an Private.",
    ),
    ("Ökologische Standards", "Bau und Betrieb folgen anerkannten ökologischen Standards."),
]


def add_criteria(apps, schema_editor):
    Criterion = apps.get_model("places", "Criterion")
    for position, (name, description) in enumerate(CRITERIA):
        Criterion.objects.get_or_create(name=name, defaults={"description": description, "position": position})


def remove_criteria(apps, schema_editor):
    apps.get_model("places", "Criterion").objects.filter(name__in=[name for name, _d in CRITERIA]).delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(add_criteria, remove_criteria)]
