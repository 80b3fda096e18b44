"""The OParl endpoint at the committees' volume: a client crawls every list, every page.

One unit of volume is one meeting, as in the ``committees`` scenario, whose
seed this scenario reuses (5,000 meetings, 50,000 agenda points, decisions,
documents; most of it public, as content there is drawn from öffentlich to
verwaltungsintern). On top, a third of the people in public committees
consent to be named and their seats become public, so that the person and
membership lists are not empty. The OParl index is then built once
(``oparl.index.reindex``, what ``manage.py oparl_reindex`` does).

Besides the usual requests (first and last page of the big lists, measured
with concurrent clients), ``crawl`` walks the whole endpoint from the System
URL with one client, as meine-stadt-transparent or an open-data harvester
would, and reports objects per second and the time of each list's first and
last page.
"""

import json
import time
import urllib.request

from bench.scenarios import Request
from bench.scenarios import committees as committees_scenario

DESCRIPTION = "OParl 1.1: Listen (erste und letzte Seite) und ein vollständiger Abruf aller Listen und Seiten"
DEFAULT_VOLUME = committees_scenario.DEFAULT_VOLUME
QUICK_VOLUME = committees_scenario.QUICK_VOLUME
SEED_VERSION = 1

LISTS = ("organization", "person", "membership", "meeting", "agendaItem", "paper", "consultation", "file", "location")


def seed(volume: int) -> dict:
    import datetime

    from gemeinwohl.committees.models import Membership
    from gemeinwohl.directory.models import ConsentMethod, ConsentPurpose, ConsentRecord, ConsentText
    from gemeinwohl.oparl import index

    with index.paused():
        counts = committees_scenario.seed(volume)
        text = ConsentText.objects.filter(purpose=ConsentPurpose.PUBLIC_LISTING).order_by("valid_from").first()
        seats = Membership.objects.filter(committee__visibility=0).order_by("pk")
        named = sorted({seat.person_id for seat in seats.only("person_id")})[::3]
        ConsentRecord.objects.bulk_create(
            ConsentRecord(
                person_id=person,
                consent_text=text,
                granted=True,
                given_on=datetime.date(2025, 1, 15),
                method=ConsentMethod.WRITTEN,
                visibility=20,
            )
            for person in named
        )
        seats.filter(person_id__in=named).update(visibility=0)
    counts["oparl_published"] = index.reindex()
    counts["people_named"] = len(named)
    return counts


def _last_page_cursor(kind: str) -> int:
    """The ``after`` value that opens the last page of a list."""
    from django.conf import settings

    from gemeinwohl.oparl.models import Entry

    ids = Entry.objects.filter(kind=kind, public=True).order_by("-object_id").values_list("object_id", flat=True)
    before_last = list(ids[settings.OPARL_PAGE_SIZE : settings.OPARL_PAGE_SIZE + 1])
    return before_last[0] if before_last else 0


def requests(volume: int) -> list[Request]:
    planned = [Request("system", "/oparl/v1.1/"), Request("body", "/oparl/v1.1/body/1/")]
    for kind in ("meeting", "agendaItem", "paper", "person"):
        base = f"/oparl/v1.1/body/1/{kind}/"
        planned += [
            Request(f"{kind}-first-page", base),
            Request(f"{kind}-last-page", f"{base}?after={_last_page_cursor(kind)}"),
        ]
    planned.append(
        Request("meeting-modified-since", "/oparl/v1.1/body/1/meeting/?modified_since=2026-01-01T00:00:00%2B01:00")
    )
    return planned


def _get(port: int, path: str) -> tuple[float, dict]:
    started = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
        body = response.read()
    return time.perf_counter() - started, json.loads(body)


def crawl(port: int, site_url: str) -> dict:
    """One client walks every list page by page through ``next``; what it took, per list and in all."""
    began = time.perf_counter()
    _, body = _get(port, "/oparl/v1.1/body/1/")
    lists, objects, pages = {}, 0, 0
    for kind in LISTS:
        attribute = "locationList" if kind == "location" else kind
        path = body[attribute].removeprefix(site_url)
        timings, count = [], 0
        while path:
            seconds, page = _get(port, path)
            timings.append(seconds)
            count += len(page["data"])
            path = page["links"].get("next", "").removeprefix(site_url)
        total = sum(timings)
        lists[kind] = {
            "objects": count,
            "pages": len(timings),
            "seconds": round(total, 2),
            "objects_per_s": round(count / total) if total else 0,
            "first_page_ms": round(timings[0] * 1000, 1),
            "last_page_ms": round(timings[-1] * 1000, 1),
        }
        objects += count
        pages += len(timings)
    seconds = time.perf_counter() - began
    return {
        "objects": objects,
        "pages": pages,
        "seconds": round(seconds, 1),
        "objects_per_s": round(objects / seconds),
        "lists": lists,
    }
