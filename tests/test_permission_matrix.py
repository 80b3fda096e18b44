"""The permission matrix (issue 9): every URL the platform serves, requested as every role.

For each cell: the status the visibility rule and the apps' permissions give (``cases.expected``), never a
server error, and no text of administration-internal content in what a reader below verwaltungsintern
gets: pages, search, feeds, exports, PDFs, the API, OParl, GeoJSON, and the e-mails sent on the way.

The demo is loaded once for the module inside a transaction that is rolled back at the end; each request
runs in a savepoint that is rolled back too, so no request changes what the next one sees.
"""

import contextlib
import html
import io
import json
import time

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client, TestCase

from conftest import logged_in_client
from tests.matrix import world as world_module
from tests.matrix.cases import build_cases, expected, reads_internal
from tests.matrix.world import ROLES

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def pdf_texts():
    """The text of every PDF laid out while the module runs (as committees/tests/test_pdf.py reads it)."""
    import weasyprint

    texts = []
    original = weasyprint.HTML.render

    def render_and_keep(self, *args, **kwargs):
        document = original(self, *args, **kwargs)
        texts.append(document_text(document))
        return document

    weasyprint.HTML.render = render_and_keep
    yield texts
    weasyprint.HTML.render = original


def document_text(document) -> str:
    from weasyprint.formatting_structure.boxes import TextBox

    parts = []
    for page in document.pages:
        parts.extend(box.text for box in page._page_box.descendants() if isinstance(box, TextBox))
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, pdf_texts):
    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            built = world_module.build()
        built.mails = list(mail.outbox)
        built.cases, built.excluded, built.problems = build_cases(built)
        yield built
        transaction.set_rollback(True)


def client_for(world, role: str) -> Client:
    client = Client() if role == "anonymous" else logged_in_client(world.users[role])
    client.raise_request_exception = False
    return client


def response_text(response, pdf_texts: list, pdfs_before: int) -> str:
    """What a reader gets from ``response``, as text: HTML unescaped, JSON decoded, PDFs and XLSX read."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        laid_out = " ".join(pdf_texts[pdfs_before:])
        return laid_out + " " + body.decode("latin-1")
    if content_type.startswith(XLSX):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        cells = [str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]
        return " ".join(" ".join(c for c in cells if c != "None").split())
    text = body.decode("utf-8", errors="replace")
    if "json" in content_type:
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    if "calendar" in content_type:
        text = text.replace("\r\n ", "").replace("\\,", ",").replace("\\;", ";").replace("\\n", " ")
    return " ".join(html.unescape(text).split())


def leaks(text: str, world, role: str | None = None) -> list[str]:
    """Internal texts in ``text`` that ``role`` may not read (Bezirksamt members read their committees' own)."""
    own = world.committee_ids.get(role, frozenset()) if role in ("bezirksamt", "bezirksamt_member") else frozenset()
    return [needle for needle, committee in world.internal_texts if needle in text and committee not in own]


def run_role(world, role: str, pdf_texts: list) -> tuple[list, int, dict]:
    """(failing cells, requests sent, internal texts seen per content type: the check's own control)."""
    client = client_for(world, role)
    failures, requests, seen = [], 0, {}
    for case in world.cases:
        want = expected(case, role, world)
        pdfs_before = len(pdf_texts)
        mails_before = len(mail.outbox)
        with transaction.atomic():
            response = client.get(case.url, headers=case.headers)
            text = response_text(response, pdf_texts, pdfs_before) if response.status_code < 500 else ""
            transaction.set_rollback(True)
        requests += 1
        got = response.status_code
        reader = case.owner or role
        found = leaks(text, world, reader)
        if found:
            kind = response.get("Content-Type", "").split(";")[0]
            seen[kind] = seen.get(kind, 0) + 1
        leaked = [] if reads_internal(world, reader, case) else found
        sent = mail.outbox[mails_before:]
        for message in sent:
            leaked += [f"mail to {message.to}: {n}" for n in leaks(message_text(message), world, role)]
        if got >= 500 or got not in want or leaked:
            failures.append((case, role, want, got, leaked))
    return failures, requests, seen


def message_text(message) -> str:
    parts = [message.subject, message.body]
    parts += [content for content, _type in getattr(message, "alternatives", [])]
    for attachment in message.attachments:
        content = attachment.get_payload(decode=True) if hasattr(attachment, "get_payload") else attachment[1]
        parts.append(content.decode("utf-8", "replace") if isinstance(content, bytes) else content)
    return " ".join(html.unescape(" ".join(str(p) for p in parts)).replace("\r\n ", "").split())


def table(failures: list) -> str:
    rows = [("URL", "case", "role", "expected", "got", "leaked text")]
    for case, role, want, got, leaked in failures:
        rows.append(
            (
                case.url,
                f"{case.name} [{case.label}]",
                role,
                "/".join(map(str, sorted(want))),
                str(got),
                "; ".join(leaked)[:160],
            )
        )
    widths = [min(max(len(r[i]) for r in rows), 70) for i in range(5)]
    lines = [" | ".join(cell.ljust(widths[i]) if i < 5 else cell for i, cell in enumerate(row)) for row in rows]
    return "\n".join(lines)


def test_every_url_is_in_the_matrix(world):
    """A URL the tables cannot fill, or that has no rule, fails here: none may slip out of the matrix."""
    assert not world.problems, "\n".join(world.problems)
    assert len(world.cases) > 250
    assert len(world.internal_texts) > 20


def test_the_setup_planted_every_level(world):
    for kind in ("committee", "meeting", "document", "event", "place", "tender", "lease", "preemption_case"):
        assert set(world.samples[kind]) >= {world_module.PUBLIC, world_module.INTERNAL} or kind in (
            "tender",
            "lease",
            "preemption_case",
        ), kind
    assert world_module.MARKER in " ".join(text for text, _committee in world.internal_texts)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(world, role, pdf_texts):
    started = time.monotonic()
    failures, requests, seen = run_role(world, role, pdf_texts)
    elapsed = time.monotonic() - started
    print(f"\n{role}: {requests} requests in {elapsed:.1f} s; internal texts seen in {seen}")
    assert not failures, f"{len(failures)} of {requests} cells for {role} differ:\n{table(failures)}"
    if role == "team_internal":
        # The control: the same check finds internal texts where they belong, in every kind of answer.
        for kind in ("text/html", "application/pdf", "text/calendar", "application/json"):
            assert seen.get(kind), f"no internal text found in any {kind} answer to {role}: the check is blind"


def test_mails_sent_during_the_run_keep_internal_content_from_their_readers(world):
    """Every mail sent while the world was built (the demo's invitations, advice mails, the invitation to a
    public meeting with an administration-internal point): internal texts only to those who may read them."""
    from gemeinwohl.accounts.models import Role
    from gemeinwohl.committees.models import Committee, Membership

    assert world.mails, "the set-up sends invitations"
    accounts = accounts_by_address()
    committees = list(Committee.objects.all())
    failures = []
    for message in world.mails:
        found = leaks(message_text(message), world)
        if not found:
            continue
        about = {c.pk for c in committees if c.name in message.subject}
        for address in message.to:
            account = accounts.get(address.lower())
            role = account.role if account else "member without account"
            if role in (Role.TEAM_INTERNAL, Role.ADMIN):
                continue
            if role == Role.BEZIRKSAMT and about:
                seats = set(
                    Membership.objects.current().filter(person__account=account).values_list("committee", flat=True)
                )
                if about <= seats:
                    continue  # Bezirksamt staff read the internal part of their own committees
            failures.append(f"{message.subject} → {address} ({role}): {found}")
    assert not failures, "\n".join(failures)


def accounts_by_address() -> dict:
    """Each account by its login address and by its person's address-book addresses."""
    from gemeinwohl.accounts.models import User
    from gemeinwohl.directory.models import ContactDetail

    accounts = {user.email.lower(): user for user in User.objects.all()}
    for value, account_id in ContactDetail.objects.filter(person__account__isnull=False).values_list(
        "value", "person__account"
    ):
        accounts.setdefault(value.lower(), User.objects.get(pk=account_id))
    return accounts
