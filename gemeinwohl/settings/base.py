"""Settings read from the environment (django-environ).

Nothing set gives a working local installation: an SQLite file, mail to the
console, files on local disk. Production overrides live in ``production.py``.
"""

import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
APPS_DIR = BASE_DIR / "gemeinwohl"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# The fallback key is for a local demo only; production.py refuses to start without one.
SECRET_KEY = env("SECRET_KEY", default="") or "insecure-local-only-key-do-not-use-in-production-0123456789"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "gemeinwohl.core",
    "gemeinwohl.accounts",
    "gemeinwohl.directory",
    "gemeinwohl.committees",
    "gemeinwohl.advice",
    "gemeinwohl.events",
    "gemeinwohl.places",
    "gemeinwohl.landpolicy",
    "gemeinwohl.oparl",
    "gemeinwohl.api",
    "ninja",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "gemeinwohl.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gemeinwohl.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Second factor: django-otp tells whether the session is verified, ours sends those who
    # still need to verify (or set up) their second factor there.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gemeinwohl.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a login refused for too many failures into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gemeinwohl.urls"
WSGI_APPLICATION = "gemeinwohl.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [APPS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gemeinwohl.core.context_processors.site",
            ],
        },
    },
]
# Our own form templates (error messages tied to their fields) override Django's.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Keep PostgreSQL connections open between requests: a new connection costs more than a page.
# (SQLite opens a file; runserver's thread per request would only leak the handles.)
_sqlite = DATABASES["default"]["ENGINE"].endswith("sqlite3")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if _sqlite else 60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    # Our accounts have "name" instead of Django's first_name/last_name.
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["email", "name"]},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: forms (HTMX's too) send the hidden field, the API docs page
# takes the token from a data attribute of its body.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browser features no page uses (gemeinwohl.core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [APPS_DIR / "locale"]
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [APPS_DIR / "static"]
# Uploaded files live outside the web root and are only ever served by views
# that check who is asking; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps, so that `make run` needs no collectstatic.
WHITENOISE_USE_FINDERS = True
warnings.filterwarnings("ignore", message="No directory at: ")

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="AKS Gemeinwohl <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=5 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every step of a PDF at INFO; only its warnings matter.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes reports every login at INFO; failures and locks come as warnings.
        "axes": {"level": "WARNING"},
    },
}

# --- Gemeinwohl ----------------------------------------------------------
SITE_NAME = env("SITE_NAME", default="AKS Gemeinwohl")
# The platform's public address, for links in mails and the UIDs of calendar events.
# Set it before going live and keep it: calendars tell events apart by it.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Address-book CSV imports larger than this are refused before they are read.
DIRECTORY_IMPORT_MAX_BYTES = env.int("DIRECTORY_IMPORT_MAX_BYTES", default=2 * 1024 * 1024)
DIRECTORY_PAGE_SIZE = env.int("DIRECTORY_PAGE_SIZE", default=50)
# Password of the demo accounts created by `manage.py load_demo` (demo only).
DEMO_PASSWORD = env("DEMO_PASSWORD", default="gemeinwohl-demo")
# Two-factor login (django-otp): a TOTP authenticator app plus single-use recovery codes. Required for
# administrators, the AKS team and Bezirksamt staff; registered users may switch it on.
# The name authenticator apps list the account under:
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default=SITE_NAME)
# After each wrong code the next try waits 1, 2, 4, 8 … seconds (per device), reset by a right one.
OTP_TOTP_THROTTLE_FACTOR = env.int("OTP_TOTP_THROTTLE_FACTOR", default=1)
OTP_STATIC_THROTTLE_FACTOR = env.int("OTP_STATIC_THROTTLE_FACTOR", default=1)
# Secrets stay out of django-otp's own admin pages (which only administrators could see anyway).
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The one TOTP secret (base32) the demo team, Bezirksamt and admin accounts are enrolled with (demo only):
# `oathtool --totp -b <secret>` or any authenticator app gives their codes.
DEMO_TOTP_SECRET = env("DEMO_TOTP_SECRET", default="GEMEINWOHLDEMO2FAKREUZBERG234567")
# The body (Körperschaft) the OParl interface describes: this installation.
OPARL_BODY_NAME = env("OPARL_BODY_NAME", default="AKS Gemeinwohl Friedrichshain-Kreuzberg")
OPARL_BODY_SHORT_NAME = env("OPARL_BODY_SHORT_NAME", default="AKS Gemeinwohl")
OPARL_AGS = env("OPARL_AGS", default="11000002")  # Amtlicher Gemeindeschlüssel: Friedrichshain-Kreuzberg
OPARL_BODY_WEBSITE = env("OPARL_BODY_WEBSITE", default="")  # default: SITE_URL
OPARL_CONTACT_EMAIL = env("OPARL_CONTACT_EMAIL", default="")
OPARL_CONTACT_NAME = env("OPARL_CONTACT_NAME", default="AKS Gemeinwohl")
OPARL_PAGE_SIZE = env.int("OPARL_PAGE_SIZE", default=100)
# Largest request body the JSON API accepts.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=1024 * 1024)
# Largest document attached to a meeting or agenda item.
COMMITTEES_DOCUMENT_MAX_BYTES = env.int("COMMITTEES_DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
# Advice: files a requester or the team attach to a case, and how often one address may send requests.
ADVICE_DOCUMENT_MAX_BYTES = env.int("ADVICE_DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
LANDPOLICY_DOCUMENT_MAX_BYTES = env.int("LANDPOLICY_DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
ADVICE_TEXT_MAX_CHARS = env.int("ADVICE_TEXT_MAX_CHARS", default=10_000)
ADVICE_REQUEST_RATE = env("ADVICE_REQUEST_RATE", default="5/h")
# Events: photos and files of the documentation, and how often one address may register.
EVENTS_PHOTO_MAX_BYTES = env.int("EVENTS_PHOTO_MAX_BYTES", default=8 * 1024 * 1024)
EVENTS_FILE_MAX_BYTES = env.int("EVENTS_FILE_MAX_BYTES", default=20 * 1024 * 1024)
EVENTS_REGISTRATION_RATE = env("EVENTS_REGISTRATION_RATE", default="10/h")
# Places: the map's tile server (a URL template such as https://tile.example.org/{z}/{x}/{y}.png and its
# attribution); empty: no tiles, the map shows the area outlines on a plain background. How often one
# address may propose a place.
PLACES_TILE_URL = env("PLACES_TILE_URL", default="")
PLACES_TILE_ATTRIBUTION = env("PLACES_TILE_ATTRIBUTION", default="")
PLACES_PROPOSAL_RATE = env("PLACES_PROPOSAL_RATE", default="5/h")
# Behind a reverse proxy, the header that carries the visitor's address for rate limits
# (e.g. HTTP_X_REAL_IP); REMOTE_ADDR when nothing is set.
if env("RATELIMIT_IP_META_KEY", default=""):
    RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY")


def _origin(url_template: str) -> str:
    """The origin of a tile URL template; Leaflet's {s} subdomains become a wildcard."""
    parts = urlsplit(url_template.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}"


# --- Content-Security-Policy (django-csp) ------------------------------------
# One strict policy everywhere, development and tests included, so that the browser tests catch
# any inline script or style. Leaflet positions tiles and markers through the CSSOM (element.style),
# which style-src does not restrict. The API docs page has its own policy (gemeinwohl.api.endpoints).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_origin(PLACES_TILE_URL)] if PLACES_TILE_URL else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Login throttling (django-axes) ------------------------------------------
# After LOGIN_FAILURE_LIMIT failed logins the account (the e-mail address typed) and, separately,
# the visitor's address are locked for LOGIN_LOCKOUT_MINUTES; an administrator can unlock earlier.
# See gemeinwohl.accounts.throttling.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Attempts during a lock are refused unseen: hammering at a locked account must not keep its
# holder locked out for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login clears that account's failures only (the handler), not those of its address.
AXES_RESET_ON_SUCCESS = False
AXES_HANDLER = "gemeinwohl.accounts.throttling.LoginThrottleHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "gemeinwohl.accounts.throttling.attempted_account"
AXES_CLIENT_IP_CALLABLE = "gemeinwohl.accounts.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "gemeinwohl.accounts.throttling.lockout_response"
# No record of every successful login (address, browser): only failures are kept, until they expire.
AXES_DISABLE_ACCESS_LOG = True
# No banner on every manage.py command; failures and locks are still logged (addresses and accounts masked).
AXES_VERBOSE = False
