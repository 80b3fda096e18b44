"""Concurrent clients: threads with ``http.client``, each with its own connection, timing whole responses.

A latency is the time from sending the request to having read the last byte
of the body, as a browser waits for a page. Connecting is included: gunicorn's
sync workers close the connection after every response, so each request
opens a new one (on 127.0.0.1 that costs a fraction of a millisecond).
"""

import http.client
import math
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Measurement:
    """What ``measure`` saw: the latency of every successful request, and the failures."""

    count: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    wall_seconds: float = 0.0
    statuses: dict[int | str, int] = field(default_factory=dict)
    bytes: int = 0

    def summary(self) -> dict:
        ok = sorted(self.latencies_ms)
        return {
            "count": self.count,
            "errors": self.errors,
            "p50_ms": _round(percentile(ok, 50)),
            "p95_ms": _round(percentile(ok, 95)),
            "max_ms": _round(ok[-1] if ok else None),
            "mean_ms": _round(sum(ok) / len(ok) if ok else None),
            "throughput_rps": _round(len(ok) / self.wall_seconds if self.wall_seconds else None),
            "statuses": {str(status): n for status, n in sorted(self.statuses.items(), key=str)},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def percentile(ordered: list[float], p: float) -> float | None:
    """Nearest-rank percentile: the smallest value that ``p`` per cent of the values do not exceed."""
    if not ordered:
        return None
    return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)]


def fetch(port: int, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """One GET, for checks outside the measurement."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def measure(
    port: int, path: str, *, headers: dict[str, str], clients: int, requests: int, expect_status: int = 200
) -> Measurement:
    """``requests`` GETs of ``path``, shared among ``clients`` threads that all start at once."""
    result = Measurement()
    lock = threading.Lock()
    remaining = [requests]
    start = threading.Barrier(clients + 1)

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        start.wait()
        while True:
            with lock:
                if remaining[0] == 0:
                    break
                remaining[0] -= 1
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                status: int | str = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()  # reconnects on the next request
                status, body = type(error).__name__, b""
            elapsed_ms = (time.perf_counter() - began) * 1000
            with lock:
                result.count += 1
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status == expect_status:
                    result.latencies_ms.append(elapsed_ms)
                    result.bytes = len(body)
                else:
                    result.errors += 1
        connection.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    result.wall_seconds = time.perf_counter() - began
    return result
