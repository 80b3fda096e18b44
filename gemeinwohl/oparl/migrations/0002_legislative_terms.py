import datetime

from django.db import migrations

# The district assembly's (BVV Friedrichshain-Kreuzberg) terms, bounded by the
# Berlin elections. An administrator corrects or adds them in /admin/.
TERMS = [
    ("19. Wahlperiode (2021–2026)", datetime.date(2021, 9, 26), datetime.date(2026, 9, 19)),
    ("20. Wahlperiode (ab 2026)", datetime.date(2026, 9, 20), None),
]


def add_terms(apps, schema_editor):
    LegislativeTerm = apps.get_model("oparl", "LegislativeTerm")
    for name, start, end in TERMS:
        LegislativeTerm.objects.get_or_create(name=name, defaults={"start_date": start, "end_date": end})


class Migration(migrations.Migration):
    dependencies = [("oparl", "0001_initial")]

    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
