"""The English catalogue: complete, consistent with its sources, compiled, and used by the interface.

German is the source language (the msgids); English is the one translation,
in ``gemeinwohl/locale/en``. The compiled ``django.mo`` is committed, so that
no gettext tools are needed at run time; these tests notice when it lags
behind the ``django.po``.

No literal string is passed to a gettext function here: ``make messages``
scans this file too.
"""

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from gemeinwohl.core.tests.pages import h1, text

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO_FILE = CATALOGUE / "django.po"
MO_FILE = CATALOGUE / "django.mo"

# Python's %-format placeholders: %(name)s, %s, %d, …; "%%" is a literal percent sign.
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # singular entries use index 0
    flags: set[str] = field(default_factory=set)

    def __str__(self):
        return f"django.po line {self.line}: {self.msgid!r}"

    @property
    def mo_key(self):
        """How the compiled catalogue (``GNUTranslations._catalog``) files this entry."""
        msgid = self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"
        return msgid if self.msgid_plural is None else (msgid, 0)


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header included; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    entry, target = None, None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, target = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if target == "msgctxt":
                entry.msgctxt += value
            elif target == "msgid":
                entry.msgid += value
            elif target == "msgid_plural":
                entry.msgid_plural += value
            else:
                entry.msgstr[target] += value
        else:
            keyword, _space, quoted = line.partition(" ")
            value = ast.literal_eval(quoted)
            if keyword == "msgctxt":
                target, entry.msgctxt = "msgctxt", value
            elif keyword == "msgid":
                target, entry.msgid = "msgid", value
            elif keyword == "msgid_plural":
                target, entry.msgid_plural = "msgid_plural", value
            elif keyword == "msgstr":
                target, entry.msgstr[0] = 0, value
            elif match := re.fullmatch(r"msgstr\[(\d+)\]", keyword):
                target = int(match.group(1))
                entry.msgstr[target] = value
            else:
                raise AssertionError(f"django.po line {number}: cannot read {raw!r}")
    return entries


def placeholders(message: str) -> Counter:
    return Counter(PLACEHOLDER.findall(message))


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    assert PO_FILE.is_file(), f"{PO_FILE} is missing: run `make messages`"
    return read_po(PO_FILE)


@pytest.fixture(scope="module")
def messages(entries) -> list[Entry]:
    """Every entry but the header."""
    return [entry for entry in entries if entry.msgid]


# --- the .po file ----------------------------------------------------------


def test_the_catalogue_declares_english_with_two_plural_forms(entries):
    header = entries[0]
    assert header.msgid == "", "the catalogue must start with its header"
    assert "fuzzy" not in header.flags, "a fuzzy header is left out of the compiled catalogue"
    assert "Language: en\n" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]


def test_the_catalogue_is_not_empty(messages):
    assert len(messages) > 100
    assert len({entry.mo_key for entry in messages}) == len(messages), "duplicate msgids"


def test_every_entry_is_translated_and_none_is_fuzzy(messages):
    fuzzy = [str(entry) for entry in messages if "fuzzy" in entry.flags]
    untranslated = [str(entry) for entry in messages if not entry.msgstr or not all(entry.msgstr.values())]
    assert not fuzzy, "fuzzy entries:\n" + "\n".join(fuzzy)
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)


def test_plural_entries_have_both_english_forms(messages):
    plural = [entry for entry in messages if entry.msgid_plural is not None]
    assert plural, "the catalogue is expected to hold plural entries"
    for entry in plural:
        assert sorted(entry.msgstr) == [0, 1], f"{entry}: needs msgstr[0] and msgstr[1]"
    assert all(sorted(entry.msgstr) == [0] for entry in messages if entry.msgid_plural is None)


def test_placeholders_match_between_msgid_and_msgstr(messages):
    wrong = []
    for entry in messages:
        if entry.msgid_plural is None:
            pairs = [(entry.msgid, entry.msgstr[0])]
        else:
            pairs = [(entry.msgid, entry.msgstr.get(0, "")), (entry.msgid_plural, entry.msgstr.get(1, ""))]
        for source, translation in pairs:
            if placeholders(source) != placeholders(translation):
                wrong.append(f"{entry}: {sorted(placeholders(source))} ≠ {sorted(placeholders(translation))}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_line_breaks_at_the_ends_match(messages):
    # msgfmt --check-format refuses a msgstr that starts or ends differently from its msgid.
    wrong = [
        str(entry)
        for entry in messages
        for translation in entry.msgstr.values()
        if (entry.msgid.startswith("\n"), entry.msgid.endswith("\n"))
        != (translation.startswith("\n"), translation.endswith("\n"))
    ]
    assert not wrong, "line breaks differ:\n" + "\n".join(wrong)


# --- the compiled .mo file -------------------------------------------------


def load(path: Path) -> gettext.GNUTranslations:
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)


def test_the_compiled_catalogue_is_up_to_date(tmp_path):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed, so the .mo cannot be compared with the .po")
    assert MO_FILE.is_file(), f"{MO_FILE} is missing: run `make messages`"
    fresh = tmp_path / "django.mo"
    # The same call as Django's compilemessages.
    compiled = subprocess.run(  # noqa: S603
        [msgfmt, "--check-format", "-o", str(fresh), str(PO_FILE)], capture_output=True, text=True, check=False
    )
    assert compiled.returncode == 0, f"msgfmt refuses django.po:\n{compiled.stderr}"

    committed, expected = load(MO_FILE), load(fresh)

    assert committed.info() == expected.info()
    stale = sorted(
        str(key)
        for key in committed._catalog.keys() | expected._catalog.keys()
        if committed._catalog.get(key) != expected._catalog.get(key)
    )
    assert not stale, "django.mo differs from django.po (run `make messages`):\n" + "\n".join(stale[:20])
    assert [committed.plural(n) for n in range(3)] == [expected.plural(n) for n in range(3)] == [1, 0, 1]


def test_the_compiled_catalogue_holds_every_entry_of_the_po(messages):
    catalog = load(MO_FILE)._catalog
    missing = [str(entry) for entry in messages if entry.mo_key not in catalog]
    assert not missing, "not in django.mo (run `make messages`):\n" + "\n".join(missing)


# --- the interface in English ----------------------------------------------


def switch_to_english(client, next_url="/"):
    response = client.post("/sprache/", {"language": "en", "next": next_url}, follow=True)
    assert '<html lang="en">' in response.content.decode()
    return response


def navigation(response, label: str) -> list[str]:
    """The link texts of the <nav> with that aria-label."""
    page = response.content.decode()
    nav = re.search(rf'<nav[^>]*aria-label="{re.escape(label)}"[^>]*>(.*?)</nav>', page, re.S)
    assert nav, f"no navigation {label!r}"
    return [text(link) for link in re.findall(r"<a\b[^>]*>(.*?)</a>", nav.group(1), re.S)]


@pytest.mark.django_db
def test_the_public_pages_speak_english_after_the_switch(client):
    response = switch_to_english(client)

    page = response.content.decode()
    assert re.search(r'<a href="/konto/anmelden/"[^>]*>\s*Log in\s*</a>', page)
    assert "Skip to content" in page
    assert navigation(response, "Main navigation") == ["Home", "Committees", "Events", "Places", "Advice"]
    assert navigation(response, "Legal") == ["Legal notice", "Privacy", "Accessibility"]
    assert "What the AKS Gemeinwohl does" in page
    assert "<title>Home – AKS Gemeinwohl</title>" in page
    for german in ("Anmelden", "Impressum", "Hauptnavigation", "Startseite"):
        assert german not in page


@pytest.mark.django_db
def test_a_team_members_overview_speaks_english_after_the_switch(client_as, users):
    client = client_as("team_external")
    switch_to_english(client)

    response = client.get("/uebersicht/")

    assert response.status_code == 200
    assert h1(response) == "Overview"
    assert navigation(response, "Main navigation") == [
        "Home",
        "Overview",
        "Committees",
        "Events",
        "Event planning",
        "Places",
        "Land policy",
        "Advice",
        "Advice cases",
        "Address book",
    ]
    page = response.content.decode()
    assert "Welcome, Testkonto." in text(page)
    assert "Recently changed in the address book" in page
    assert re.search(r"<button[^>]*>\s*Log out\s*</button>", page)


@pytest.mark.django_db
def test_german_stays_the_default(client_as, users):
    response = client_as("team_external").get("/uebersicht/")

    assert h1(response) == "Übersicht"
    assert navigation(response, "Hauptnavigation") == [
        "Start",
        "Übersicht",
        "Gremien",
        "Veranstaltungen",
        "Veranstaltungsplanung",
        "Orte",
        "Bodenpolitik",
        "Beratung",
        "Beratungsfälle",
        "Adressbuch",
    ]


# --- the CSV vocabulary stays German -----------------------------------------


def test_the_import_vocabulary_is_german_even_when_first_loaded_in_english():
    # A fresh interpreter, so that the module is imported for the first time while English is active,
    # as it is when the first request a server process answers comes from an English reader.
    script = (
        "import django; django.setup()\n"
        "from django.utils import translation\n"
        "translation.activate('en')\n"
        "from gemeinwohl.directory import table_format as t\n"
        "assert 'öffentlich' in t.VISIBILITY_WORDS, sorted(t.VISIBILITY_WORDS)\n"
        "assert 'zivilgesellschaft/initiative' in t.SECTOR_WORDS, sorted(t.SECTOR_WORDS)\n"
        "assert 'mitglied von' in t.AFFILIATION_WORDS, sorted(t.AFFILIATION_WORDS)\n"
        "assert 'behörde/amt' in t.LEGAL_FORM_WORDS, sorted(t.LEGAL_FORM_WORDS)\n"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "gemeinwohl.settings.test"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
