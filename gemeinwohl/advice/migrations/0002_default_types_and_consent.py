"""The case types an installation starts with, and the first version of the consent text."""

from django.db import migrations

CONSENT_VERSION = "2026-11"
CONSENT_TEXT = (
    "Ich willige ein, dass die AKS Gemeinwohl (Bezirksamt Friedrichshain-Kreuzberg und Trägerverein) "
    "meine Angaben aus diesem Formular speichert und verarbeitet, um meine Anfrage zu beantworten, "
    "mich zu beraten und – soweit ich dem im Einzelfall zustimme – an andere Stellen weiterzuvermitteln. "
    "Die Angaben werden spätestens drei Jahre nach Abschluss der Beratung anonymisiert; für die "
    "Jahresberichte werden nur Zahlen ohne Personenbezug verwendet. Ich kann die Einwilligung jederzeit "
    "mit Wirkung für die Zukunft widerrufen und Auskunft über meine gespeicherten Daten verlangen."
)
CONSENT_TEXT_EN = (
    "I consent to the AKS Gemeinwohl (Friedrichshain-Kreuzberg district office and its supporting "
    "association) storing and processing the information in this form in order to answer my request, "
    "advise me and – where I agree in the individual case – refer me to other bodies. The data is "
    "anonymised at the latest three years after the advice has ended; annual reports only use figures "
    "that do not identify anyone. I can withdraw my consent at any time with effect for the future and "
    "ask what data is stored about me."
)

TRANSITIONS = [
    ("neu", "in_klaerung"),
    ("neu", "in_beratung"),
    ("neu", "weitervermittelt"),
    ("neu", "abgelehnt"),
    ("in_klaerung", "in_beratung"),
    ("in_klaerung", "weitervermittelt"),
    ("in_klaerung", "abgeschlossen"),
    ("in_klaerung", "abgelehnt"),
    ("in_beratung", "weitervermittelt"),
    ("in_beratung", "abgeschlossen"),
    ("weitervermittelt", "in_beratung"),
    ("weitervermittelt", "abgeschlossen"),
    ("abgeschlossen", "in_beratung"),
    ("abgelehnt", "in_klaerung"),
]

TYPES = [
    {
        "name": "Beratungsanfrage",
        "description": "Eine Initiative oder Gruppe bittet um Beratung und Unterstützung.",
        "is_default": True,
        "steps": [
            ("Erstgespräch mit der Initiative", "treffen", "eingang", 10),
            ("Rückmeldung an die Initiative", "email", "vorheriger", 5),
        ],
    },
    {
        "name": "Verkauf mit laufender Vorkaufsfrist",
        "description": "Ein Haus wird verkauft und die Frist für das Vorkaufsrecht läuft: schnell handeln.",
        "is_default": False,
        "steps": [
            ("Erstgespräch mit der Initiative", "anruf", "eingang", 3),
            ("Abstimmung mit dem Bezirksamt (Vorkaufsrecht)", "treffen", "vorheriger", 5),
            ("Rückmeldung an die Initiative", "email", "vorheriger", 2),
        ],
    },
]


def seed(apps, schema_editor):
    CaseType = apps.get_model("advice", "CaseType")
    TimelineStep = apps.get_model("advice", "TimelineStep")
    Transition = apps.get_model("advice", "Transition")
    ConsentText = apps.get_model("advice", "ConsentText")
    RetentionPolicy = apps.get_model("advice", "RetentionPolicy")
    for spec in TYPES:
        case_type, created = CaseType.objects.get_or_create(
            name=spec["name"], defaults={"description": spec["description"], "is_default": spec["is_default"]}
        )
        if not created:
            continue
        for position, (title, kind, anchor, days) in enumerate(spec["steps"], start=1):
            TimelineStep.objects.create(
                case_type=case_type, position=position, title=title, kind=kind, anchor=anchor, days=days
            )
        for source, target in TRANSITIONS:
            Transition.objects.create(case_type=case_type, source=source, target=target)
    ConsentText.objects.get_or_create(
        version=CONSENT_VERSION, defaults={"text": CONSENT_TEXT, "text_en": CONSENT_TEXT_EN}
    )
    RetentionPolicy.objects.get_or_create(pk=1)


def unseed(apps, schema_editor):
    # Types and texts that cases refer to stay; the rest goes.
    CaseType = apps.get_model("advice", "CaseType")
    ConsentText = apps.get_model("advice", "ConsentText")
    CaseType.objects.filter(name__in=[spec["name"] for spec in TYPES], cases__isnull=True).delete()
    ConsentText.objects.filter(version=CONSENT_VERSION, cases__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("advice", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
