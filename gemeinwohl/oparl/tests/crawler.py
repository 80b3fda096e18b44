"""Walks an OParl endpoint from its System URL and checks every object against the OParl 1.1 schemas."""

import json
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import jsonschema
from django.conf import settings
from django.utils.dateparse import parse_datetime
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).parent / "schema"
TYPE_PREFIX = "https://schema.oparl.org/1.1/"


def _registry() -> Registry:
    resources = []
    for path in SCHEMA_DIR.glob("*.json"):
        schema = json.loads(path.read_text())
        resource = Resource.from_contents(schema)
        # ``$ref: "X.json"`` resolves against the ``$id`` https://schema.oparl.org/1.1/<Type>.
        resources += [(schema["$id"], resource), (f"{TYPE_PREFIX}{path.name}", resource)]
    return Registry().with_resources(resources)


REGISTRY = _registry()
FORMATS = jsonschema.FormatChecker()


@FORMATS.checks("url")
def _is_url(value) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value) -> bool:
    parsed = parse_datetime(value)
    return parsed is not None and parsed.tzinfo is not None


def validator(type_name: str) -> jsonschema.Draft7Validator:
    schema = REGISTRY.contents(f"{TYPE_PREFIX}{type_name}")
    return jsonschema.Draft7Validator(schema, registry=REGISTRY, format_checker=FORMATS)


def objects_in(value, path="$"):
    """Every OParl object in ``value``, embedded ones included, with where it was found."""
    if isinstance(value, dict):
        if isinstance(value.get("type"), str) and value["type"].startswith(TYPE_PREFIX):
            yield path, value
        for key, inner in value.items():
            yield from objects_in(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from objects_in(inner, f"{path}[{index}]")


def nulls_in(value, path="$"):
    if value is None:
        yield path
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from nulls_in(inner, f"{path}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from nulls_in(inner, f"{path}[{index}]")


def problems_of(document) -> list[str]:
    """What breaks the specification in one response: schema errors, nulls, missing created/modified."""
    problems = [f"null at {path}" for path in nulls_in(document)]
    for path, obj in objects_in(document):
        type_name = obj["type"].removeprefix(TYPE_PREFIX)
        for error in validator(type_name).iter_errors(obj):
            problems.append(f"{path} ({type_name}): {error.message}")
        for required in ("created", "modified"):
            if required not in obj:
                problems.append(f"{path} ({type_name}): no {required}")
    return problems


def urls_in(value):
    if isinstance(value, str):
        if value.startswith(oparl_root()):
            yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from urls_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from urls_in(inner)


def oparl_root() -> str:
    return settings.SITE_URL.rstrip("/") + "/oparl/v1.1/"


def crawl(client) -> dict[str, object]:
    """Every response reachable from the System URL, by URL (list pages followed through ``next``)."""
    seen: dict[str, object] = {}
    queue = [oparl_root()]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        parts = urlsplit(url)
        response = client.get(parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)))
        assert response.status_code == 200, f"{url}: {response.status_code}"
        assert response["Access-Control-Allow-Origin"] == "*", url
        assert not response.cookies, f"{url} sets cookies"
        seen[url] = document = response.json()
        queue.extend(link for link in urls_in(document) if link not in seen)
    return seen
