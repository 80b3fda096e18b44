"""Absolute links to this installation, for what is written without a request: mails, calendars."""

from django.conf import settings


def site_url(path: str) -> str:
    """``path`` as an absolute address of this installation (``SITE_URL``)."""
    base = getattr(settings, "SITE_URL", "http://127.0.0.1:8000")
    return base.rstrip("/") + path
