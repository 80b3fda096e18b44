"""Run the benchmark: seed PostgreSQL at realistic volume, serve with gunicorn, measure from outside.

    make bench                                   every scenario at the volume its issue names
    .venv/bin/python bench/run.py --quick        a small smoke run (writes bench/results/scratch.json)
    .venv/bin/python bench/run.py --list         the scenarios

For each scenario: create (or reuse) its own database next to the one in
DATABASE_URL, migrate and seed it once; count each page's SQL queries in
process; start gunicorn with the platform (``gemeinwohl.wsgi``) and with the
ceiling (``bench.ceiling``); request every page with concurrent clients; write
``bench/results/latest.json`` and print a table. bench/README.md explains the figures.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ on the path; the harness imports bench.* and gemeinwohl.* from the project root.
sys.path[0] = str(ROOT)

from bench import database, load, report, scenarios, server  # noqa: E402
from bench.ceiling import ceiling_path  # noqa: E402

SETTINGS = "gemeinwohl.settings.base"
QUICK_REQUESTS = 10


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", action="append", help="run only this scenario (repeatable); default: all")
    parser.add_argument("--volume", type=int, help="rows to seed, in the scenario's unit; default: the issue's volume")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default: 4)")
    parser.add_argument("--requests", type=int, help="requests per page, shared by the clients (default: 50)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default: 2)")
    parser.add_argument("--quick", action="store_true", help="smoke run: small volume, 10 requests per page")
    parser.add_argument("--only", help="measure only the requests whose name contains this text")
    parser.add_argument("--reseed", action="store_true", help="drop and seed the scenario's database again")
    parser.add_argument("--output", type=Path, help="results file (default: bench/results/latest.json)")
    parser.add_argument("--list", action="store_true", help="list the scenarios and exit")
    parser.add_argument("--drop", action="store_true", help="drop every benchmark database and exit")
    args = parser.parse_args(argv)
    if args.requests is None:
        args.requests = QUICK_REQUESTS if args.quick else 50
    if args.clients < 1 or args.requests < 1 or args.workers < 1:
        parser.error("--clients, --requests and --workers must be at least 1")
    partial = args.quick or args.only
    args.keep_copy = args.output is None and not partial
    if args.output is None:
        args.output = report.RESULTS / ("scratch.json" if partial else "latest.json")
    return args


def log(message: str) -> None:
    print(message, flush=True)


def _volume(module, args) -> int:
    if args.volume is not None:
        return args.volume
    return module.QUICK_VOLUME if args.quick else module.DEFAULT_VOLUME


def measure_request(planned, *, app_port: int, ceiling_port: int, cookie: str, check: dict, args) -> dict:
    """One request against the platform and a body of the same size against the ceiling, each warmed up first."""
    headers = {"Accept-Language": "de", "User-Agent": "gemeinwohl-bench"}
    if cookie:
        headers["Cookie"] = cookie
    status, body = load.fetch(app_port, planned.path, headers)
    if status != planned.expect_status:
        log(f"  ! {planned.name}: {planned.path} answered {status}: {body[:200]!r}")
    options = {"headers": headers, "clients": args.clients}
    warmup = max(args.clients, 2 * args.workers)  # every worker has served the page before the clock runs
    load.measure(app_port, planned.path, requests=warmup, **options)
    measured = load.measure(
        app_port, planned.path, requests=args.requests, expect_status=planned.expect_status, **options
    ).summary()
    bare_path = ceiling_path(len(body))
    load.measure(ceiling_port, bare_path, requests=warmup, **options)
    ceiling = load.measure(ceiling_port, bare_path, requests=args.requests, **options).summary()
    log(
        f"  {planned.name}: p50 {measured['p50_ms']} ms, p95 {measured['p95_ms']} ms, "
        f"{measured['throughput_rps']} req/s, {measured['errors']} errors (ceiling p50 {ceiling['p50_ms']} ms)"
    )
    return {
        "name": planned.name,
        "path": planned.path,
        "as": planned.as_user,
        "status": status,
        "bytes": len(body),
        "queries": check["queries"],
        "sql_ms": check["sql_ms"],
        **measured,
        "ceiling": {"path": bare_path, **ceiling},
        "sql": check["sql"],
    }


def run_scenario(name: str, module, *, base_url: str, args, server_env: dict) -> dict:
    from django.db import connections

    from bench.querycount import Visitors

    volume = _volume(module, args)
    db = database.bench_database(base_url, scenario=name, volume=volume)
    log(f"\n{name}: {module.DESCRIPTION}")
    seed = database.prepare(base_url, db, scenario=module, volume=volume, reseed=args.reseed, log=log)
    planned = [r for r in module.requests(volume) if not args.only or args.only in r.name]

    # Query counts first, in this process, while no server competes for the CPU.
    visitors = Visitors()
    checks = {}
    for request in planned:
        check = checks[request.name] = visitors.queries(request.path, request.as_user)
        log(f"  {request.name}: {check['queries']} queries, {check['status']}, {check['bytes']:,} bytes")
    cookies = {request.as_user: visitors.cookie_header(request.as_user) for request in planned}
    extra = {}
    if hasattr(module, "in_process") and not args.only:
        # What a scenario measures in this process besides its pages (selectors, concurrent actions).
        extra["in_process"] = module.in_process(volume, log=log)
    connections.close_all()

    env = {**server_env, "DATABASE_URL": db.url}
    with (
        server.Gunicorn("gemeinwohl.wsgi:application", env=env, workers=args.workers) as app,
        server.Gunicorn("bench.ceiling:application", env=env, workers=args.workers, ready_path=ceiling_path(1)) as bare,
    ):
        log(f"  gunicorn: platform on 127.0.0.1:{app.port}, ceiling on 127.0.0.1:{bare.port}")
        results = [
            measure_request(
                request,
                app_port=app.port,
                ceiling_port=bare.port,
                cookie=cookies[request.as_user],
                check=checks[request.name],
                args=args,
            )
            for request in planned
        ]
        if hasattr(module, "crawl") and not args.only:
            from django.conf import settings

            log("  crawl: one client walks every list, every page …")
            extra["crawl"] = module.crawl(app.port, settings.SITE_URL.rstrip("/"))
            log(
                f"  crawl: {extra['crawl']['objects']:,} objects on {extra['crawl']['pages']:,} pages in "
                f"{extra['crawl']['seconds']} s, {extra['crawl']['objects_per_s']:,} objects/s"
            )
    return {
        "name": name,
        "description": module.DESCRIPTION,
        "volume": volume,
        "database": db.name,
        "seed": seed,
        "config": {"clients": args.clients, "requests": args.requests, "workers": args.workers},
        "requests": results,
        **extra,
    }


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.list:
        for name in scenarios.names():
            module = scenarios.load(name)
            log(f"{name:16} volume {module.DEFAULT_VOLUME:,} (quick: {module.QUICK_VOLUME:,})  {module.DESCRIPTION}")
        return 0

    base_url = os.environ.get("DATABASE_URL") or database.DEFAULT_URL
    if args.drop:
        for db in database.existing(base_url):
            database.drop(base_url, db)
            log(f"dropped {db.name}")
        return 0

    names = args.scenario or scenarios.names()
    modules = {name: scenarios.load(name) for name in names}
    first = database.bench_database(base_url, scenario=names[0], volume=_volume(modules[names[0]], args))
    # The same settings for this process (seed, query counts) and for gunicorn: the base settings, DEBUG off.
    server_env = {"DJANGO_SETTINGS_MODULE": SETTINGS, "DEBUG": "false"}
    os.environ.update({**server_env, "DATABASE_URL": first.url})
    import django
    from django.conf import settings

    django.setup()
    from bench import machine

    started_at = datetime.datetime.now().astimezone()
    began = time.perf_counter()
    log(f"Benchmark of {', '.join(names)}; database server {base_url.rsplit('/', 1)[0]}/…")
    load_now, cpus = os.getloadavg()[0], os.cpu_count() or 1
    if load_now > cpus / 2:
        log(f"! Load average {load_now:.1f} on {cpus} CPUs: other work is running, the timings will be noisy.")
    results = {
        "schema": 1,
        "started_at": started_at.isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": machine.describe(
            postgres_version=database.server_version(base_url), gunicorn_version=server.version()
        ),
        "config": {
            "clients": args.clients,
            "requests": args.requests,
            "workers": args.workers,
            "settings": SETTINGS,
            "debug": settings.DEBUG,
            "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE", 0),
            "only": args.only,
        },
        "scenarios": [],
    }
    for name, module in modules.items():
        results["scenarios"].append(run_scenario(name, module, base_url=base_url, args=args, server_env=server_env))
    results["seconds"] = round(time.perf_counter() - began, 1)
    results["machine"]["load_average_end"] = [round(load, 2) for load in os.getloadavg()]

    written = report.write(results, args.output)
    if args.keep_copy:
        for scenario in results["scenarios"]:
            copy = {**results, "scenarios": [scenario]}
            report.write(copy, report.RESULTS / f"{scenario['name']}-{started_at:%Y-%m-%d}.json")

    log("\n" + report.machine_line(results["machine"]))
    for scenario in results["scenarios"]:
        log("\n" + report.table(scenario))
    log(f"\nResults: {written.relative_to(ROOT) if written.is_relative_to(ROOT) else written} ({results['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
