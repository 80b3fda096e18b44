"""The main navigation as a grid: each role sees exactly the sections it can use."""

import html
import re

import pytest

from gemeinwohl.core import navigation

pytestmark = pytest.mark.django_db

# role -> the labels of the main navigation, and the account link in the header
TEAM = [
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
GRID = {
    "anonymous": (["Start", "Gremien", "Veranstaltungen", "Orte", "Beratung"], "Anmelden"),
    "registered": (["Start", "Übersicht", "Gremien", "Veranstaltungen", "Orte", "Beratung"], "Abmelden"),
    "bezirksamt": (
        ["Start", "Übersicht", "Gremien", "Veranstaltungen", "Orte", "Bodenpolitik", "Beratung", "Beratungsfälle"],
        "Abmelden",
    ),
    "team_external": (TEAM, "Abmelden"),
    "team_internal": (TEAM, "Abmelden"),
    "admin": (TEAM, "Abmelden"),
}


def header(page: str) -> str:
    return re.search(r'<header class="site-header">(.*?)</header>', page, re.S).group(1)


def nav_labels(page: str) -> list[str]:
    nav = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', page, re.S).group(1)
    return [html.unescape(label).strip() for label in re.findall(r"<a [^>]*>(.*?)</a>", nav)]


@pytest.mark.parametrize("role", GRID)
def test_navigation_per_role(client_as, role):
    labels, account_action = GRID[role]

    page = client_as(role).get("/").content.decode()

    assert nav_labels(page) == labels
    assert account_action in header(page)
    assert ({"Anmelden", "Abmelden"} - {account_action}).pop() not in header(page)


@pytest.mark.parametrize("role", [r for r in GRID if r != "anonymous"])
def test_every_navigation_entry_opens(client_as, role):
    client = client_as(role)
    page = client.get("/").content.decode()
    nav = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', page, re.S).group(1)

    for url in re.findall(r'<a href="([^"]+)"', nav):
        assert client.get(url, follow=True).status_code == 200, url


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "Start"),
        ("/uebersicht/", "Übersicht"),
        ("/seiten/impressum/", None),
        ("/beratung/", "Beratung"),
        # Within the other entry's address, only the closer one is current.
        ("/beratung/faelle/", "Beratungsfälle"),
        ("/veranstaltungen/", "Veranstaltungen"),
        ("/veranstaltungen/planung/", "Veranstaltungsplanung"),
        ("/boden/vorkauf/fristen/", "Bodenpolitik"),
    ],
)
def test_current_section_is_marked(client_as, path, current):
    page = client_as("team_internal").get(path).content.decode()

    nav = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', page, re.S).group(1)
    marked = [html.unescape(label) for label in re.findall(r'<a [^>]*aria-current="page"[^>]*>(.*?)</a>', nav)]
    assert marked == ([current] if current else [])


def test_entries_are_ordered_and_filtered_by_permission(users):
    entries = navigation.entries_for(users["team_external"], "/adressbuch/personen/")

    assert [(e["key"], e["current"]) for e in entries] == [
        ("home", False),
        ("dashboard", False),
        ("committees", False),
        ("events_calendar", False),
        ("events_manage", False),
        ("places", False),
        ("landpolicy", False),
        ("advice_request", False),
        ("advice_cases", False),
        ("directory", True),
    ]
    assert [e["key"] for e in navigation.entries_for(users["anonymous"], "/")] == [
        "home",
        "committees",
        "events_calendar",
        "places",
        "advice_request",
    ]
