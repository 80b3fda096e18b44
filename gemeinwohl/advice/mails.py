"""Mails about a case: to the requester (in the language they wrote in) and to the assignee.

They run after the action's transaction committed, so they load the case
afresh and make links absolute with ``site_url``. A mail to the requester
holds only what the status page shows them; the status link itself is
known only at the moment it is made (the case keeps its hash), so only the
confirmation and a renewed link carry it.
"""

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from gemeinwohl.advice.models import Case
from gemeinwohl.core.links import site_url

logger = logging.getLogger(__name__)


def status_url(token: str) -> str:
    return site_url(reverse("advice:status", kwargs={"token": token}))


def _send(*, template: str, to: str, language: str, context: dict) -> None:
    with translation.override(language):
        subject = render_to_string(f"advice/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"advice/email/{template}.txt", context)
    send_mail(subject, body, None, [to])


def _case(case_id: int) -> Case | None:
    case = Case.objects.select_related("assignee").filter(pk=case_id, anonymised_at__isnull=True).first()
    if case is None:
        logger.warning("advice mail for case %s skipped: gone or anonymised", case_id)
    return case


def send_confirmation(*, case_id: int, token: str) -> None:
    """To the requester: we have your request, here is its number and your private status link."""
    case = _case(case_id)
    if case:
        _send(
            template="confirmation",
            to=case.email,
            language=case.language,
            context={"case": case, "status_url": status_url(token)},
        )


def send_new_status_link(*, case_id: int, token: str) -> None:
    """To the requester: a new status link; the old one no longer works."""
    case = _case(case_id)
    if case:
        _send(
            template="new_link",
            to=case.email,
            language=case.language,
            context={"case": case, "status_url": status_url(token)},
        )


def send_progress(*, case_id: int) -> None:
    """To the requester: something new on your request (without the content: it is behind the link)."""
    case = _case(case_id)
    if case:
        _send(template="progress", to=case.email, language=case.language, context={"case": case})


def send_requester_news(*, case_id: int) -> None:
    """To the assignee: the requester added information or a document."""
    case = _case(case_id)
    if case and case.assignee and case.assignee.is_active:
        _send(
            template="requester_news",
            to=case.assignee.email,
            language=case.assignee.language,
            context={"case": case, "case_url": site_url(case.get_absolute_url())},
        )


def send_assigned(*, case_id: int) -> None:
    """To the new assignee: this case is now yours."""
    case = _case(case_id)
    if case and case.assignee and case.assignee.is_active:
        _send(
            template="assigned",
            to=case.assignee.email,
            language=case.assignee.language,
            context={"case": case, "case_url": site_url(case.get_absolute_url())},
        )
