"""In-process checks of a page: its SQL queries (Django's test ``Client``) and the login a client needs.

Each page is requested once to warm caches (templates, permissions, content
types), then once more inside ``CaptureQueriesContext``: the figure is the
number of queries one request makes, session and account look-up included,
and the time the database calls took (running the query and receiving its
rows, not building model instances from them; rows that a server-side cursor
fetches later are not in it).
"""

import time

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
            from django_otp import DEVICE_ID_SESSION_KEY

            from gemeinwohl.accounts.models import User
            from gemeinwohl.accounts.selectors import second_factor_device

            user = User.objects.get(email=email)
            client = Client(HTTP_HOST=HOST)
            client.force_login(user)
            # Past the second factor, too, as the demo accounts that need one are after their code.
            device = second_factor_device(user)
            if device is not None:
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
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
        self.client(email).get(path)  # warms caches; an anonymous reader then comes fresh again
        client = self.client(email)
        timings: list[float] = []

        def timed(execute, sql, params, many, context):
            began = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timings.append((time.perf_counter() - began) * 1000)

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
            response = client.get(path)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        return {
            "status": response.status_code,
            "bytes": len(content),
            "queries": len(captured.captured_queries),
            "sql_ms": round(sum(timings), 2),
            "sql": [
                {"ms": round(ms, 2), "sql": query["sql"][:SQL_SHOWN]}
                for ms, query in zip(timings, captured.captured_queries, strict=False)
            ],
        }
