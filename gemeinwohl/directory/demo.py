"""Demo address book: the real structure of the AKS Gemeinwohl, with invented people,
initiatives and enterprises. Loading twice changes nothing."""

import datetime

from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory import actions
from gemeinwohl.directory.inputs import AffiliationInput, ContactInput, OrganisationInput, PersonInput
from gemeinwohl.directory.models import (
    AffiliationKind,
    ConsentMethod,
    ConsentPurpose,
    ConsentText,
    ContactContext,
    ContactKind,
    LegalForm,
    Organisation,
    Person,
    Sector,
)

PUBLIC, TEAM, INTERNAL = Visibility.PUBLIC, Visibility.TEAM, Visibility.INTERNAL
DEMO_NOTE = "Erfundener Eintrag der Demo-Daten."

# The tables below are kept one row per entry for reading; the formatter leaves them alone.
# fmt: off
TOPICS = [
    "Vorkaufsrecht",
    "Konzeptverfahren",
    "Erbbaurecht",
    "Milieuschutz",
    "Genossenschaften",
    "Raumsicherung",
    "Gewerbemieten",
    "Beteiligung",
    "Kultur",
    "Grün und Freiraum",
]

# name, short name, sector, legal form, parent, visibility, topics, contacts [(kind, value)], description
ORGANISATIONS = [
    ("Bezirksamt Friedrichshain-Kreuzberg", "BA F-K", Sector.ADMINISTRATION, LegalForm.AUTHORITY, None, PUBLIC,
     [], [(ContactKind.WEBSITE, "https://www.berlin.de/ba-friedrichshain-kreuzberg/")],
     "Die Verwaltung des Bezirks Friedrichshain-Kreuzberg."),
    ("Büro des Bezirksstadtrats für Stadtentwicklung", "Büro StadtR", Sector.ADMINISTRATION, LegalForm.AUTHORITY,
     "Bezirksamt Friedrichshain-Kreuzberg", PUBLIC, ["Vorkaufsrecht"], [], ""),
    ("Stadtentwicklungsamt", "SE-Amt", Sector.ADMINISTRATION, LegalForm.AUTHORITY,
     "Bezirksamt Friedrichshain-Kreuzberg", PUBLIC, ["Vorkaufsrecht", "Milieuschutz"], [], ""),
    ("Amt für Soziales", "Soz", Sector.ADMINISTRATION, LegalForm.AUTHORITY,
     "Bezirksamt Friedrichshain-Kreuzberg", PUBLIC, [], [], ""),
    ("Straßen- und Grünflächenamt", "SGA", Sector.ADMINISTRATION, LegalForm.AUTHORITY,
     "Bezirksamt Friedrichshain-Kreuzberg", PUBLIC, ["Grün und Freiraum"], [], ""),
    ("Sozialraumorientierte Planungskoordination", "SPK", Sector.ADMINISTRATION, LegalForm.AUTHORITY,
     "Bezirksamt Friedrichshain-Kreuzberg", PUBLIC, ["Beteiligung"], [],
     "Koordiniert die AG Planung."),
    ("AKS Gemeinwohl", "AKS", Sector.OTHER, LegalForm.NETWORK, None, PUBLIC,
     ["Beteiligung", "Vorkaufsrecht", "Konzeptverfahren"], [(ContactKind.EMAIL, "aks@gemeinwohl.example")],
     "Arbeits- und Koordinierungsstruktur für gemeinwohlorientierte Stadtentwicklung."),
    ("Gemeinwohlorientierte Stadtentwicklung e.V.", "Trägerverein", Sector.CIVIL_SOCIETY, LegalForm.ASSOCIATION,
     None, PUBLIC, ["Beteiligung"], [(ContactKind.EMAIL, "verein@gemeinwohl.example")],
     "Trägerverein der AKS Gemeinwohl; hier vernetzen sich stadtpolitische Initiativen."),
    ("LokalBau Plattform", "LokalBau", Sector.OTHER, LegalForm.NETWORK, None, PUBLIC,
     ["Genossenschaften", "Konzeptverfahren"], [], "Kooperationspartnerin der beiden Netzwerke."),
    ("BVV-Ausschuss für Stadtentwicklung", "StadtA", Sector.POLITICS, LegalForm.POLITICAL, None, PUBLIC,
     ["Milieuschutz"], [], "Ausschuss der Bezirksverordnetenversammlung."),
    # Initiatives and common-good enterprises: invented.
    ("Initiative Wrangelkiez bleibt", "", Sector.CIVIL_SOCIETY, LegalForm.INITIATIVE, None, PUBLIC,
     ["Milieuschutz", "Vorkaufsrecht"], [(ContactKind.EMAIL, "wrangelkiez@initiative.example")], DEMO_NOTE),
    ("Mieter*innengemeinschaft Oranienhof", "", Sector.CIVIL_SOCIETY, LegalForm.INITIATIVE, None, TEAM,
     ["Vorkaufsrecht"], [(ContactKind.EMAIL, "oranienhof@initiative.example")], DEMO_NOTE),
    ("Kiezladen Boxhagener Eck e.V.", "", Sector.CIVIL_SOCIETY, LegalForm.ASSOCIATION, None, PUBLIC,
     ["Raumsicherung", "Gewerbemieten"], [(ContactKind.ADDRESS, "Boxhagener Straße 1\n10245 Berlin")], DEMO_NOTE),
    ("Stadtteilgarten Spreeufer e.V.", "", Sector.CIVIL_SOCIETY, LegalForm.ASSOCIATION, None, PUBLIC,
     ["Grün und Freiraum"], [], DEMO_NOTE),
    ("Nachbarschaftshaus Rudolfkiez e.V.", "", Sector.CIVIL_SOCIETY, LegalForm.ASSOCIATION, None, PUBLIC,
     ["Raumsicherung", "Beteiligung"], [(ContactKind.PHONE, "+49 30 1234567")], DEMO_NOTE),
    ("Kulturraum Markthalle Süd", "", Sector.CIVIL_SOCIETY, LegalForm.INITIATIVE, None, PUBLIC,
     ["Kultur", "Raumsicherung"], [], DEMO_NOTE),
    ("Wohnungsgenossenschaft Kreuzberger Höfe eG", "Kreuzberger Höfe", Sector.COMMON_GOOD_ECONOMY,
     LegalForm.COOPERATIVE, None, PUBLIC, ["Genossenschaften", "Konzeptverfahren"],
     [(ContactKind.WEBSITE, "https://kreuzberger-hoefe.example")], DEMO_NOTE),
    ("Hausprojekt Lenaustraße", "", Sector.COMMON_GOOD_ECONOMY, LegalForm.SYNDICATE, None, PUBLIC,
     ["Vorkaufsrecht", "Erbbaurecht"], [], DEMO_NOTE),
    ("Stiftung Boden für Alle", "", Sector.COMMON_GOOD_ECONOMY, LegalForm.FOUNDATION, None, PUBLIC,
     ["Erbbaurecht"], [(ContactKind.EMAIL, "kontakt@boden-fuer-alle.example")], DEMO_NOTE),
    ("Gemeinwohl-Bau gGmbH", "", Sector.COMMON_GOOD_ECONOMY, LegalForm.COMPANY, None, PUBLIC,
     ["Konzeptverfahren"], [], DEMO_NOTE),
    ("Genossenschaft Werkhof Friedrichshain eG", "Werkhof", Sector.COMMON_GOOD_ECONOMY, LegalForm.COOPERATIVE,
     None, PUBLIC, ["Genossenschaften", "Gewerbemieten"], [], DEMO_NOTE),
    ("Hausverein Samariterkiez", "", Sector.COMMON_GOOD_ECONOMY, LegalForm.SYNDICATE, None, TEAM,
     ["Vorkaufsrecht"], [], DEMO_NOTE),
    # Administration-internal: a buyer in a pre-emption case.
    ("Projektgesellschaft Spreeblick GmbH", "", Sector.OTHER, LegalForm.COMPANY, None, INTERNAL,
     ["Vorkaufsrecht"], [], DEMO_NOTE),
]

# given, family, title, visibility, account e-mail, [(organisation, kind, function, since)],
# [(contact kind, value, context, visibility)], topics
PEOPLE = [
    ("Jana", "Brandt", "", TEAM, "intern@gemeinwohl.example",
     [("Büro des Bezirksstadtrats für Stadtentwicklung", AffiliationKind.WORKS_AT, "AKS-Team, verwaltungsintern", 2020),
      ("AKS Gemeinwohl", AffiliationKind.MEMBER_OF, "Koordination", 2020)],
     [(ContactKind.EMAIL, "intern@gemeinwohl.example", ContactContext.WORK, TEAM)], ["Vorkaufsrecht"]),
    ("Murat", "Yıldız", "", TEAM, "murat.yildiz@gemeinwohl.example",
     [("Stadtentwicklungsamt", AffiliationKind.WORKS_AT, "AKS-Team, verwaltungsintern", 2021),
      ("AKS Gemeinwohl", AffiliationKind.MEMBER_OF, "Bodenpolitik", 2021)],
     [(ContactKind.EMAIL, "murat.yildiz@gemeinwohl.example", ContactContext.WORK, TEAM)], ["Konzeptverfahren"]),
    ("Lea", "Hoffmann", "", TEAM, "extern@gemeinwohl.example",
     [("Gemeinwohlorientierte Stadtentwicklung e.V.", AffiliationKind.WORKS_AT, "AKS-Team", 2019),
      ("AKS Gemeinwohl", AffiliationKind.MEMBER_OF, "Gremienarbeit", 2019)],
     [(ContactKind.EMAIL, "extern@gemeinwohl.example", ContactContext.WORK, TEAM),
      (ContactKind.MOBILE, "+49 170 0000001", ContactContext.PRIVATE, TEAM)], ["Beteiligung"]),
    ("Tobias", "Krüger", "", TEAM, "tobias.krueger@gemeinwohl.example",
     [("Gemeinwohlorientierte Stadtentwicklung e.V.", AffiliationKind.WORKS_AT, "AKS-Team", 2020),
      ("AKS Gemeinwohl", AffiliationKind.MEMBER_OF, "Veranstaltungen", 2020)],
     [(ContactKind.EMAIL, "tobias.krueger@gemeinwohl.example", ContactContext.WORK, TEAM)], ["Kultur"]),
    ("Samira", "Haddad", "", TEAM, "samira.haddad@gemeinwohl.example",
     [("Gemeinwohlorientierte Stadtentwicklung e.V.", AffiliationKind.WORKS_AT, "AKS-Team", 2022),
      ("AKS Gemeinwohl", AffiliationKind.MEMBER_OF, "Beratung", 2022)],
     [(ContactKind.EMAIL, "samira.haddad@gemeinwohl.example", ContactContext.WORK, TEAM)], ["Raumsicherung"]),
    ("Friedrich", "Lenz", "Dr.", PUBLIC, "bezirksamt@gemeinwohl.example",
     [("Büro des Bezirksstadtrats für Stadtentwicklung", AffiliationKind.SPEAKS_FOR,
       "Bezirksstadtrat für Stadtentwicklung", 2021)],
     [(ContactKind.EMAIL, "bezirksamt@gemeinwohl.example", ContactContext.WORK, PUBLIC),
      (ContactKind.PHONE, "+49 30 90298-0000", ContactContext.WORK, TEAM)], ["Vorkaufsrecht", "Milieuschutz"]),
    ("Petra", "Schulze", "", TEAM, "petra.schulze@gemeinwohl.example",
     [("Stadtentwicklungsamt", AffiliationKind.WORKS_AT, "Fachbereich Stadtplanung", 2015)],
     [(ContactKind.EMAIL, "petra.schulze@gemeinwohl.example", ContactContext.WORK, TEAM)], ["Milieuschutz"]),
    ("Henrik", "Sommer", "", TEAM, None,
     [("Amt für Soziales", AffiliationKind.WORKS_AT, "Sozialplanung", 2018)],
     [(ContactKind.EMAIL, "henrik.sommer@bezirksamt.example", ContactContext.WORK, TEAM)], []),
    ("Aylin", "Demir", "", TEAM, None,
     [("Straßen- und Grünflächenamt", AffiliationKind.WORKS_AT, "Freiraumplanung", 2019)],
     [(ContactKind.EMAIL, "aylin.demir@bezirksamt.example", ContactContext.WORK, TEAM)], ["Grün und Freiraum"]),
    ("Konstantin", "Weber", "", TEAM, None,
     [("Sozialraumorientierte Planungskoordination", AffiliationKind.WORKS_AT, "Koordinator AG Planung", 2017)],
     [(ContactKind.EMAIL, "konstantin.weber@bezirksamt.example", ContactContext.WORK, TEAM)], ["Beteiligung"]),
    ("Mira", "Albrecht", "", TEAM, None,
     [("LokalBau Plattform", AffiliationKind.WORKS_AT, "Netzwerkkoordination", 2019)],
     [(ContactKind.EMAIL, "mira.albrecht@lokalbau.example", ContactContext.WORK, TEAM)], ["Genossenschaften"]),
    ("Kim", "Nowak", "", TEAM, "initiative@gemeinwohl.example",
     [("Initiative Wrangelkiez bleibt", AffiliationKind.SPEAKS_FOR, "Sprecherin", 2021)],
     [(ContactKind.EMAIL, "initiative@gemeinwohl.example", ContactContext.WORK, TEAM),
      (ContactKind.MOBILE, "+49 151 0000002", ContactContext.PRIVATE, TEAM)], ["Milieuschutz"]),
    ("Jonas", "Richter", "", TEAM, None,
     [("Mieter*innengemeinschaft Oranienhof", AffiliationKind.MEMBER_OF, "", 2022)],
     [(ContactKind.EMAIL, "jonas.richter@mail.example", ContactContext.PRIVATE, TEAM)], ["Vorkaufsrecht"]),
    ("Sophie", "Lange", "", TEAM, None,
     [("Kiezladen Boxhagener Eck e.V.", AffiliationKind.SPEAKS_FOR, "Vorstand", 2018)],
     [(ContactKind.EMAIL, "sophie.lange@kiezladen.example", ContactContext.WORK, TEAM)], ["Gewerbemieten"]),
    ("Emil", "Fischer", "", TEAM, None,
     [("Stadtteilgarten Spreeufer e.V.", AffiliationKind.MEMBER_OF, "", 2020)],
     [(ContactKind.PHONE, "+49 30 7654321", ContactContext.PRIVATE, TEAM)], ["Grün und Freiraum"]),
    ("Nadia", "Hamdan", "", TEAM, None,
     [("Nachbarschaftshaus Rudolfkiez e.V.", AffiliationKind.WORKS_AT, "Geschäftsführung", 2016)],
     [(ContactKind.EMAIL, "n.hamdan@nachbarschaftshaus.example", ContactContext.WORK, TEAM)], ["Raumsicherung"]),
    ("Paul", "Schmidt", "", TEAM, None,
     [("Kulturraum Markthalle Süd", AffiliationKind.SPEAKS_FOR, "", 2023)],
     [(ContactKind.EMAIL, "paul@markthalle-sued.example", ContactContext.WORK, TEAM)], ["Kultur"]),
    ("Greta", "Wolf", "", PUBLIC, None,
     [("Wohnungsgenossenschaft Kreuzberger Höfe eG", AffiliationKind.WORKS_AT, "Vorstand", 2014)],
     [(ContactKind.EMAIL, "vorstand@kreuzberger-hoefe.example", ContactContext.WORK, PUBLIC)], ["Genossenschaften"]),
    ("Ben", "Kaya", "", TEAM, None,
     [("Hausprojekt Lenaustraße", AffiliationKind.MEMBER_OF, "", 2019)],
     [(ContactKind.EMAIL, "ben.kaya@mail.example", ContactContext.PRIVATE, TEAM)], ["Erbbaurecht"]),
    ("Clara", "Neumann", "Prof. Dr.", PUBLIC, None,
     [("Stiftung Boden für Alle", AffiliationKind.SPEAKS_FOR, "Stiftungsrat", 2017)],
     [(ContactKind.EMAIL, "c.neumann@boden-fuer-alle.example", ContactContext.WORK, TEAM)], ["Erbbaurecht"]),
    ("Felix", "Braun", "", TEAM, None,
     [("Gemeinwohl-Bau gGmbH", AffiliationKind.WORKS_AT, "Projektentwicklung", 2021)],
     [(ContactKind.EMAIL, "felix.braun@gemeinwohl-bau.example", ContactContext.WORK, TEAM)], ["Konzeptverfahren"]),
    ("Lina", "Petrović", "", TEAM, None,
     [("Genossenschaft Werkhof Friedrichshain eG", AffiliationKind.WORKS_AT, "Vorstand", 2020)],
     [(ContactKind.EMAIL, "lina@werkhof.example", ContactContext.WORK, TEAM)], ["Gewerbemieten"]),
    ("Oskar", "Vogel", "", TEAM, None,
     [("Hausverein Samariterkiez", AffiliationKind.MEMBER_OF, "", 2022)],
     [(ContactKind.EMAIL, "oskar.vogel@mail.example", ContactContext.PRIVATE, TEAM)], ["Vorkaufsrecht"]),
    ("Ursula", "König", "", PUBLIC, None,
     [("BVV-Ausschuss für Stadtentwicklung", AffiliationKind.MEMBER_OF, "Ausschussvorsitzende", 2021)],
     [(ContactKind.EMAIL, "u.koenig@bvv.example", ContactContext.WORK, PUBLIC)], ["Milieuschutz"]),
    # Administration-internal: the managing director of the buyer in a pre-emption case.
    ("Rainer", "Stolz", "", INTERNAL, None,
     [("Projektgesellschaft Spreeblick GmbH", AffiliationKind.SPEAKS_FOR, "Geschäftsführer", 2020)],
     [(ContactKind.EMAIL, "r.stolz@spreeblick.example", ContactContext.WORK, INTERNAL)], ["Vorkaufsrecht"]),
]

NOTES = [
    ("Hausprojekt Lenaustraße", None, "Sucht Unterstützung für einen Erbbaurechtsvertrag; Kontakt über Ben Kaya.", TEAM),
    ("Hausverein Samariterkiez", None,
     "Das Stadtentwicklungsamt prüft für das Haus die Ausübung des Vorkaufsrechts. Vertraulich, nicht an Dritte "
     "weitergeben.", INTERNAL),
    (None, ("Kim", "Nowak"), "Möchte beim nächsten Netzwerktreffen über den Milieuschutz im Wrangelkiez berichten.", TEAM),
]

CONSENTS = [
    (("Friedrich", "Lenz"), ConsentPurpose.PUBLIC_LISTING, ConsentMethod.EMAIL),
    (("Greta", "Wolf"), ConsentPurpose.PUBLIC_LISTING, ConsentMethod.WRITTEN),
    (("Ursula", "König"), ConsentPurpose.PUBLIC_LISTING, ConsentMethod.EMAIL),
    (("Clara", "Neumann"), ConsentPurpose.PUBLIC_LISTING, ConsentMethod.WRITTEN),
    (("Kim", "Nowak"), ConsentPurpose.CONTACT, ConsentMethod.ONLINE),
    (("Kim", "Nowak"), ConsentPurpose.NEWSLETTER, ConsentMethod.ONLINE),
    (("Sophie", "Lange"), ConsentPurpose.CONTACT, ConsentMethod.EVENT),
    (("Jonas", "Richter"), ConsentPurpose.CONTACT, ConsentMethod.ORAL),
]

# fmt: on


def load(*, accounts) -> dict[str, int]:
    """Create what is missing of the demo address book; existing entries are left as they are."""
    editor = accounts["intern@gemeinwohl.example"]
    topics = {name: actions.topic_get_or_create(name=name) for name in TOPICS}

    organisations = {o.name: o for o in Organisation.objects.all()}
    for name, short, sector, legal_form, parent, level, topic_names, contacts, description in ORGANISATIONS:
        if name in organisations:
            continue
        organisations[name] = actions.organisation_create(
            by=editor,
            data=OrganisationInput(
                name=name,
                short_name=short,
                sector=sector,
                legal_form=legal_form,
                parent=organisations[parent] if parent else None,
                description=description,
                visibility=level,
                topics=[topics[t] for t in topic_names],
            ),
            contacts=[ContactInput(kind=kind, value=value, visibility=level) for kind, value in contacts],
        )

    people = {(p.given_name, p.family_name): p for p in Person.objects.all()}
    for given, family, title, level, email, affiliations, contacts, topic_names in PEOPLE:
        if (given, family) in people:
            continue
        person = actions.person_create(
            by=editor,
            data=PersonInput(
                given_name=given,
                family_name=family,
                title=title,
                visibility=level,
                topics=[topics[t] for t in topic_names],
            ),
            contacts=[
                ContactInput(kind=kind, value=value, context=context, visibility=max(contact_level, level))
                for kind, value, context, contact_level in contacts
            ],
            affiliations=[
                AffiliationInput(
                    organisation=organisations[organisation],
                    kind=kind,
                    function=function,
                    start_date=datetime.date(since, 1, 1),
                    visibility=max(level, organisations[organisation].visibility),
                )
                for organisation, kind, function, since in affiliations
            ],
        )
        if email:
            actions.person_link_account(person=person, account=accounts[email], by=editor)
        people[(given, family)] = person

        for _organisation, person_key, text, level in NOTES:
            if person_key == (given, family):
                actions.note_add(entry=person, text=text, visibility=level, by=editor)
        for person_key, purpose, method in CONSENTS:
            if person_key == (given, family):
                actions.consent_record(
                    person=person,
                    consent_text=ConsentText.objects.filter(purpose=purpose).latest("valid_from"),
                    granted=True,
                    given_on=datetime.date(2025, 3, 1),
                    method=method,
                    by=editor,
                )

    for organisation_name, _person, text, level in NOTES:
        if organisation_name and not organisations[organisation_name].notes.exists():
            actions.note_add(entry=organisations[organisation_name], text=text, visibility=level, by=editor)

    return {"organisations": len(organisations), "people": len(people)}
