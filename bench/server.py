"""gunicorn, started for the benchmark on a free port of 127.0.0.1 and stopped again afterwards."""

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def version() -> str:
    import gunicorn

    return gunicorn.__version__


class Gunicorn:
    """``gunicorn <app>`` with ``workers`` sync workers, as a context manager.

    The server's own log goes to a temporary file and is shown if it fails to start.
    """

    def __init__(self, app: str, *, env: dict[str, str], workers: int, ready_path: str = "/"):
        self.app, self.env, self.workers, self.ready_path = app, env, workers, ready_path
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)  # noqa: SIM115

    @property
    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            self.app,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--chdir",
            str(ROOT),
            # The full export of a large address book may take a while on a slow machine.
            "--timeout",
            "300",
            "--log-level",
            "warning",
        ]

    def __enter__(self):
        self.port = free_port()
        self.process = subprocess.Popen(
            self.command, env={**os.environ, **self.env}, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )
        self._wait_until_ready()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if not self.log.closed:
            self.log.close()
            Path(self.log.name).unlink(missing_ok=True)

    def _wait_until_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", self.ready_path)
                status = connection.getresponse().status
                connection.close()
                if status < 500:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.log.flush()
        tail = Path(self.log.name).read_text(errors="replace")[-4000:]
        self.stop()
        raise SystemExit(f"gunicorn {self.app} did not start on port {self.port}:\n{tail}")
