"""The whole OParl endpoint of the demo data, walked from the System URL like a client would.

The demo is loaded once for this module (inside a transaction rolled back at
the end), plus a public and a hidden document, then crawled once; the tests
check what the crawl found.
"""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from gemeinwohl.accounts.models import Role, User
from gemeinwohl.committees import actions
from gemeinwohl.committees.models import AgendaItem, Committee, Decision, Document, Meeting, Membership
from gemeinwohl.core.visibility import Visibility
from gemeinwohl.directory.models import ContactDetail, Note, Person
from gemeinwohl.oparl.kinds import KINDS
from gemeinwohl.oparl.tests.crawler import TYPE_PREFIX, crawl, objects_in, oparl_root, problems_of

PDF = b"%PDF-1.7\n%%EOF\n"


def _add_documents():
    """The demo has no files; one public and one team-only document on a public meeting."""
    editor = User.objects.filter(role=Role.TEAM_INTERNAL).first()
    meeting = Meeting.objects.filter(KINDS["meeting"].public()).order_by("start").last()
    item = meeting.agenda_items.filter(visibility=Visibility.PUBLIC, deleted_at__isnull=True).first()
    actions.document_attach(
        meeting=meeting,
        agenda_item=item,
        upload=SimpleUploadedFile("vorlage.pdf", PDF),
        title="Öffentliche Vorlage",
        visibility=Visibility.PUBLIC,
        by=editor,
    )
    actions.document_attach(
        meeting=meeting,
        upload=SimpleUploadedFile("intern.pdf", PDF),
        title="Vertrauliche Kalkulation",
        visibility=Visibility.TEAM,
        by=editor,
    )


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            _add_documents()
            with override_settings(OPARL_PAGE_SIZE=10):  # lists of several pages
                responses = crawl(Client())
            expected = {
                name: set(kind.model.objects.filter(kind.public()).values_list("pk", flat=True))
                for name, kind in KINDS.items()
            }
            hidden = _hidden_texts()
            yield {"responses": responses, "expected": expected, "hidden": hidden}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _hidden_texts() -> set[str]:
    """Texts only non-public rows carry: none of them may appear anywhere in OParl."""
    public = {
        "items": set(AgendaItem.objects.filter(KINDS["agendaItem"].public()).values_list("title", flat=True)),
        "people": set(Person.objects.filter(KINDS["person"].public()).values_list("family_name", flat=True)),
    }
    texts = set(Committee.objects.exclude(KINDS["organization"].public()).values_list("name", flat=True))
    texts |= (
        set(AgendaItem.objects.exclude(KINDS["agendaItem"].public()).values_list("title", flat=True)) - public["items"]
    )
    texts |= set(Decision.objects.exclude(KINDS["paper"].public()).values_list("text", flat=True)) - set(
        Decision.objects.filter(KINDS["paper"].public()).values_list("text", flat=True)
    )
    texts |= (
        set(Person.objects.exclude(KINDS["person"].public()).values_list("family_name", flat=True)) - public["people"]
    )
    texts |= set(Document.objects.exclude(KINDS["file"].public()).values_list("title", flat=True))
    texts |= set(ContactDetail.objects.values_list("value", flat=True))
    texts |= set(Note.objects.values_list("text", flat=True))
    return {text for text in texts if len(text) > 3}


pytestmark = pytest.mark.django_db


def test_every_response_and_every_embedded_object_follows_the_oparl_schemas(crawled):
    problems = {url: problems_of(document) for url, document in crawled["responses"].items()}
    assert {url: found for url, found in problems.items() if found} == {}


def test_the_crawl_reaches_the_system_the_body_and_every_list(crawled):
    urls = crawled["responses"]
    root = oparl_root()
    assert urls[root]["type"] == f"{TYPE_PREFIX}System"
    body = urls[f"{root}body/1/"]
    assert body["ags"] == "11000002"
    for attribute in ("organization", "person", "meeting", "paper", "membership", "agendaItem", "consultation"):
        assert body[attribute] in urls
    assert body["locationList"] in urls and body["legislativeTermList"] in urls and body["file"] in urls


def _ids_by_kind(responses) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {name: set() for name in KINDS}
    kind_by_type = {kind.type_uri: name for name, kind in KINDS.items()}
    for document in responses.values():
        for _, obj in objects_in(document):
            name = kind_by_type.get(obj["type"])
            if name:
                found[name].add(int(obj["id"].rstrip("/").rsplit("/", 1)[1]))
    return found


def test_exactly_the_public_objects_appear_no_more_and_no_fewer(crawled):
    found = _ids_by_kind(crawled["responses"])
    assert found == crawled["expected"]
    # The demo publishes something of every kind.
    assert all(found.values()), {name: len(ids) for name, ids in found.items()}


def test_nothing_internal_appears_anywhere(crawled):
    text = "\n".join(json.dumps(document, ensure_ascii=False) for document in crawled["responses"].values())
    # Whole words only: a hidden family name "Sommer" may well be part of a public "Sommerakademie".
    leaked = sorted(hidden for hidden in crawled["hidden"] if re.search(rf"(?<!\w){re.escape(hidden)}(?!\w)", text))
    assert leaked == []
    assert "Vertrauliche Kalkulation" in crawled["hidden"]
    assert "Öffentliche Vorlage" in text


def test_people_appear_with_name_and_affiliation_never_contact_data(crawled):
    people = [
        obj
        for document in crawled["responses"].values()
        for _, obj in objects_in(document)
        if obj["type"] == f"{TYPE_PREFIX}Person"
    ]
    assert people
    for person in people:
        assert person["name"] and person["familyName"]
        assert "email" not in person and "phone" not in person and "location" not in person
    consenting = Person.objects.filter(KINDS["person"].public())
    assert {p.family_name for p in consenting} == {person["familyName"] for person in people}
    # Everyone named has a public seat in a public committee.
    assert all(
        Membership.objects.filter(person=p, visibility=Visibility.PUBLIC, committee__visibility=Visibility.PUBLIC)
        for p in consenting
    )


def test_meetings_embed_agenda_items_with_order_and_consultation_and_their_location_and_files(crawled):
    meetings = [
        obj for url, document in crawled["responses"].items() if "/body/1/meeting/" in url for obj in document["data"]
    ]
    assert meetings
    with_items = [meeting for meeting in meetings if meeting.get("agendaItem")]
    assert with_items
    for meeting in with_items:
        orders = [item["order"] for item in meeting["agendaItem"]]
        assert orders == list(range(1, len(orders) + 1))
        assert all(item["id"] and item["public"] is True for item in meeting["agendaItem"])
    assert any("consultation" in item for meeting in meetings for item in meeting.get("agendaItem", []))
    assert any("location" in meeting and meeting["location"]["type"].endswith("Location") for meeting in meetings)
    files = [
        file for meeting in meetings for item in meeting.get("agendaItem", []) for file in item.get("auxiliaryFile", [])
    ]
    assert [file["name"] for file in files] == ["Öffentliche Vorlage"]


def test_public_files_download_anonymously_as_attachments(crawled, client):
    files = [
        obj for url, document in crawled["responses"].items() if "/body/1/file/" in url for obj in document["data"]
    ]
    assert len(files) == 1
    response = client.get(files[0]["accessUrl"].removeprefix(oparl_root().removesuffix("/oparl/v1.1/")))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_list_pages_link_next_on_every_page_but_the_last_and_together_hold_every_object_once(crawled):
    responses = crawled["responses"]
    first_pages = [url for url, document in responses.items() if "data" in document and "after=" not in url]
    assert len(first_pages) >= 11
    paged = 0
    for url in first_pages:
        pages = [responses[url]]
        while "next" in pages[-1]["links"]:
            pages.append(responses[pages[-1]["links"]["next"]])
        paged += len(pages) > 1
        assert all(len(page["data"]) == page["pagination"]["elementsPerPage"] for page in pages[:-1]), url
        ids = [obj["id"] for page in pages for obj in page["data"]]
        assert len(ids) == len(set(ids)) == pages[0]["pagination"]["totalElements"], url
        numbers = [int(i.rstrip("/").rsplit("/", 1)[1]) for i in ids]
        assert numbers == sorted(numbers), f"{url}: stable order by id"
        assert all(page["links"]["first"] == url for page in pages)
    assert paged >= 3  # meetings, agenda items, locations span several pages of 10
