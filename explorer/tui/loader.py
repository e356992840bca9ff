"""Loading a snapshot in steps a worker can report: preview, analysis, view model, findings.

No Textual here: each step takes a `report(step, done, total)` callback, so the same code runs
in the app's worker, in benchmarks and in tests. The analysis layer is imported here, inside
the steps, so the app's first screen never waits for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.tui.lists import PENDING, ListData, Row, function_list_columns
from explorer.tui.shapes import sequence
from explorer.tui.view_model import FUNCTIONS

if TYPE_CHECKING:
    from explorer.analysis.analyze import Analysis
    from explorer.store.reader import Snapshot
    from explorer.tui.view_model import Model

Report = Callable[[str, int, int], None]
STEPS = ("opening the snapshot", "reading functions", "reading the tables",
         "building the graph", "tracing untrusted inputs", "preparing the lists")  # fmt: skip
"""Loading steps in order, as the progress bar names them."""
PREVIEW_SQL = "SELECT arn, name, runtime, package_type, region FROM functions"
"""Just what the first paint shows: one query, no JSON columns decoded."""


def resolve_path(path: Path | None, cache_dir: Path) -> Path:
    """The snapshot to open: the one given, else the newest complete one in the cache."""
    from explorer.store.catalog import newest_snapshot

    return path if path is not None else newest_snapshot(cache_dir)


def open_checked(path: Path) -> Snapshot:
    """open_snapshot, with unexpected failures turned into one sentence too.

    The whole-file part of the verdict runs on a thread of its own beside the preview and the
    build, and `analyze` waits for it before anything but the pending preview is shown (the
    CLI has judged the file in full before the app starts, and the picker's files are judged
    here)."""
    from explorer.store.reader import SnapshotError, open_snapshot

    try:
        return open_snapshot(path, check_in_background=True)
    except SnapshotError:
        raise
    except Exception as exc:  # e.g. a file that vanished or is unreadable between checks
        raise SnapshotError(f"{path} could not be read ({type(exc).__name__}: {exc}).") from exc


def preview_functions(snapshot: Snapshot) -> ListData:
    """Function rows from the functions table alone: name, runtime, region (the rest pending)."""
    waiting = ("…", "#8a8a8a")
    rows = []
    for arn, name, runtime, package, region in snapshot.db.conn.execute(PREVIEW_SQL):
        name, runtime, region = str(name), str(runtime or package or "-"), str(region or "-")
        cells = ((name, ""), waiting, PENDING, waiting, (runtime, ""), (region, ""))
        keys = (name.lower(), 9, 9, 0, runtime, region)
        rows.append(Row(arn, cells, keys, "", False))
    return ListData(FUNCTIONS, function_list_columns(), tuple(rows), pending=True)


def analyse(snapshot: Snapshot, report: Report) -> Analysis:
    """`analyze()`, each of its steps reported as the loading step of the same name."""
    from explorer.analysis.analyze import analyze

    def step(name: str) -> None:
        report(name, STEPS.index(name), len(STEPS))

    return analyze(snapshot, progress=step)


def prepare(path: Path, analysis: Analysis, report: Report) -> tuple[Model, dict[str, ListData]]:
    """The view model and every list, after the rest of the snapshot is read and the file let
    go; also loads the detail builders (first use is costly)."""
    from explorer.tui import details  # noqa: F401
    from explorer.tui.lists import build_lists
    from explorer.tui.view_model import build_model

    report(STEPS[5], 5, len(STEPS))
    analysis.finish_reading()
    model = build_model(path, analysis)
    return model, build_lists(model)


def compute_findings(model: Model, lists: dict[str, ListData]) -> dict[str, ListData]:
    """Attach findings to the model; the same lists, marked with severities, and the
    Findings tab."""
    from explorer.tui.lists import with_findings

    findings = list(model.analysis.findings)
    model.set_findings(findings)
    return with_findings(model, lists)


def load_all(path: Path, report: Report | None = None) -> tuple[Model, dict[str, ListData], float]:
    """Everything but findings, synchronously (benchmarks, tests, the diff view)."""
    started = time.perf_counter()
    say: Report = report or (lambda *_: None)
    analysis = analyse(open_checked(path), say)
    model, lists = prepare(path, analysis, say)
    return model, lists, time.perf_counter() - started


def describe_failure(exc: BaseException) -> str:
    """One sentence for a failure while loading (never a traceback)."""
    from explorer.store.reader import SnapshotError

    if isinstance(exc, SnapshotError):
        return str(exc)
    return f"the snapshot could not be analysed ({type(exc).__name__}: {exc})."


def meta_line(meta: dict[str, Any], path: Path) -> str:
    """Account, regions, finish time and file: the title bar's text."""
    regions = ", ".join(map(str, sequence(meta.get("regions")))) or "no regions"
    partial = "  PARTIAL CRAWL" if meta.get("partial") else ""
    return (f"account {meta.get('account', '?')} · {regions} · crawled {meta.get('finished', '?')}"
            f" · {path.name}{partial}")  # fmt: skip
