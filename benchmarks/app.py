"""Measure the app on a snapshot: first paint with data, full load, search keystroke, peak RSS.

    python benchmarks/app.py /tmp/synthetic.sqlite          # one JSON line of figures
    python benchmarks/synthetic/synth.py --functions 10000 --out /tmp/synthetic.sqlite   # make one

Runs the real app headless (`App.run_test`) in this fresh process, timed from the process's
start (imports included). "First paint with data" is when the Functions list first holds rows
(names, runtimes, regions: read straight from the snapshot); "trust columns" when the graph is
built and every list carries trust levels; "findings" when severities are filled in. The
search figure types five names one key at a time into the `/` screen and times each
keystroke's handler (the index search plus the result list update).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import asyncio  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

if __package__ in (None, ""):  # run as `python benchmarks/app.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.tui.app import ExplorerApp  # noqa: E402
from explorer.tui.screens.main import MainScreen  # noqa: E402
from explorer.tui.screens.search import SearchScreen  # noqa: E402

SIZE = (140, 40)


def _record(marks: dict[str, float]) -> None:
    """Note when the main screen has handled each loading message (no polling: a busy poll
    would steal the worker's time)."""
    for name in ("on_functions_previewed", "on_snapshot_loaded", "on_findings_computed",
                 "on_findings_failed"):  # fmt: skip
        original = getattr(MainScreen, name)

        def wrapped(self, message, _original=original, _name=name):
            _original(self, message)
            marks.setdefault(_name, time.perf_counter() - STARTED)

        setattr(MainScreen, name, wrapped)


async def _until(pilot, marks: dict[str, float], names: tuple[str, ...], timeout: float = 900):
    deadline = time.perf_counter() + timeout
    while not any(n in marks for n in names):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"no {names} in time")
        await pilot.pause(0.25)
    return next(marks[n] for n in names if n in marks)


def _queries(model, count: int = 5) -> list[str]:
    names = [model.name(r.item) for r in model_rows(model)]
    random.Random(7).shuffle(names)
    return [name[:12] for name in names[:count]]


def model_rows(model):
    from explorer.tui.lists import function_list

    return function_list(model).rows


async def _search_keystrokes(pilot, model) -> list[float]:
    timings: list[float] = []
    original = SearchScreen._search

    def timed(self, query):
        began = time.perf_counter()
        original(self, query)
        timings.append((time.perf_counter() - began) * 1000)

    SearchScreen._search = timed  # type: ignore[method-assign]
    try:
        for query in _queries(model):
            await pilot.press("slash", *query)
            await pilot.press("escape")
    finally:
        SearchScreen._search = original  # type: ignore[method-assign]
    return timings[1:] if timings else []


async def measure(path: Path) -> dict[str, float]:
    marks: dict[str, float] = {}
    _record(marks)
    app = ExplorerApp(path, path.parent)
    async with app.run_test(size=SIZE) as pilot:
        first = await _until(pilot, marks, ("on_functions_previewed",))
        loaded = await _until(pilot, marks, ("on_snapshot_loaded",))
        found = await _until(pilot, marks, ("on_findings_computed", "on_findings_failed"))
        keys = await _search_keystrokes(pilot, app.main.model)
    keys.sort()
    return {
        "first_paint_with_data_s": round(first, 3),
        "trust_columns_s": round(loaded, 3),
        "findings_s": round(found, 3),
        "search_keystroke_p50_ms": round(statistics.median(keys), 2),
        "search_keystroke_p95_ms": round(keys[int(len(keys) * 0.95) - 1], 2),
        "search_keystrokes": len(keys),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(asyncio.run(measure(Path(sys.argv[1])))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
