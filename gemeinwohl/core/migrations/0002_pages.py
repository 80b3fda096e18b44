"""The fixed text pages every installation starts with; administrators edit them afterwards."""

from django.db import migrations

PAGES = [
    {
        "slug": "start",
        "title": "AKS Gemeinwohl",
        "body": (
            "Die **Arbeits- und Koordinierungsstruktur für gemeinwohlorientierte Stadtentwicklung** "
            "(AKS Gemeinwohl) ist eine Schnittstelle für Politik, Verwaltung und stadtpolitische "
            "Initiativen in Friedrichshain-Kreuzberg. Mit ihr werden neue Formen der koproduzierenden "
            "und gemeinwohlorientierten Stadtentwicklung erprobt.\n\n"
            "Sie unterstützt gemeinwohlorientierte Projekte und Räume und fördert eine nachhaltige "
            "Bodenpolitik, um eine vielfältige Stadtgesellschaft zu sichern. Das AKS-Team besteht aus "
            "fünf Mitarbeiter\\*innen, zwei verwaltungsintern und drei beim Trägerverein. Den Anstoß "
            "gaben 2017 zahlreiche stadtpolitische Initiativen; 2020 hat das Bezirksamt die "
            "Weiterführung beschlossen."
        ),
        "title_en": "AKS Gemeinwohl",
        "body_en": (
            "The **AKS Gemeinwohl**, a working and coordinating structure for common-good urban "
            "development, links district politics, the district administration and urban initiatives "
            "in Friedrichshain-Kreuzberg, Berlin. It tries out new, co-productive forms of urban "
            "development oriented towards the common good.\n\n"
            "It supports common-good projects and spaces and pushes for a sustainable land policy, to "
            "keep the city diverse. The team has five staff, two inside the district administration and "
            "three employed by the supporting association. Local initiatives started it in 2017; in 2020 "
            "the district office decided to continue it."
        ),
    },
    {
        "slug": "impressum",
        "title": "Impressum",
        "body": (
            "**Bitte ersetzen:** Diese Seite enthält noch keine Angaben. Eine Administratorin oder ein "
            "Administrator trägt hier die Angaben nach § 5 DDG und § 18 MStV ein: Name und Anschrift "
            "des Trägers, Vertretungsberechtigte, Kontakt (E-Mail, Telefon), Registereintrag und die "
            "inhaltlich verantwortliche Person."
        ),
        "title_en": "Legal notice",
        "body_en": "",
    },
    {
        "slug": "datenschutz",
        "title": "Datenschutz",
        "body": (
            "**Bitte ersetzen:** Diese Seite enthält noch keine Datenschutzerklärung. Eine Administratorin "
            "oder ein Administrator trägt hier ein, wer verantwortlich ist, welche Daten die Plattform zu "
            "welchen Zwecken und auf welcher Rechtsgrundlage verarbeitet, wie lange sie gespeichert werden, "
            "und welche Rechte Betroffene haben (Art. 13 DSGVO).\n\n"
            "Die Plattform setzt nur technisch notwendige Cookies (Anmeldung, Schutz von Formularen, "
            "gewählte Sprache) und bindet keine Dienste Dritter ein."
        ),
        "title_en": "Privacy",
        "body_en": "",
    },
    {
        "slug": "barrierefreiheit",
        "title": "Erklärung zur Barrierefreiheit",
        "body": (
            "Diese Plattform soll nach der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und "
            "den Web Content Accessibility Guidelines (WCAG 2.1, Stufe AA) barrierefrei sein. Jede Seite "
            "wird bei der Entwicklung automatisch mit axe-core geprüft.\n\n"
            "Wenn Ihnen Barrieren auffallen, schreiben Sie uns bitte; die Kontaktdaten stehen im Impressum."
        ),
        "title_en": "Accessibility statement",
        "body_en": (
            "This platform aims to be accessible according to the German BITV 2.0 and the Web Content "
            "Accessibility Guidelines (WCAG 2.1, level AA). Every page is checked automatically with "
            "axe-core during development.\n\nIf you find a barrier, please write to us; the contact "
            "details are in the legal notice."
        ),
    },
]


def create_pages(apps, schema_editor):
    Page = apps.get_model("core", "Page")
    for page in PAGES:
        Page.objects.get_or_create(slug=page["slug"], defaults=page)


def remove_untouched_pages(apps, schema_editor):
    Page = apps.get_model("core", "Page")
    for page in PAGES:
        Page.objects.filter(**page).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_pages, remove_untouched_pages)]
