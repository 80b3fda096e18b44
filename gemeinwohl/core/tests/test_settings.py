"""The production settings pass Django's deployment checks, are hardened, and refuse to run without a secret key."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION = "gemeinwohl.settings.production"


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean environment: only what a deployment would set, nothing the test run itself put there
    # (such as DJANGO_ALLOW_ASYNC_UNSAFE, which the browser tests need and check --deploy rejects).
    environment = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(settings.BASE_DIR), **env}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gemeinwohl.example.org",
        DATABASE_URL="postgres://gemeinwohl@127.0.0.1:5432/gemeinwohl",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_run_without_a_secret_key():
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        ALLOWED_HOSTS="gemeinwohl.example.org",
        DATABASE_URL="postgres://gemeinwohl@127.0.0.1:5432/gemeinwohl",
    )

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_turn_debug_off_whatever_the_environment_says():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SESSION_COOKIE_SECURE)",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gemeinwohl.example.org",
        DATABASE_URL="postgres://gemeinwohl@127.0.0.1:5432/gemeinwohl",
        DEBUG="true",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


def test_production_settings_refuse_to_fall_back_to_sqlite_or_localhost():
    without_database = manage(
        "check", DJANGO_SETTINGS_MODULE=PRODUCTION, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="a.example"
    )
    without_hosts = manage(
        "check",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://gemeinwohl@127.0.0.1:5432/gemeinwohl",
    )

    assert without_database.returncode != 0 and "DATABASE_URL" in without_database.stderr
    assert without_hosts.returncode != 0 and "ALLOWED_HOSTS" in without_hosts.stderr


def test_mail_goes_to_the_console_unless_an_smtp_server_is_configured():
    show = "from django.conf import settings; print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS)"
    default = manage("shell", "--no-imports", "-c", show, DJANGO_SETTINGS_MODULE="gemeinwohl.settings.base")
    smtp = manage(
        "shell",
        "--no-imports",
        "-c",
        show,
        DJANGO_SETTINGS_MODULE="gemeinwohl.settings.base",
        EMAIL_URL="smtp+tls://aks:geheim@mail.example.org:587",
    )

    assert default.stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"
    assert smtp.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "mail.example.org", "587", "True"]


def production_settings(expression: str, **env: str) -> object:
    """The value of a Python expression over the production settings, read in a fresh process."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        f"import json; from django.conf import settings as s; print(json.dumps({expression}, default=str))",
        DJANGO_SETTINGS_MODULE=PRODUCTION,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="gemeinwohl.example.org",
        DATABASE_URL="sqlite:///unused.sqlite3",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_harden_transport_and_cookies():
    values = production_settings(
        "[s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        " s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY,"
        " s.LANGUAGE_COOKIE_SECURE, s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF, s.SECURE_REFERRER_POLICY,"
        " s.SECURE_CROSS_ORIGIN_OPENER_POLICY, 'csp.middleware.CSPMiddleware' in s.MIDDLEWARE]"
    )

    assert values == [
        True,
        31536000,
        True,
        True,
        True,
        True,
        True,
        True,
        "DENY",
        True,
        "same-origin",
        "same-origin",
        True,
    ]


def test_the_content_security_policy_allows_images_from_the_configured_tile_server_only():
    without = production_settings("s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']")
    with_tiles = production_settings(
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        PLACES_TILE_URL="https://tile.openstreetmap.de/{z}/{x}/{y}.png",
    )
    with_subdomains = production_settings(
        "s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        PLACES_TILE_URL="https://{s}.tile.example.org:8443/{z}/{x}/{y}.png",
    )

    assert without == ["'self'", "data:"]
    assert with_tiles == ["'self'", "data:", "https://tile.openstreetmap.de"]
    assert with_subdomains == ["'self'", "data:", "https://*.tile.example.org:8443"]


def test_login_throttling_is_configured_from_the_environment():
    default = production_settings(
        "[s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds(), s.AXES_LOCKOUT_PARAMETERS]"
    )
    tuned = production_settings(
        "[s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds()]",
        LOGIN_FAILURE_LIMIT="10",
        LOGIN_LOCKOUT_MINUTES="60",
    )

    assert default == [5, 900.0, ["username", "ip_address"]]
    assert tuned == [10, 3600.0]
