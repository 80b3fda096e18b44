"""API clients for every role: by personal key, and the anonymous public."""

import pytest
from django.test import Client

from gemeinwohl.api.actions import token_create


class ApiClient:
    """Django's test client speaking JSON, with a Bearer key when given one."""

    def __init__(self, secret: str | None = None, client: Client | None = None):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path, params=None, **headers):
        return self.client.get(_url(path), params or {}, headers={**self.headers, **headers})

    def _send(self, method, path, data, headers):
        body = data if isinstance(data, (bytes, str)) else __import__("json").dumps(data)
        return getattr(self.client, method)(
            _url(path), body, content_type="application/json", headers={**self.headers, **headers}
        )

    def post(self, path, data=None, **headers):
        return self._send("post", path, {} if data is None else data, headers)

    def patch(self, path, data=None, **headers):
        return self._send("patch", path, {} if data is None else data, headers)


def _url(path: str) -> str:
    return path if path.startswith("/api/") else "/api/v1" + path


def api_client_for(user) -> ApiClient:
    if user is None or not user.is_authenticated:
        return ApiClient()
    _token, secret = token_create(user=user, name="Test")
    return ApiClient(secret)


@pytest.fixture
def api_as(users):
    """``api_as("team_internal")``: a JSON client with that role's personal key (anonymous: none)."""

    def make(role: str) -> ApiClient:
        return api_client_for(users[role])

    return make
