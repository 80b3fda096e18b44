"""The address book's table format, shared by CSV/XLSX export and CSV import.

A file exported from the address book can be imported again: the same
columns, the same words for sectors, relations and visibility levels.
"""

from django.utils import translation

# The guard against formulas is every export's; the address book's import undoes it.
from gemeinwohl.core.spreadsheets import protect_cell, unprotect_cell  # noqa: F401
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import AffiliationKind, LegalForm, Sector

PERSON_COLUMNS = [
    "Nachname",
    "Vorname",
    "Titel",
    "Pronomen",
    "E-Mail",
    "Telefon",
    "Organisation",
    "Beziehung",
    "Funktion",
    "Themen",
    "Sichtbarkeit",
]
ORGANISATION_COLUMNS = [
    "Name",
    "Kurzname",
    "Sektor",
    "Rechtsform",
    "Teil von",
    "Website",
    "E-Mail",
    "Telefon",
    "Anschrift",
    "Themen",
    "Sichtbarkeit",
]
REQUIRED_COLUMNS = {"personen": ["Nachname"], "organisationen": ["Name", "Sektor"]}
COLUMNS = {"personen": PERSON_COLUMNS, "organisationen": ORGANISATION_COLUMNS}

TOPIC_SEPARATOR = ","


def _lookup(choices, extra=None) -> dict[str, str]:
    """Map each key and each German label (lower-cased) to the key.

    Built in German whatever language is active when this module is first
    imported: files speak German, whoever imports them.
    """
    table = {}
    with translation.override("de"):
        for key, label in choices:
            table[str(key).lower()] = key
            table[str(label).lower()] = key
    table.update(extra or {})
    return table


SECTOR_WORDS = _lookup(
    Sector.choices,
    {
        "zivilgesellschaft": Sector.CIVIL_SOCIETY,
        "initiative": Sector.CIVIL_SOCIETY,
        "gemeinwohlwirtschaft": Sector.COMMON_GOOD_ECONOMY,
        "gemeinwohlorientierte wirtschaft": Sector.COMMON_GOOD_ECONOMY,
    },
)
LEGAL_FORM_WORDS = _lookup(LegalForm.choices)
AFFILIATION_WORDS = _lookup(AffiliationKind.choices)
VISIBILITY_WORDS = _lookup(Visibility.choices, {"intern": Visibility.INTERNAL, "public": Visibility.PUBLIC})


def visibility_label(level: int) -> str:
    return str(Visibility(level).label)
