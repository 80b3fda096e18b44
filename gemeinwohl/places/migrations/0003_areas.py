"""Berlin's areas from the geodata shipped in places/geodata/ (data only)."""

from django.db import migrations


def load(apps, schema_editor):
    from gemeinwohl.places.areas import load_areas

    load_areas(apps.get_model("places", "Area"))


def unload(apps, schema_editor):
    apps.get_model("places", "Area").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("places", "0002_criteria")]

    operations = [migrations.RunPython(load, unload)]
