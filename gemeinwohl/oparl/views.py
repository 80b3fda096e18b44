"""The OParl 1.1 endpoint: read-only, anonymous, public content only.

Lists page through the index (``oparl.Entry``) by object id (keyset), so the
last page costs what the first costs; the page's objects are then loaded
with a fixed number of queries and, as a second guard, only if they are
public right now.
"""

import datetime
import functools
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Max, Min
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from gemeinwohl.committees.models import AgendaItem, Meeting
from gemeinwohl.oparl import serializers
from gemeinwohl.oparl.kinds import KINDS
from gemeinwohl.oparl.models import Entry, LegislativeTerm
from gemeinwohl.oparl.serializers import BODY_KEY, OPARL_VERSION, absolute, body_url, oparl_url, timestamp

BODY_LISTS = {
    "organization": "organization",
    "person": "person",
    "meeting": "meeting",
    "paper": "paper",
    "membership": "membership",
    "agendaItem": "agendaItem",
    "consultation": "consultation",
    "file": "file",
    "locationList": "location",
    "legislativeTermList": "legislativeTerm",
}
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
# Installed before any content existed; used when there is nothing to date the body by.
EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


class BadRequest(Exception):
    pass


class NotFound(Exception):
    pass


def oparl_json(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error(status: int, message: str) -> JsonResponse:
    return oparl_json({"status": status, "message": message}, status=status)


def oparl_view(view):
    """GET only, no session needed, German whatever the reader's cookie says, errors as JSON."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Max-Age"] = "86400"
            return response
        with translation.override("de"):
            if request.method not in ("GET", "HEAD"):
                response = error(405, _("Die OParl-Schnittstelle kann nur gelesen werden (GET)."))
                response["Allow"] = "GET, HEAD, OPTIONS"
                return response
            try:
                return view(request, *args, **kwargs)
            except BadRequest as problem:
                return error(400, str(problem))
            except NotFound:
                return error(404, _("Dieses Objekt gibt es hier nicht."))

    return wrapper


# --- system and body -----------------------------------------------------------------------------


def _installation_times() -> tuple[datetime.datetime, datetime.datetime]:
    """When the body came into being, and when it (with its embedded legislative terms) last changed."""
    times = LegislativeTerm.objects.aggregate(created=Min("created_at"), modified=Max("updated_at"))
    terms_changed = Entry.objects.filter(kind="legislativeTerm").aggregate(latest=Max("modified"))["latest"]
    created = times["created"] or EPOCH
    modified = max(value for value in (times["modified"], terms_changed, created) if value)
    return created, modified


def _contact() -> dict:
    return {"contactEmail": settings.OPARL_CONTACT_EMAIL, "contactName": settings.OPARL_CONTACT_NAME}


@oparl_view
def system(request):
    created, modified = _installation_times()
    return oparl_json(
        serializers.compact(
            {
                "id": oparl_url("system"),
                "type": "https://schema.oparl.org/1.1/System",
                "oparlVersion": OPARL_VERSION,
                "body": oparl_url("body_list"),
                "name": _("Gemeinwohl – Arbeitsplattform der AKS Gemeinwohl"),
                **_contact(),
                "website": settings.SITE_URL,
                "web": absolute("/"),
                "created": timestamp(created),
                "modified": timestamp(modified),
            }
        )
    )


def _body() -> dict:
    created, modified = _installation_times()
    terms = [
        serializers.legislative_term(term, (term.created_at, term.updated_at))
        for term in LegislativeTerm.objects.order_by("start_date", "pk")
    ]
    lists = {attribute: oparl_url("list", body=BODY_KEY, kind=kind) for attribute, kind in BODY_LISTS.items()}
    return serializers.compact(
        {
            "id": body_url(),
            "type": "https://schema.oparl.org/1.1/Body",
            "system": oparl_url("system"),
            "shortName": settings.OPARL_BODY_SHORT_NAME,
            "name": settings.OPARL_BODY_NAME,
            "website": settings.OPARL_BODY_WEBSITE or settings.SITE_URL,
            "ags": settings.OPARL_AGS,
            **_contact(),
            "classification": _("Arbeits- und Koordinierungsstruktur"),
            **lists,
            "web": absolute("/"),
            "created": timestamp(created),
            "modified": timestamp(modified),
        }
    ) | {"legislativeTerm": terms}


@oparl_view
def body_list(request):
    return oparl_json(
        {
            "data": [_body()],
            "pagination": {"totalElements": 1, "elementsPerPage": 1},
            "links": {"first": oparl_url("body_list"), "self": oparl_url("body_list")},
        }
    )


@oparl_view
def body(request, body):
    if body != BODY_KEY:
        raise NotFound
    return oparl_json(_body())


# --- objects -------------------------------------------------------------------------------------


def tombstone(entry: Entry, positions: dict) -> dict:
    """What stays of an object that is deleted or no longer public (OParl: deleted objects).

    Besides ``id``, ``type``, ``created`` and ``modified``, the attributes the
    schema requires of every object of the type stay: an agenda item's
    ``order``, a file's ``accessUrl`` (which no longer hands anything out).
    """
    data = {
        "id": serializers.object_url(entry.kind, entry.object_id),
        "type": KINDS[entry.kind].type_uri,
        "created": timestamp(entry.created),
        "modified": timestamp(entry.modified),
        "deleted": True,
    }
    if entry.kind == "agendaItem":
        data["order"] = positions.get(entry.object_id, 0)
    elif entry.kind == "file":
        data["accessUrl"] = absolute(reverse("committees:document_download", kwargs={"pk": entry.object_id}))
    return data


def render(entries: list[Entry], kind: str, omit_internal: bool) -> list[dict]:
    """The OParl objects of ``entries``; ones that are not public (any more) as deleted."""
    wanted = [entry.object_id for entry in entries if entry.public]
    loaded = {}
    if wanted:
        # The index says public; the rows must say so too, right now.
        queryset = serializers.LOADERS[kind](wanted).filter(KINDS[kind].public())
        loaded = {obj.pk: obj for obj in queryset}
    gone = [entry.object_id for entry in entries if entry.object_id not in loaded]
    positions = {}
    if kind == "agendaItem" and gone:
        positions = dict(AgendaItem.objects.filter(pk__in=gone).values_list("pk", "position"))
    serialize = serializers.SERIALIZERS[kind]
    return [
        serialize(loaded[entry.object_id], (entry.created, entry.modified), omit_internal=omit_internal)
        if entry.object_id in loaded
        else tombstone(entry, positions)
        for entry in entries
    ]


@oparl_view
def detail(request, kind, pk):
    if kind not in KINDS:
        raise NotFound
    entry = Entry.objects.filter(kind=kind, object_id=pk).first()
    if entry is None:
        raise NotFound
    return oparl_json(render([entry], kind, omit_internal=_flag(request.GET.get("omit_internal")))[0])


# --- lists ---------------------------------------------------------------------------------------


@dataclass
class ListQuery:
    filters: dict
    omit_internal: bool
    size: int
    after: int


def _flag(value) -> bool:
    return value is not None and value.lower() not in ("", "0", "false", "no", "nein")


def _moment(name: str, raw: str) -> datetime.datetime:
    # A '+' in an unencoded offset arrives as a space.
    try:
        value = parse_datetime(raw.strip().replace(" ", "+")) if raw.strip() else None
    except ValueError:  # well-formed, but no such day or hour
        value = None
    if value is None:
        raise BadRequest(
            _("%(name)s ist kein Zeitpunkt. Erwartet wird z. B. 2026-01-31T18:00:00+01:00.") % {"name": name}
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _whole_number(name: str, raw: str, minimum: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(_("%(name)s muss eine ganze Zahl sein.") % {"name": name}) from None
    if value < minimum:
        raise BadRequest(_("%(name)s muss mindestens %(minimum)s sein.") % {"name": name, "minimum": minimum})
    return value


def parse_list_query(params) -> ListQuery:
    filters = {name: _moment(name, params[name]) for name in FILTERS if name in params}
    size = settings.OPARL_PAGE_SIZE
    if "elementsPerPage" in params:
        size = min(_whole_number("elementsPerPage", params["elementsPerPage"], 1), size)
    after = _whole_number("after", params["after"], 0) if "after" in params else 0
    return ListQuery(filters=filters, omit_internal=_flag(params.get("omit_internal")), size=size, after=after)


def list_page(request, kind: str, base_url: str, scope=None) -> JsonResponse:
    query = parse_list_query(request.GET)
    entries = Entry.objects.filter(kind=kind)
    if "modified_since" not in query.filters:
        # Deleted objects appear only to clients that sync by modified_since.
        entries = entries.filter(public=True)
    lookups = {
        "created_since": "created__gte",
        "created_until": "created__lte",
        "modified_since": "modified__gte",
        "modified_until": "modified__lte",
    }
    entries = entries.filter(**{lookups[name]: value for name, value in query.filters.items()})
    if scope is not None:
        entries = entries.filter(object_id__in=scope)
    page = list(entries.filter(object_id__gt=query.after).order_by("object_id")[: query.size + 1])
    has_next = len(page) > query.size
    page = page[: query.size]

    kept = {name: request.GET[name] for name in FILTERS if name in request.GET}
    if query.omit_internal:
        kept["omit_internal"] = "true"
    if "elementsPerPage" in request.GET:
        kept["elementsPerPage"] = str(query.size)

    def link(after: int | None) -> str:
        params = dict(kept, **({"after": str(after)} if after else {}))
        return base_url + (f"?{urlencode(params)}" if params else "")

    links = {"first": link(None), "self": link(query.after or None)}
    if has_next:
        links["next"] = link(page[-1].object_id)
    return oparl_json(
        {
            "data": render(page, kind, query.omit_internal),
            "pagination": {"totalElements": entries.count(), "elementsPerPage": query.size},
            "links": links,
        }
    )


@oparl_view
def entity_list(request, body, kind):
    if body != BODY_KEY or kind not in KINDS:
        raise NotFound
    return list_page(request, kind, oparl_url("list", body=body, kind=kind))


@oparl_view
def organization_meetings(request, pk):
    """Organization.meeting: the meetings of one committee."""
    if not Entry.objects.filter(kind="organization", object_id=pk).exists():
        raise NotFound
    scope = Meeting.objects.filter(committee=pk).values("pk")
    return list_page(request, "meeting", oparl_url("organization_meetings", pk=pk), scope=scope)


@oparl_view
def not_found(request, rest=""):
    raise NotFound
