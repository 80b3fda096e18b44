"""The first version of each consent text, so that consents can be recorded from day one."""

import datetime

from django.db import migrations

TEXTS = [
    (
        "kontakt",
        "Ich bin einverstanden, dass die AKS Gemeinwohl meinen Namen, meine Organisation und meine "
        "Kontaktdaten in ihrem Adressbuch speichert, um mich im Rahmen ihrer Arbeit (Gremien, Beratung, "
        "Veranstaltungen) zu kontaktieren. Ich kann diese Einwilligung jederzeit widerrufen.",
    ),
    (
        "newsletter",
        "Ich möchte Einladungen und Rundbriefe der AKS Gemeinwohl per E-Mail erhalten. Ich kann mich "
        "jederzeit abmelden.",
    ),
    (
        "oeffentlich",
        "Ich bin einverstanden, dass die AKS Gemeinwohl meinen Namen und meine Organisation öffentlich "
        "nennt, etwa als Mitglied eines Gremiums oder Netzwerks. Kontaktdaten werden nicht veröffentlicht. "
        "Ich kann diese Einwilligung jederzeit widerrufen.",
    ),
    (
        "fotos",
        "Ich bin einverstanden, dass Fotos, auf denen ich zu erkennen bin, in der Dokumentation von "
        "Veranstaltungen der AKS Gemeinwohl veröffentlicht werden. Ich kann diese Einwilligung jederzeit "
        "widerrufen.",
    ),
]


def create_texts(apps, schema_editor):
    ConsentText = apps.get_model("directory", "ConsentText")
    for purpose, text in TEXTS:
        ConsentText.objects.get_or_create(
            purpose=purpose, version="2025-01", defaults={"text": text, "valid_from": datetime.date(2025, 1, 1)}
        )


def remove_unused_texts(apps, schema_editor):
    ConsentText = apps.get_model("directory", "ConsentText")
    ConsentText.objects.filter(version="2025-01", consentrecord__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_texts, remove_unused_texts)]
