"""Every page carries the security headers: a strict Content-Security-Policy, no framing, no sniffing."""

import pytest

pytestmark = pytest.mark.django_db

# The home page, the login, the map (Leaflet), the API docs (Swagger UI), Django's admin, an error page.
PAGES = ["/", "/konto/anmelden/", "/orte/karte/", "/api/v1/docs", "/admin/login/", "/gibt-es-nicht/"]
STATUS = {"/gibt-es-nicht/": 404}


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("url", PAGES)
def test_pages_carry_a_strict_content_security_policy(client, url):
    response = client.get(url)

    assert response.status_code == STATUS.get(url, 200)
    assert "Content-Security-Policy-Report-Only" not in response.headers
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert not any("unsafe" in value for values in policy.values() for value in values)


@pytest.mark.parametrize("url", PAGES)
def test_pages_refuse_framing_and_sniffing(client, url):
    response = client.get(url)

    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_cookies_are_http_only(client, users):
    client.post("/konto/anmelden/", {"username": users["registered"].email, "password": "ein-testpasswort-42"})

    assert client.cookies["sessionid"]["httponly"]
    assert client.cookies["csrftoken"]["httponly"]
    assert client.cookies["sessionid"]["samesite"] == "Lax"
