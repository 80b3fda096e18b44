"""OParl 1.1 objects made from the platform's public rows.

``LOADERS`` fetch the objects of one list page (or one object) with a fixed
number of queries; ``SERIALIZERS`` turn one of them into the OParl JSON
object. Values that are empty are left out: OParl forbids ``null``.
"""

import datetime
import functools
import re

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from gemeinwohl.committees.models import AgendaItem, Committee, Decision, Document, Meeting, Membership
from gemeinwohl.committees.models.membership import MembershipRole
from gemeinwohl.core.periods import current_q
from gemeinwohl.directory.models import Affiliation, Person
from gemeinwohl.oparl.kinds import (
    KINDS,
    affiliation_public,
    decision_public,
    document_public,
    item_public,
    membership_public,
)
from gemeinwohl.oparl.models import LegislativeTerm

BODY_KEY = "1"
OPARL_VERSION = "https://schema.oparl.org/1.1/"


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def oparl_url(name: str, **kwargs) -> str:
    return absolute(reverse(f"oparl:{name}", kwargs=kwargs))


@functools.lru_cache(maxsize=8)
def _prefixes(site_url: str) -> tuple[str, str]:
    """The endpoint's root and the meeting pages' root; ``reverse`` once, not for each of thousands of links."""
    oparl_root = site_url.rstrip("/") + reverse("oparl:system")
    meeting_root = site_url.rstrip("/") + reverse("committees:meeting_detail", kwargs={"pk": 1}).removesuffix("1/")
    return oparl_root, meeting_root


def object_url(kind: str, pk: int) -> str:
    """Same as ``oparl_url("object", ...)``: ``<root><kind>/<pk>/``."""
    return f"{_prefixes(settings.SITE_URL)[0]}{kind}/{pk}/"


def meeting_page(pk: int, item_pk: int | None = None) -> str:
    anchor = f"#top-{item_pk}" if item_pk else ""
    return f"{_prefixes(settings.SITE_URL)[1]}{pk}/{anchor}"


def timestamp(value: datetime.datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def compact(data: dict) -> dict:
    """Leave out what has no value: OParl has no ``null`` and empty lists say nothing."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def stamped(data: dict, times: tuple) -> dict:
    created, modified = times
    data["created"] = timestamp(created)
    data["modified"] = timestamp(max(created, modified))
    return compact(data)


def body_url() -> str:
    return oparl_url("body", body=BODY_KEY)


# --- public rows, as the embedded lists need them --------------------------------------------


def _with_modified(queryset, kind: str):
    return queryset.annotate(_oparl_modified=KINDS[kind].modified())


def public_memberships():
    return _with_modified(Membership.objects.filter(membership_public()), "membership")


def public_files():
    return _with_modified(Document.objects.filter(document_public()), "file").order_by(
        "agenda_item__position", "title", "pk"
    )


def public_decisions():
    return _with_modified(Decision.objects.filter(decision_public()), "consultation").order_by("pk")


def numbered_items():
    """Public agenda items with their number among the public items of their meeting."""
    before = (
        AgendaItem.objects.filter(item_public(), meeting=OuterRef("meeting"))
        .filter(Q(position__lt=OuterRef("position")) | Q(position=OuterRef("position"), pk__lte=OuterRef("pk")))
        .order_by()
        .values("meeting")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return _with_modified(AgendaItem.objects.filter(item_public()), "agendaItem").annotate(_number=Subquery(before))


def own_times(obj) -> tuple:
    """An embedded row's times, counted like its own list's (with what is embedded in it)."""
    return obj.created_at, getattr(obj, "_oparl_modified", obj.updated_at)


# --- loaders: one list page's objects, a fixed number of queries ---------------------------------


def load_organizations(ids):
    return Committee.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("memberships", Membership.objects.filter(membership_public()).order_by("pk"), to_attr="oparl_members")
    )


def load_people(ids):
    today = timezone.localdate()
    return Person.objects.filter(pk__in=ids).prefetch_related(
        Prefetch("memberships", public_memberships().order_by("pk"), to_attr="oparl_memberships"),
        Prefetch(
            "affiliations",
            Affiliation.objects.filter(affiliation_public(), current_q(today))
            .select_related("organisation")
            .order_by("organisation__name", "pk"),
            to_attr="oparl_affiliations",
        ),
    )


def load_memberships(ids):
    return public_memberships().filter(pk__in=ids)


def load_meetings(ids):
    return (
        Meeting.objects.filter(pk__in=ids)
        .select_related("committee")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                numbered_items()
                .order_by("position", "pk")
                .prefetch_related(
                    Prefetch("decisions", public_decisions(), to_attr="oparl_decisions"),
                    Prefetch("documents", public_files(), to_attr="oparl_files"),
                ),
                to_attr="oparl_items",
            ),
            Prefetch("documents", public_files().filter(agenda_item__isnull=True), to_attr="oparl_files"),
        )
    )


def load_locations(ids):
    return Meeting.objects.filter(pk__in=ids)


def load_agenda_items(ids):
    return (
        numbered_items()
        .filter(pk__in=ids)
        .prefetch_related(
            Prefetch("decisions", public_decisions(), to_attr="oparl_decisions"),
            Prefetch("documents", public_files(), to_attr="oparl_files"),
        )
    )


def load_files(ids):
    return Document.objects.filter(pk__in=ids)


def load_decisions(ids):
    """Papers and consultations are both made from decisions."""
    return Decision.objects.filter(pk__in=ids).select_related("agenda_item__meeting")


def load_legislative_terms(ids):
    return LegislativeTerm.objects.filter(pk__in=ids)


LOADERS = {
    "organization": load_organizations,
    "person": load_people,
    "membership": load_memberships,
    "meeting": load_meetings,
    "location": load_locations,
    "agendaItem": load_agenda_items,
    "file": load_files,
    "paper": load_decisions,
    "consultation": load_decisions,
    "legislativeTerm": load_legislative_terms,
}


# --- serializers -----------------------------------------------------------------------------


def base(kind: str, obj) -> dict:
    return {"id": object_url(kind, obj.pk), "type": KINDS[kind].type_uri}


def organization(committee, times, omit_internal=False) -> dict:
    return stamped(
        {
            **base("organization", committee),
            "body": body_url(),
            "name": committee.name,
            "shortName": committee.short_name,
            "organizationType": "Gremium",
            "classification": str(committee.get_kind_display()),
            "membership": [object_url("membership", m.pk) for m in committee.oparl_members],
            "meeting": oparl_url("organization_meetings", pk=committee.pk),
            "web": absolute(committee.get_absolute_url()),
        },
        times,
    )


def membership(member, times, omit_internal=False) -> dict:
    return stamped(
        {
            **base("membership", member),
            "person": object_url("person", member.person_id),
            "organization": object_url("organization", member.committee_id),
            "role": str(member.get_role_display()),
            "votingRight": member.role != MembershipRole.GUEST,
            "startDate": member.start_date.isoformat() if member.start_date else None,
            "endDate": member.end_date.isoformat() if member.end_date else None,
        },
        times,
    )


def person(entry, times, omit_internal=False) -> dict:
    """Name and affiliation only: never contact data."""
    return stamped(
        {
            **base("person", entry),
            "body": body_url(),
            "name": " ".join(part for part in (entry.given_name, entry.family_name) if part),
            "familyName": entry.family_name,
            "givenName": entry.given_name,
            "title": [entry.title] if entry.title else [],
            "status": [
                f"{affiliation.get_kind_display()} {affiliation.organisation.name}"
                + (f" ({affiliation.function})" if affiliation.function else "")
                for affiliation in entry.oparl_affiliations
            ],
            "membership": [] if omit_internal else [membership(m, own_times(m)) for m in entry.oparl_memberships],
        },
        times,
    )


POSTAL_ADDRESS = re.compile(r"^(?P<street>.+?),\s*(?P<code>\d{5})\s+(?P<city>.+)$")


def location(meeting, times, omit_internal=False) -> dict:
    address = POSTAL_ADDRESS.match(meeting.address.strip())
    return stamped(
        {
            **base("location", meeting),
            "description": ", ".join(part for part in (meeting.room, meeting.address) if part),
            "room": meeting.room,
            "streetAddress": address["street"] if address else meeting.address,
            "postalCode": address["code"] if address else None,
            "locality": address["city"] if address else None,
            "meetings": [object_url("meeting", meeting.pk)],
        },
        times,
    )


def file(document, times, omit_internal=False) -> dict:
    download = absolute(document.get_absolute_url())
    return stamped(
        {
            **base("file", document),
            "name": document.title,
            "fileName": document.file_name,
            "mimeType": document.content_type,
            "date": timezone.localtime(document.created_at).date().isoformat(),
            "size": document.size,
            "accessUrl": download,
            "downloadUrl": download,
            "meeting": [object_url("meeting", document.meeting_id)],
            "agendaItem": [object_url("agendaItem", document.agenda_item_id)] if document.agenda_item_id else [],
        },
        times,
    )


def agenda_item(item, times, omit_internal=False) -> dict:
    decision = item.oparl_decisions[0] if item.oparl_decisions else None
    return stamped(
        {
            **base("agendaItem", item),
            "meeting": object_url("meeting", item.meeting_id),
            "number": str(item._number),
            "order": item._number,
            "name": item.title,
            "public": True,
            "consultation": object_url("consultation", decision.pk) if decision else None,
            "result": str(decision.get_result_display()) if decision else None,
            "resolutionText": decision.text if decision else None,
            "auxiliaryFile": [file(d, own_times(d)) for d in item.oparl_files],
            "web": meeting_page(item.meeting_id, item.pk),
        },
        times,
    )


def meeting(obj, times, omit_internal=False) -> dict:
    has_location = bool(obj.room or obj.address)
    return stamped(
        {
            **base("meeting", obj),
            "name": obj.display_title,
            "meetingState": str(obj.get_state_display()),
            "cancelled": obj.is_cancelled,
            "start": timestamp(obj.start),
            "end": timestamp(obj.end),
            "location": location(obj, (obj.created_at, obj.updated_at)) if has_location else None,
            "organization": [object_url("organization", obj.committee_id)],
            "agendaItem": [] if omit_internal else [agenda_item(item, own_times(item)) for item in obj.oparl_items],
            "auxiliaryFile": [] if omit_internal else [file(d, own_times(d)) for d in obj.oparl_files],
            "web": meeting_page(obj.pk),
        },
        times,
    )


def consultation(decision, times, omit_internal=False) -> dict:
    item = decision.agenda_item
    return stamped(
        {
            **base("consultation", decision),
            "paper": object_url("paper", decision.pk),
            "agendaItem": object_url("agendaItem", item.pk),
            "meeting": object_url("meeting", item.meeting_id),
            "organization": [object_url("organization", item.meeting.committee_id)],
            "authoritative": True,
            "role": "Beschlussfassung",
        },
        times,
    )


def paper(decision, times, omit_internal=False) -> dict:
    item = decision.agenda_item
    return stamped(
        {
            **base("paper", decision),
            "body": body_url(),
            "name": f"{decision.number}: {item.title}",
            "reference": decision.number,
            "date": timezone.localtime(item.meeting.start).date().isoformat(),
            "paperType": "Beschluss",
            "consultation": []
            if omit_internal
            else [consultation(decision, (decision.created_at, decision.updated_at))],
            "web": meeting_page(item.meeting_id, item.pk),
        },
        times,
    )


def legislative_term(term, times, omit_internal=False) -> dict:
    return stamped(
        {
            **base("legislativeTerm", term),
            "body": body_url(),
            "name": term.name,
            "startDate": term.start_date.isoformat(),
            "endDate": term.end_date.isoformat() if term.end_date else None,
        },
        times,
    )


SERIALIZERS = {
    "organization": organization,
    "person": person,
    "membership": membership,
    "meeting": meeting,
    "location": location,
    "agendaItem": agenda_item,
    "file": file,
    "paper": paper,
    "consultation": consultation,
    "legislativeTerm": legislative_term,
}
