"""Markdown from users becomes HTML that cannot run script or lead to javascript: links."""

import re
from html.parser import HTMLParser

import pytest

from gemeinwohl.core.text import ALLOWED_TAGS, render_markdown

DANGEROUS = [
    '<script>alert("x")</script>',
    "<SCRIPT SRC=https://boese.example/x.js></SCRIPT>",
    "[Klick](javascript:alert(1))",
    "[Klick](JaVaScRiPt:alert(1))",
    "[Klick](java\tscript:alert(1))",
    '<a href="java\tscript:alert(1)">Klick</a>',
    '<a href="java&#9;script:alert(1)">Klick</a>',
    '<a href=" \x01javascript:alert(1)">Klick</a>',
    "[Klick](&#106;avascript:alert(1))",
    '<a href="javascript:alert(1)">Klick</a>',
    '<a href="&#x6A;avascript:alert(1)">Klick</a>',
    "[Klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[Klick][ref]\n\n[ref]: javascript:alert(1)",
    '<https://ok.example/"onmouseover="alert(1)>',
    '<img src="x" onerror="alert(1)">',
    '<p onclick="alert(1)">Text</p>',
    '<iframe src="https://boese.example/"></iframe>',
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    '<form action="https://boese.example/"><input name="passwort"></form>',
    '<a href="https://ok.example/" style="position:fixed" onmouseover="alert(1)">Klick</a>',
]


class Elements(HTMLParser):
    """Every element of a piece of HTML with its attributes, as a browser would read them."""

    def __init__(self, fragment: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(fragment)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def scheme_of(href: str) -> str | None:
    """The scheme a browser would follow for ``href`` (None: a relative link), per the URL standard."""
    url = re.sub(r"[\t\n\r]", "", href).strip("".join(map(chr, range(0x21))))
    match = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return match.group(1).lower() if match else None


@pytest.mark.parametrize("source", DANGEROUS)
def test_nothing_executable_survives(source):
    rendered = str(render_markdown(source))

    for tag, attrs in Elements(rendered).found:
        assert tag in ALLOWED_TAGS
        assert set(attrs) <= {"href", "title", "rel"}
        assert scheme_of(attrs.get("href") or "") in {None, "http", "https", "mailto", "tel"}, attrs
    assert "<script" not in rendered.lower()


def test_safe_markdown_is_kept():
    source = (
        "# Titel\n\n## Abschnitt\n\n**fett** und _kursiv_\n\n- eins\n- zwei\n\n"
        "[Bezirksamt](https://www.berlin.de/ba-friedrichshain-kreuzberg/) · "
        "[Mail](mailto:aks@gemeinwohl.example) · [Telefon](tel:+49301234567)\n\n"
        "| Spalte | Wert |\n|---|---|\n| a | 1 |"
    )

    rendered = str(render_markdown(source))

    assert "<strong>fett</strong> und <em>kursiv</em>" in rendered
    assert "<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>" in rendered
    assert '<a href="https://www.berlin.de/ba-friedrichshain-kreuzberg/" rel="noopener noreferrer">Bezirksamt</a>' in (
        rendered
    )
    assert 'href="mailto:aks@gemeinwohl.example"' in rendered
    assert 'href="tel:+49301234567"' in rendered
    assert "<td>a</td>" in rendered


def test_headings_start_below_the_page_title():
    rendered = str(render_markdown("# Eins\n\n## Zwei\n\n### Drei"))

    assert "<h1" not in rendered
    assert "<h2>Eins</h2>" in rendered
    assert "<h3>Zwei</h3>" in rendered
    assert "<h4>Drei</h4>" in rendered


def test_text_of_removed_tags_stays_readable():
    rendered = str(render_markdown('<span style="color:red">Hinweis</span> <b>wichtig</b>'))

    assert "Hinweis" in rendered
    assert "wichtig" in rendered
    assert "<span" not in rendered


@pytest.mark.parametrize("empty", ["", None])
def test_empty_text(empty):
    assert str(render_markdown(empty)) == ""
