"""The AKS's event formats, as named in its self-description (data only; new ones are added on the formats page)."""

from django.db import migrations

FORMATS = [
    ("werkstattgespraech", "Werkstattgespräch", "Workshop talk", "Ein Thema im kleinen Kreis vertiefen, mit Beiträgen aus Praxis und Verwaltung."),
    ("workshop", "Workshop", "Workshop", "Gemeinsam an einer Frage arbeiten, mit Moderation und Ergebnissen."),
    ("kiezspaziergang", "Kiezspaziergang", "Neighbourhood walk", "Orte im Bezirk besuchen und mit den Menschen vor Ort sprechen."),
    ("fachveranstaltung", "Fachveranstaltung", "Expert event", "Vorträge und Diskussion für ein breiteres Fachpublikum."),
    ("netzwerktreffen", "Netzwerktreffen", "Network meeting", "Austausch der Initiativen, Projekte und Partner untereinander."),
]


def add_formats(apps, schema_editor):
    EventFormat = apps.get_model("events", "EventFormat")
    for slug, name, name_en, description in FORMATS:
        EventFormat.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en, "description": description})


def remove_formats(apps, schema_editor):
    EventFormat = apps.get_model("events", "EventFormat")
    EventFormat.objects.filter(slug__in=[slug for slug, *_rest in FORMATS], events__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(add_formats, remove_formats)]
