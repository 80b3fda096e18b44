"""A requester's data on request (Auskunft, Art. 15 GDPR): everything the platform keeps about them, as JSON."""

from django.db.models import Prefetch, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gemeinwohl.advice.models import (
    Case,
    CaseTopic,
    Document,
    Note,
    Referral,
    ReferralOutcome,
    State,
    StateChange,
    Topic,
)
from gemeinwohl.core.permissions import require_perm
from gemeinwohl.directory.models import Organisation, Sector


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def _day(value):
    return value.isoformat() if value else None


def _choice(choices, value) -> dict | None:
    if not value:
        return None
    return {"code": value, "label": str(choices(value).label)}


# What the requester has seen or given: shared with them through the status link, or from them.
_THEIRS = Q(shared_with_requester=True) | Q(from_requester=True)


def _case_data(case: Case, *, visible_organisations: set[int]) -> dict:
    consent = case.consent
    return {
        "reference": case.reference,
        "received_at": _moment(case.received_at),
        "state": _choice(State, case.state),
        "case_type": case.case_type.name,
        "request": {
            "group_name": case.group_name,
            "contact_name": case.contact_name,
            "email": case.email,
            "phone": case.phone,
            "sector": _choice(Sector, case.sector),
            "address": case.address,
            "sale_notified_on": _day(case.sale_notified_on),
            "deadline": _day(case.deadline),
            "deadline_note": case.deadline_note,
            "description": case.description,
            "language": case.language,
        },
        "topics": [_choice(Topic, row.topic) for row in case.topic_rows.all()],
        "consent": {
            "version": consent.version if consent else None,
            "consented_at": _moment(case.consented_at),
            "text": consent.text if consent else None,
            "text_en": (consent.text_en or None) if consent else None,
        },
        "first_response_at": _moment(case.first_response_at),
        "closed_at": _moment(case.closed_at),
        "requester_updated_at": _moment(case.requester_updated_at),
        "state_history": [
            {"from": _choice(State, change.source), "to": _choice(State, change.target), "at": _moment(change.at)}
            for change in case.state_changes.all()
        ],
        "notes": [
            {
                "created_at": _moment(note.created_at),
                "from_requester": note.from_requester,
                "shared_with_requester": note.shared_with_requester,
                "text": note.text,
            }
            for note in case.requester_notes
        ],
        "documents": [
            {
                "file_name": document.file_name,
                "content_type": document.content_type,
                "size": document.size,
                "uploaded_at": _moment(document.created_at),
                "from_requester": document.from_requester,
            }
            for document in case.requester_documents
        ],
        "referrals": [
            {
                "organisation": referral.organisation.name
                if referral.organisation_id in visible_organisations
                else _("eine Organisation, die Sie nicht sehen können"),
                "referred_on": _day(referral.referred_on),
                "outcome": _choice(ReferralOutcome, referral.outcome),
            }
            for referral in case.referrals.all()
        ],
    }


def requester_data(*, case: Case, fetched_by) -> dict:
    """Everything kept about the requester of ``case``, for handing to them.

    Requires ``advice.export_requester_data`` (else ``PermissionDenied``).
    Collects every case that is not anonymised and has the same e-mail
    address (whatever its case) among those ``fetched_by`` may open: the
    request as submitted, the consent (version, date, its exact text), topics,
    state history, referrals (organisation — named only where ``fetched_by``
    may see it in the address book —, date, outcome), and the notes and
    documents (metadata only) the requester wrote, uploaded or was shown
    through the status link.

    The team's internal notes and documents are deliberately left out: they
    are the team's working notes (and may be administration-internal), not
    data the requester gave or received. Labels are in the language of the
    request ``case`` came in with. The number of queries does not grow with
    the number of cases.
    """
    require_perm(fetched_by, "advice.export_requester_data", case)
    cases = (
        Case.objects.visible_to(fetched_by)
        .filter(email__iexact=case.email, anonymised_at__isnull=True)
        .select_related("case_type", "consent")
        .prefetch_related(
            Prefetch("topic_rows", queryset=CaseTopic.objects.order_by("topic")),
            Prefetch("state_changes", queryset=StateChange.objects.order_by("at", "pk")),
            Prefetch(
                "notes", queryset=Note.objects.filter(_THEIRS).order_by("created_at", "pk"), to_attr="requester_notes"
            ),
            Prefetch(
                "documents",
                queryset=Document.objects.filter(_THEIRS).order_by("created_at", "pk"),
                to_attr="requester_documents",
            ),
            Prefetch(
                "referrals", queryset=Referral.objects.select_related("organisation").order_by("referred_on", "pk")
            ),
        )
        .order_by("received_at", "pk")
    )
    # Organisations the exporting reader may not see in the address book stay unnamed here too.
    visible_organisations = set(
        Organisation.objects.visible_to(fetched_by)
        .filter(advice_referrals__case__in=cases.values("pk"))
        .values_list("pk", flat=True)
    )
    with translation.override(case.language):
        return {
            "exported_at": _moment(timezone.now()),
            "email": case.email,
            "cases": [_case_data(found, visible_organisations=visible_organisations) for found in cases],
        }
