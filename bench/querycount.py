"""In-process checks of a page: its SQL queries (Django's test ``Client``) and the login a client needs.

Each page is requested once to warm caches (templates, permissions, content
types), then once more inside ``CaptureQueriesContext``: the figure is the
number of queries one request makes, session and account look-up included.
"""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# Django's test client calls itself "testserver", which the settings rightly do not allow.
HOST = "127.0.0.1"
SQL_SHOWN = 300


class Visitors:
    """One logged-in test client per account; anonymous readers get a fresh client every time."""

    def __init__(self):
        self._clients: dict[str, Client] = {}

    def client(self, email: str | None) -> Client:
        if email is None:
            return Client(HTTP_HOST=HOST)
        if email not in self._clients:
            from gemeinwohl.accounts.models import User

            client = Client(HTTP_HOST=HOST)
            client.force_login(User.objects.get(email=email))
            # A browser that has used the site carries its CSRF cookie, too.
            client.get("/", HTTP_HOST=HOST)
            self._clients[email] = client
        return self._clients[email]

    def cookie_header(self, email: str | None) -> str:
        """The ``Cookie`` header of a browser logged in as ``email`` (the session is in the database)."""
        if email is None:
            return ""
        return "; ".join(f"{name}={morsel.value}" for name, morsel in self.client(email).cookies.items())

    def queries(self, path: str, email: str | None) -> dict:
        client = self.client(email)
        client.get(path)
        client = client if email else self.client(None)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return {
            "status": response.status_code,
            "bytes": len(content),
            "queries": len(captured.captured_queries),
            "sql_ms": round(sum(float(query["time"]) for query in captured.captured_queries) * 1000, 2),
            "sql": [query["sql"][:SQL_SHOWN] for query in captured.captured_queries],
        }
