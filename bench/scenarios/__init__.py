"""Benchmark scenarios: one module per part of the platform under load.

A scenario module holds:

``DESCRIPTION``
    one line for ``run.py --list`` and the results file.
``DEFAULT_VOLUME`` / ``QUICK_VOLUME``
    the volume the issue asks for, and a small one for ``--quick`` smoke runs.
    What one unit of volume is (people, meetings, …) the module's docstring says.
``SEED_VERSION``
    raise it whenever ``seed`` changes, so that databases seeded by older code are rebuilt.
``seed(volume) -> dict``
    fills the (empty, migrated) benchmark database and returns the row counts it made.
    It runs once per database inside one transaction; the runner remembers that it did.
``requests(volume) -> list[Request]``
    the named requests to measure, built after seeding (so they can name real rows).

Each scenario gets its own database, so scenarios never change each other's figures.
"""

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Request:
    """One page to measure: a GET of ``path``, as the account ``as_user`` (an e-mail) or anonymously."""

    name: str
    path: str
    as_user: str | None = None
    expect_status: int = 200


def bench_account(*, role: str):
    """The benchmark's account with ``role``, made once through the accounts action like any other account."""
    from gemeinwohl.accounts.actions import user_create
    from gemeinwohl.accounts.models import User

    email = f"bench-{role.replace('_', '-')}@bench.example"
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        return existing
    # No password: the runner logs the account in through a session it creates itself.
    return user_create(email=email, name=f"Bench {role}", role=role)


def names() -> list[str]:
    return sorted(module.name for module in pkgutil.iter_modules(__path__) if not module.name.startswith("_"))


def load(name: str) -> ModuleType:
    if name not in names():
        raise SystemExit(f"Unknown scenario {name!r}; known: {', '.join(names())}")
    return importlib.import_module(f"{__name__}.{name}")
