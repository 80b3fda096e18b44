"""The benchmark's own PostgreSQL databases, created, migrated and seeded once.

Each scenario and volume gets a database of its own, named after the one in
``DATABASE_URL`` with ``_bench_<scenario>_<volume>`` appended (for
``…/gemeinwohl``: ``gemeinwohl_bench_addressbook_5000``). So the benchmark
never writes to the developer's database or the test database, scenarios do
not change each other's figures, and a ``--quick`` run does not throw away
the full-volume seed. A small table ``bench_seed`` in each database records
that the seed finished, with which ``SEED_VERSION``: the next run reuses the
database as it is, and a changed seed rebuilds it.
"""

import json
import time
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/gemeinwohl"
POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "postgis")


@dataclass(frozen=True)
class BenchDatabase:
    name: str
    url: str


def _with_name(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _base_name(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        raise SystemExit(f"The benchmark runs on PostgreSQL; DATABASE_URL is {parts.scheme}://… ({url}).")
    return parts.path.lstrip("/") or "gemeinwohl"


def bench_database(base_url: str, *, scenario: str, volume: int) -> BenchDatabase:
    """The benchmark database for ``scenario`` at ``volume``, derived from the developer's ``base_url``."""
    name = f"{_base_name(base_url)}_bench_{scenario}_{volume}"
    if len(name) > 63:
        raise SystemExit(f"Database name {name!r} is longer than PostgreSQL allows (63).")
    return BenchDatabase(name=name, url=_with_name(base_url, name))


def _admin(base_url: str):
    """An autocommit connection to the server's maintenance database, for CREATE and DROP DATABASE."""
    import psycopg

    return psycopg.connect(_with_name(base_url, "postgres"), autocommit=True)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def exists(base_url: str, db: BenchDatabase) -> bool:
    with _admin(base_url) as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db.name]).fetchone() is not None


def create(base_url: str, db: BenchDatabase) -> None:
    with _admin(base_url) as admin:
        admin.execute(f"CREATE DATABASE {_quoted(db.name)}")


def drop(base_url: str, db: BenchDatabase) -> None:
    with _admin(base_url) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {_quoted(db.name)} WITH (FORCE)")


def existing(base_url: str) -> list[BenchDatabase]:
    """Every benchmark database on the server that belongs to ``base_url``'s database."""
    prefix = f"{_base_name(base_url)}_bench_"
    with _admin(base_url) as admin:
        rows = admin.execute("SELECT datname FROM pg_database ORDER BY datname").fetchall()
    return [BenchDatabase(name=name, url=_with_name(base_url, name)) for (name,) in rows if name.startswith(prefix)]


def use(db: BenchDatabase) -> None:
    """Point this process's Django connection at ``db`` (as Django's test runner does for the test database)."""
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    settings.DATABASES["default"]["NAME"] = db.name
    connections["default"].settings_dict["NAME"] = db.name


def _marker(scenario: str) -> dict | None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_seed (scenario text PRIMARY KEY, volume integer NOT NULL,"
            " version integer NOT NULL, rows jsonb NOT NULL, seconds double precision NOT NULL,"
            " seeded_at timestamptz NOT NULL DEFAULT now())"
        )
        cursor.execute(
            "SELECT volume, version, rows, seconds, seeded_at FROM bench_seed WHERE scenario = %s", [scenario]
        )
        row = cursor.fetchone()
    if row is None:
        return None
    volume, version, rows, seconds, seeded_at = row
    rows = json.loads(rows) if isinstance(rows, str) else rows
    return {"volume": volume, "version": version, "rows": rows, "seconds": seconds, "seeded_at": seeded_at.isoformat()}


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def prepare(base_url: str, db: BenchDatabase, *, scenario, volume: int, reseed: bool = False, log=print) -> dict:
    """Make ``db`` hold ``scenario`` at ``volume``: reuse a finished seed of the same version, else build it.

    Returns what the results file records about the seed.
    """
    from django.db import connection, transaction

    name = scenario.__name__.rsplit(".", 1)[-1]
    if reseed:
        drop(base_url, db)
    if not exists(base_url, db):
        create(base_url, db)
    use(db)
    _migrate()  # also after a reuse: new migrations of the app apply to the seeded data
    marker = _marker(name)
    if marker is not None and (marker["version"] != scenario.SEED_VERSION or marker["volume"] != volume):
        log(f"  {db.name}: seeded by an older seed (version {marker['version']}), rebuilding")
        connection.close()
        drop(base_url, db)
        create(base_url, db)
        _migrate()
        marker = _marker(name)
    if marker is not None:
        log(f"  {db.name}: reusing the seed of {marker['seeded_at'][:16]} ({_counts(marker['rows'])})")
        return {"reused": True, **marker}

    log(f"  {db.name}: seeding {name} at volume {volume} …")
    started = time.perf_counter()
    with transaction.atomic():
        rows = scenario.seed(volume)
        seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO bench_seed (scenario, volume, version, rows, seconds) VALUES (%s, %s, %s, %s, %s)",
                [name, volume, scenario.SEED_VERSION, json.dumps(rows), round(seconds, 2)],
            )
    # Fresh statistics, so the planner sees the real volumes from the first measured request on.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    log(f"  {db.name}: seeded in {seconds:.1f} s ({_counts(rows)})")
    return {"reused": False, **_marker(name)}


def _counts(rows: dict) -> str:
    return ", ".join(f"{count:,} {what.replace('_', ' ')}" for what, count in rows.items())


def server_version(base_url: str) -> str:
    with _admin(base_url) as admin:
        return admin.execute("SHOW server_version").fetchone()[0]
