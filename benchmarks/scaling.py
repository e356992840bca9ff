"""How the analysis figures grow with the account: one synthetic snapshot per size.

`python benchmarks/run.py --scaling 1000,10000,50000` prints a Markdown table: per size the
crawl of the synthetic account (canned transport, no latency), load + graph build and the
`becomes` edges + escalation search within it, untrusted inputs, findings, fuzzy search p95,
peak RSS, the app's first paint and RSS, and each figure's growth over the previous size
divided by the growth in functions (1.0 = linear).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from benchmarks.measure import cold_load, measure, progress
from benchmarks.synthetic.account import Sizes
from benchmarks.synthetic.synth import synthesize

FINDINGS_TIMEOUT = 1800.0
"""Findings grow faster than linearly today; past this many seconds the cell reads n/a."""

COLUMNS = (
    ("crawl (s)", "crawl"),
    ("load+graph (s)", "load_graph"),
    ("becomes (s)", "becomes"),
    ("inputs (s)", "taint"),
    ("findings (s)", "findings"),
    ("search p95 (ms)", "fuzzy"),
    ("peak RSS (MB)", "rss"),
    ("app first paint (s)", "paint"),
    ("app RSS (MB)", "app_rss"),
)


def measure_size(functions: int, runs: int) -> dict[str, Any]:
    """Every column for one size."""
    with tempfile.TemporaryDirectory(prefix="explorer-scaling-") as folder:
        snapshot = Path(folder) / "synthetic.sqlite"
        progress(f"scaling: synthetic crawl of {functions:,} functions")
        crawl = synthesize(Sizes(functions=functions), snapshot).seconds
        loaded = cold_load(snapshot, runs)
        taint = measure("taint", snapshot, runs)
        found = measure("findings", snapshot, 1, timeout=FINDINGS_TIMEOUT)
        fuzzy = measure("fuzzy", snapshot, 1)
        app = measure("first_paint", snapshot, 1, timeout=FINDINGS_TIMEOUT)
    return {
        "functions": functions,
        "nodes": loaded["nodes"],
        "crawl": crawl,
        "load_graph": loaded["seconds"],
        "becomes": loaded["becomes"],
        "taint": taint["seconds"],
        "findings": found.get("seconds"),
        "fuzzy": fuzzy["p95_ms"],
        "rss": max(found.get("rss_mb", 0.0), taint["rss_mb"]),
        "paint": app.get("seconds"),
        "app_rss": app.get("rss_mb"),
    }


def scaling_table(sizes: list[int], runs: int = 1) -> str:
    rows = [measure_size(n, runs) for n in sizes]
    head = "| functions | nodes | " + " | ".join(label for label, _ in COLUMNS) + " |"
    lines = [head, "|" + " --- |" * (len(COLUMNS) + 2)]
    previous: dict[str, Any] | None = None
    for row in rows:
        cells = [_cell(row, previous, key) for _, key in COLUMNS]
        lines.append(f"| {row['functions']:,} | {row['nodes']:,} | " + " | ".join(cells) + " |")
        previous = row
    lines.append("")
    lines.append(
        "(×k: growth over the previous size divided by the growth in functions; 1 = linear)"
    )
    return "\n".join(lines)


def _cell(row: dict[str, Any], previous: dict[str, Any] | None, key: str) -> str:
    value = row[key]
    if value is None:
        return "n/a"
    text = f"{value:.3g}" if value < 100 else f"{value:,.0f}"
    if previous and previous.get(key):
        growth = (value / previous[key]) / (row["functions"] / previous["functions"])
        text += f" (×{growth:.2f})"
    return text
