"""Reading a rendered page the way a person does, for tests of every app."""

import html
import re


def text(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def h1(response) -> str:
    return text(re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1))


def main(response) -> str:
    return re.search(r"<main[^>]*>(.*?)</main>", response.content.decode(), re.S).group(1)


def field_error(page: str, field: str) -> str:
    """The error shown next to form field ``field``; fails unless the field is marked invalid and points to it."""
    tag = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="id_{field}"[^>]*>', page)
    assert tag, f"no field {field}"
    assert 'aria-invalid="true"' in tag.group(0)
    described_by = re.search(r'aria-describedby="([^"]*)"', tag.group(0))
    assert described_by and f"id_{field}_error" in described_by.group(1).split()
    errors = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.S)
    assert errors, f"no error list for {field}"
    return text(errors.group(1))
