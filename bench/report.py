"""The results: a JSON file for comparing runs, and a table for reading them now."""

import json
import os
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"

COLUMNS = [
    # heading, key, width, format
    ("request", "name", 28, "{}"),
    ("status", "status", 6, "{}"),
    ("bytes", "bytes", 9, "{:,}"),
    ("queries", "queries", 7, "{}"),
    ("sql ms", "sql_ms", 7, "{:.1f}"),
    ("n", "count", 4, "{}"),
    ("p50 ms", "p50_ms", 8, "{:.1f}"),
    ("p95 ms", "p95_ms", 8, "{:.1f}"),
    ("max ms", "max_ms", 8, "{:.1f}"),
    ("req/s", "throughput_rps", 7, "{:.1f}"),
    ("err", "errors", 4, "{}"),
    ("ceil p50", "ceiling_p50_ms", 8, "{:.1f}"),
    ("ceil req/s", "ceiling_throughput_rps", 10, "{:.0f}"),
]


def _cell(value, width: int, fmt: str, left: bool) -> str:
    text = "–" if value is None else fmt.format(value)
    return text.ljust(width) if left else text.rjust(width)


def table(scenario: dict) -> str:
    lines = [
        f"{scenario['name']} at volume {scenario['volume']:,} ({scenario['database']}), "
        f"{scenario['config']['clients']} clients, {scenario['config']['requests']} requests each, "
        f"{scenario['config']['workers']} gunicorn workers"
    ]
    lines.append("  ".join(_cell(h, w, "{}", i == 0) for i, (h, _k, w, _f) in enumerate(COLUMNS)))
    lines.append("  ".join("-" * w for _h, _k, w, _f in COLUMNS))
    for request in scenario["requests"]:
        row = {
            **request,
            "ceiling_p50_ms": request["ceiling"]["p50_ms"] if request.get("ceiling") else None,
            "ceiling_throughput_rps": request["ceiling"]["throughput_rps"] if request.get("ceiling") else None,
        }
        lines.append("  ".join(_cell(row.get(k), w, f, i == 0) for i, (_h, k, w, f) in enumerate(COLUMNS)))
    if "crawl" in scenario:
        lines.append("")
        lines.append(crawl_table(scenario["crawl"]))
    return "\n".join(lines)


def crawl_table(crawl: dict) -> str:
    """A whole crawl by one client: per list, objects per second and the cost of its first and last page."""
    lines = [
        f"crawl: {crawl['objects']:,} objects on {crawl['pages']:,} pages in {crawl['seconds']} s "
        f"({crawl['objects_per_s']:,} objects/s)",
        f"{'list':14}  {'objects':>8}  {'pages':>6}  {'s':>7}  {'obj/s':>7}  {'first ms':>8}  {'last ms':>8}",
    ]
    for kind, row in crawl["lists"].items():
        lines.append(
            f"{kind:14}  {row['objects']:>8,}  {row['pages']:>6,}  {row['seconds']:>7.2f}  {row['objects_per_s']:>7,}"
            f"  {row['first_page_ms']:>8.1f}  {row['last_page_ms']:>8.1f}"
        )
    return "\n".join(lines)


def machine_line(machine: dict) -> str:
    return (
        f"{machine['cpu_count']} × {machine['cpu_model']}, {machine['memory_gib']} GiB, "
        f"Python {machine['python']}, Django {machine['django']}, gunicorn {machine['gunicorn']}, "
        f"PostgreSQL {machine['postgresql']}, load average {machine['load_average'][0]} at start, "
        f"{machine.get('load_average_end', ['–'])[0]} at the end"
    )


def write(results: dict, path: Path) -> Path:
    """Write ``results`` to ``path`` whole or not at all (a run that fails midway leaves the old file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".json.tmp")
    partial.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return path
