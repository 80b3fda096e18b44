"""The standard obligations of an Abwendungsvereinbarung, as Berlin's districts have used them since 2015 (data only)."""

from django.db import migrations

OBLIGATIONS = [
    (
        "Keine Umwandlung in Eigentumswohnungen",
        "Keine Begründung von Wohnungs- oder Teileigentum (§ 172 Abs. 1 Satz 4 BauGB) während der Laufzeit.",
    ),
    (
        "Keine Modernisierung über den gesetzlichen Mindeststandard hinaus",
        "Nur Modernisierungen, die einen zeitgemäßen Ausstattungszustand einer durchschnittlichen Wohnung "
        "herstellen oder gesetzlich vorgeschrieben sind (z. B. Energieeinsparung).",
    ),
    (
        "Kein Rückbau, keine Zusammenlegung oder Teilung von Wohnungen",
        "Keine Änderung der Wohnungsgrundrisse, die die Zusammensetzung der Wohnbevölkerung verändert.",
    ),
    (
        "Keine Zweckentfremdung von Wohnraum",
        "Keine Nutzung als Ferienwohnung, kein Leerstand, keine gewerbliche Nutzung von Wohnungen.",
    ),
    (
        "Keine Eigenbedarfskündigung",
        "Kein Kündigen von Mietverhältnissen wegen Eigenbedarfs während der Laufzeit.",
    ),
    (
        "Weitergabe der Verpflichtungen bei Verkauf",
        "Bei einem Weiterverkauf gehen alle Verpflichtungen auf den Erwerber über.",
    ),
]


def add_obligations(apps, schema_editor):
    Obligation = apps.get_model("landpolicy", "Obligation")
    for position, (name, description) in enumerate(OBLIGATIONS, start=1):
        Obligation.objects.get_or_create(name=name, defaults={"description": description, "position": position})


def remove_obligations(apps, schema_editor):
    Obligation = apps.get_model("landpolicy", "Obligation")
    Obligation.objects.filter(name__in=[name for name, _description in OBLIGATIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("landpolicy", "0001_initial")]

    operations = [migrations.RunPython(add_obligations, remove_obligations)]
