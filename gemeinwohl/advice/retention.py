"""Anonymising finished cases once the retention period an administrator set has passed.

Run once a day (``manage.py advice_anonymise``). What identifies the requester
or holds what they or the team wrote about them goes; what the figures for
reporting count stays: reference, type, state, sector, topics, the dates of
receipt, first response and closing, the state changes, the referrals'
organisations, dates and outcomes, and the activities' kinds, dates and
minutes.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gemeinwohl.advice.models import FINISHED_STATES, Case, Document, RetentionPolicy

logger = logging.getLogger(__name__)

ANONYMISED = "anonymisiert"
ANONYMISED_TEXT = "[anonymisiert]"
# A syntactically valid address (".invalid" is reserved, RFC 2606) that can never receive mail,
# so the case still passes its model validation.
ANONYMISED_EMAIL = "anonymisiert@anonymisiert.invalid"


def expired_cases(*, now: datetime.datetime | None = None) -> QuerySet:
    """Finished cases, not yet anonymised, closed longer ago than the retention policy keeps them.

    A reopened case has no ``closed_at`` and is never among them.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=RetentionPolicy.current().anonymise_after_days)
    return Case.objects.filter(
        state__in=FINISHED_STATES, closed_at__isnull=False, closed_at__lt=cutoff, anonymised_at__isnull=True
    )


def _delete_files_after_commit(names: list[str], storage) -> None:
    def delete():
        for name in names:
            try:
                storage.delete(name)
            except Exception:
                logger.exception("advice anonymisation: file %s could not be deleted", name)

    # Only once the rows are gone for good: a rollback must not leave rows without their files.
    transaction.on_commit(delete)


@transaction.atomic
def anonymise_case(*, case_id: int, now: datetime.datetime | None = None) -> bool:
    """Anonymise one expired case in one transaction; False if it is (no longer) expired.

    The case is locked and checked again, so a case reopened meanwhile, or
    anonymised by a concurrent run, is left alone.
    """
    now = now or timezone.now()
    case = expired_cases(now=now).select_for_update().filter(pk=case_id).first()
    if case is None:
        return False

    case.group_name = ANONYMISED
    case.contact_name = ANONYMISED
    case.email = ANONYMISED_EMAIL
    case.phone = ""
    case.address = ""
    case.description = ANONYMISED_TEXT
    case.deadline_note = ""
    # The status link stops working: no token can hash to an empty string.
    case.status_token_hash = ""
    case.status_token_created_at = None
    case.anonymised_at = now
    case.full_clean(exclude=["reference"])
    case.save(
        update_fields=[
            "group_name",
            "contact_name",
            "email",
            "phone",
            "address",
            "description",
            "deadline_note",
            "status_token_hash",
            "status_token_created_at",
            "anonymised_at",
            "updated_at",
        ]
    )
    case.people.clear()
    case.organisations.clear()

    # What the requester wrote goes entirely; the team's notes keep that there was a note.
    case.notes.filter(from_requester=True).delete()
    case.notes.update(text=ANONYMISED_TEXT, updated_at=now)

    documents = list(Document.objects.filter(case=case).values_list("file", flat=True))
    Document.objects.filter(case=case).delete()
    _delete_files_after_commit([name for name in documents if name], Document._meta.get_field("file").storage)

    # Titles from the case type's timeline say nothing about the requester; free titles might.
    case.activities.exclude(note="").update(note="", updated_at=now)
    case.activities.filter(step__isnull=True).update(title=ANONYMISED_TEXT, updated_at=now)
    case.referrals.update(reason="", outcome_note="", contact_person=None, updated_at=now)
    return True


def anonymise_expired_cases(*, now: datetime.datetime | None = None) -> int:
    """Anonymise every expired case, each in its own transaction; return how many were anonymised.

    Already anonymised, open and reopened cases are never touched; running it
    again the same day changes nothing.
    """
    now = now or timezone.now()
    count = 0
    for case_id in expired_cases(now=now).order_by("closed_at", "pk").values_list("pk", flat=True):
        if anonymise_case(case_id=case_id, now=now):
            count += 1
    return count
