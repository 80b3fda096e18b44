"""Agendas and minutes as PDF: HTML templates laid out by WeasyPrint, with nothing fetched from outside.

A committee's PDF says only what its reader may read, so it is rendered per
request from the reader's ``selectors.meeting_get``. WeasyPrint would follow
any URL in the HTML (an image, a stylesheet, a font); here it gets only
``data:`` URIs and files from the platform's own static folder, so a PDF
never reaches the network nor reads other files of the server. Fonts are the
system's (DejaVu Sans, Liberation Sans), never downloaded.
"""

import mimetypes
import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import DataHandler, Request, url2pathname

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from weasyprint.urls import URLFetcher, URLFetcherResponse, path2url

# Tagged PDF with document language and title, for screen readers (PDF/UA-1).
PDF_VARIANT = "pdf/ua-1"


class RefusedResource(ValueError):
    """A PDF asked for something outside the platform's own static files."""


class LocalOnlyFetcher(URLFetcher):
    """Hands WeasyPrint ``data:`` URIs and files below ``roots``; refuses every other address.

    No http(s), ftp or other scheme is ever opened, and ``file:`` addresses
    that lead out of the static folders (``..``, symbolic links, absolute
    paths) are refused like the network.
    """

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
        self.roots = [Path(root).resolve() for root in roots]

    def fetch(self, url, headers=None):
        # Never URLFetcher.fetch: its opener would know how to reach the network.
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            decoded = DataHandler().data_open(Request(url))  # noqa: S310 - only data: URIs, decoded in memory
            return URLFetcherResponse(
                url, body=decoded.read(), headers={"Content-Type": decoded.headers["Content-Type"]}
            )
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})
        raise RefusedResource(f"Nicht geladen (nur eigene, lokale Dateien): {url[:200]}")


def static_roots() -> list[Path]:
    """The platform's own static folders: the only files a PDF may embed."""
    return [Path(folder) for folder in settings.STATICFILES_DIRS]


def css_string(text: str) -> str:
    """``text`` as a CSS string literal that cannot end the string nor the surrounding <style> element."""
    # A hex escape swallows one following space, so every escape brings its own.
    return '"' + "".join(ch if ch.isalnum() or ch in " .,:;-–·" else f"\\{ord(ch):06x} " for ch in text) + '"'


def page_numbers_css() -> SafeString:
    """CSS ``content`` for "Seite x von y" in the reader's language, counters filled in per page."""
    label = _("Seite %(page)s von %(pages)s")
    parts = []
    for piece in re.split(r"(%\(page\)s|%\(pages\)s)", label):
        if piece == "%(page)s":
            parts.append("counter(page)")
        elif piece == "%(pages)s":
            parts.append("counter(pages)")
        elif piece:
            parts.append(css_string(piece))
    return mark_safe(" ".join(parts))  # noqa: S308 - every literal is escaped by css_string


def render_html(template_name: str, context: dict) -> str:
    """The HTML of a PDF: the template with the AKS header and footer of every page."""
    return render_to_string(
        template_name,
        {
            **context,
            "platform_name": settings.SITE_NAME,
            "language": translation.get_language() or settings.LANGUAGE_CODE,
            "created_at": timezone.localtime(),
            "page_numbers": page_numbers_css(),
        },
    )


def layout(html: str) -> weasyprint.Document:
    """Lay out the HTML on A4 pages (the page count and each page's text are known from here on)."""
    roots = static_roots()
    return weasyprint.HTML(
        string=html, base_url=path2url(roots[0]) if roots else None, url_fetcher=LocalOnlyFetcher(roots)
    ).render(pdf_variant=PDF_VARIANT)


def write(document: weasyprint.Document) -> bytes:
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict) -> bytes:
    """A PDF from a template in ``committees/pdf/``, in the active language."""
    return write(layout(render_html(template_name, context)))
