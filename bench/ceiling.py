"""The ceiling: a bare Django view that answers with a given number of bytes.

gunicorn serves it as ``bench.ceiling:application`` with the platform's own
settings and middleware (sessions, locale, CSRF, auth, messages), but with a
URLconf of its own and a view that touches no database and renders no
template. ``GET /__bench__/ceiling/<size>/`` answers ``<size>`` bytes of HTML.
Measured with the same clients as a page of the same size, it shows what the
server, Django's request cycle and the benchmark's clients cost on their own:
the fastest that page could possibly be on this machine.

The platform's URLs are not touched: this is a second WSGI application.
"""

import functools
import os

import django
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.urls import path

PREFIX = "/__bench__/ceiling/"
MAX_SIZE = 64 * 1024 * 1024


def ceiling_path(size: int) -> str:
    return f"{PREFIX}{size}/"


@functools.cache
def _body(size: int) -> bytes:
    return b"x" * size


def ceiling(request, size: int):
    return HttpResponse(_body(min(size, MAX_SIZE)), content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench__/ceiling/<int:size>/", ceiling)]


class CeilingHandler(WSGIHandler):
    """Django's WSGI handler, resolving every request against this module's URLconf."""

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gemeinwohl.settings.base")
django.setup(set_prefix=False)
application = CeilingHandler()
