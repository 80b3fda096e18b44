"""Browser tests: Playwright drives Debian's Chromium against the live test server.

Every page a test opens can be checked with ``assert_accessible(page)``, which
runs axe-core in the page and fails on any serious or critical violation. Any
Content-Security-Policy violation in any page fails the test.
"""

import json
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

AXE_SOURCE = Path(__file__).with_name("axe-4.11.4.min.js").read_text()
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium is not installed; `make test` installs Debian's chromium package.")
    return path


@pytest.fixture(scope="session")
def browser():
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread. Django then
    # refuses synchronous database access unless told it is safe (it is: the test
    # code is synchronous), and hands out new connection objects, which lack the
    # test database's serialized contents that restore the migrations' data
    # (pages, consent texts) after each browser test; carry those over.
    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                if contents is not None:
                    connections[alias]._test_serialized_contents = contents
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


_demo_snapshot: dict[str, str] = {}


@pytest.fixture
def demo(django_db_serialized_rollback, transactional_db):
    """The demo data. Built through the actions once per run, then restored from a snapshot (much faster)."""
    from django.db import connection

    if "data" in _demo_snapshot:
        connection.creation.deserialize_db_from_string(_demo_snapshot["data"])
        return
    call_command("load_demo", verbosity=0)
    _demo_snapshot["data"] = connection.creation.serialize_db_to_string()


# Every page reports Content-Security-Policy violations: the event for each refused script, style,
# image or connection, passed to Python through a binding, since a page's own variables do not
# survive a navigation. The browser's console message about it is caught as well.
CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__gemeinwohlCspViolation({
    page: document.location.href,
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
    sample: event.sample,
  });
});
"""


@pytest.fixture
def new_context(browser, live_server):
    """``new_context()``: a browser context (a second visitor) that fails the test on any request beyond
    the live server and on any Content-Security-Policy violation."""
    contexts, outside, violations = [], [], []

    def guard(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    def report(violation):  # a function of our own: Playwright cannot wrap list.append
        violations.append(violation)

    def console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append({"page": message.page.url if message.page else "?", "console": message.text})

    def make():
        context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        # Nothing may leave the machine: any request beyond the live server fails the test.
        context.route("**/*", guard)
        context.expose_function("__gemeinwohlCspViolation", report)
        context.add_init_script(CSP_WATCH)
        context.on("console", console)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not outside, f"requests beyond 127.0.0.1: {outside}"
    assert not violations, f"Content-Security-Policy violations:\n{json.dumps(violations, indent=2)}"


@pytest.fixture
def page(new_context):
    return new_context().new_page()


def assert_accessible(page) -> None:
    """No serious or critical axe-core violation (WCAG 2.1 A/AA rules and best practices) on this page."""
    # Evaluated through the DevTools protocol rather than added as a <script>: the site's
    # Content-Security-Policy rightly refuses inline scripts.
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    report = [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in serious
    ]
    assert not serious, f"axe-core on {page.url}:\n{json.dumps(report, indent=2, ensure_ascii=False)}"


def log_in(page, email: str, password: str) -> None:
    """Log in on the login page; where the page asks for it, with the code the account's authenticator shows now.

    The demo accounts that need a second factor are enrolled with the demo secret; the code is computed
    from the account's device, as the person's app would.
    """
    page.goto("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmelden").last.click()
    if "/konto/zwei-faktor/einrichten/" in page.url:
        pytest.fail(f"{email} has no second factor yet: enrol one (second_factor_enrol) before logging in")
    if "/konto/zwei-faktor/bestaetigen/" in page.url:
        enter_second_factor(page, email)


def enter_second_factor(page, email: str) -> None:
    """On the "Bestätigungscode" page: the code the authenticator app of ``email`` shows now."""
    from gemeinwohl.accounts.models import User
    from gemeinwohl.accounts.selectors import second_factor_device
    from gemeinwohl.accounts.tests.second_factor import totp_code

    page.get_by_label("Bestätigungscode").fill(totp_code(second_factor_device(User.objects.get(email__iexact=email))))
    with page.expect_navigation():
        page.get_by_role("button", name="Bestätigen").click()
