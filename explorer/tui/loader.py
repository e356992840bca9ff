"""Loading a snapshot in steps a worker can report: preview, analysis, view model, findings.

No Textual here: each step takes a `report(step, done, total)` callback, so the same code runs
in the app's worker, in benchmarks and in tests.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from explorer.analysis.analyze import Analysis, gc_paused
from explorer.analysis.build import build_graph
from explorer.analysis.estate import load_estate
from explorer.analysis.taint import untrusted_inputs
from explorer.store.catalog import newest_snapshot
from explorer.store.reader import Snapshot, SnapshotError, open_snapshot
from explorer.tui.data import FUNCTIONS, Model, build_model
from explorer.tui.lists import ListData, Row, build_lists, function_list_columns

Report = Callable[[str, int, int], None]
STEPS = ("opening the snapshot", "reading functions", "reading every table",
         "building the graph", "tracing untrusted inputs", "preparing the lists")  # fmt: skip
"""Loading steps in order, as the progress bar names them."""


def resolve_path(path: Path | None, cache_dir: Path) -> Path:
    """The snapshot to open: the one given, else the newest complete one in the cache."""
    return path if path is not None else newest_snapshot(cache_dir)


def open_checked(path: Path) -> Snapshot:
    """open_snapshot, with unexpected SQLite failures turned into one sentence too."""
    try:
        return open_snapshot(path)
    except SnapshotError:
        raise
    except Exception as exc:  # e.g. a file that vanished or is unreadable between checks
        raise SnapshotError(f"{path} could not be read ({type(exc).__name__}: {exc}).") from exc


def preview_functions(snapshot: Snapshot) -> ListData:
    """Function rows from the functions table alone: name, runtime, region (the rest pending)."""
    columns = function_list_columns()
    rows = []
    for row in snapshot.rows("functions", raw=False):
        name, runtime = str(row.get("name")), str(row.get("runtime") or "-")
        region, waiting = str(row.get("region") or "-"), ("…", "#8a8a8a")
        cells = ((name, ""), waiting, waiting, waiting, (runtime, ""), (region, ""))
        keys = (name.lower(), 9, 9, 0, runtime, region)
        rows.append(Row(row["arn"], cells, keys, f"{name} {row['arn']}".lower(), False))
    return ListData(FUNCTIONS, columns, tuple(rows), pending=True)


def analyse(snapshot: Snapshot, report: Report) -> Analysis:
    """`analyze()`, step by step so each step can be reported (same steps, same order)."""
    total = len(STEPS)
    with gc_paused():
        report(STEPS[2], 2, total)
        estate = load_estate(snapshot)
        report(STEPS[3], 3, total)
        graph = build_graph(estate).g
        report(STEPS[4], 4, total)
        inputs = untrusted_inputs(graph)
    return Analysis(estate=estate, graph=graph, inputs=inputs)


def prepare(path: Path, analysis: Analysis, report: Report) -> tuple[Model, dict[str, ListData]]:
    report(STEPS[5], 5, len(STEPS))
    model = build_model(path, analysis)
    return model, build_lists(model)


def compute_findings(model: Model) -> dict[str, ListData]:
    """Attach findings to the model and rebuild the lists with their severities."""
    findings = list(model.analysis.findings)
    model.set_findings(findings)
    return build_lists(model)


def load_all(path: Path, report: Report | None = None) -> tuple[Model, dict[str, ListData], float]:
    """Everything but findings, synchronously (benchmarks, tests, the diff view)."""
    started = time.perf_counter()
    say: Report = report or (lambda *_: None)
    snapshot = open_checked(path)
    try:
        analysis = analyse(snapshot, say)
    finally:
        snapshot.close()
    model, lists = prepare(path, analysis, say)
    return model, lists, time.perf_counter() - started


def describe_failure(exc: BaseException) -> str:
    """One sentence for a failure while loading (never a traceback)."""
    if isinstance(exc, SnapshotError):
        return str(exc)
    return f"the snapshot could not be analysed ({type(exc).__name__}: {exc})."


def meta_line(meta: dict[str, Any], path: Path) -> str:
    """Account, regions, finish time and file: the title bar's text."""
    regions = ", ".join(meta.get("regions") or []) or "no regions"
    partial = "  PARTIAL CRAWL" if meta.get("partial") else ""
    return (f"account {meta.get('account', '?')} · {regions} · crawled {meta.get('finished', '?')}"
            f" · {path.name}{partial}")  # fmt: skip
