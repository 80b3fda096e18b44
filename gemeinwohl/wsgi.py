"""WSGI entry point, e.g. for `gunicorn gemeinwohl.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gemeinwohl.settings.production")

application = get_wsgi_application()
