"""The production settings pass Django's deployment checks and refuse to run without a secret key."""

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
