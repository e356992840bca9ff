"""Analysis figures, each measured in its own process so timings and peak RSS are clean.

    python benchmarks/figures.py FIGURE SNAPSHOT [--runs N]

prints one JSON object: the figure's values (seconds unless named otherwise) and the process's
peak RSS. `run.py` starts one such process per figure (one per run for the cold load).
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import re
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as `python benchmarks/figures.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import networkx as nx

from explorer.analysis import build, kinds
from explorer.analysis.analyze import gc_paused, verified_graph
from explorer.analysis.blast import blast_radius
from explorer.analysis.chains import find_chains
from explorer.analysis.estate import Estate, load_estate
from explorer.analysis.taint import untrusted_inputs
from explorer.store.reader import open_snapshot
from explorer.store.schema import data_tables

QUERIES = ("orders-inv", "payments-r", "thumbnail-", "audit-expo", "checkout-q", "paymnets-o")
"""Ten-character queries typed one key at a time for the search figure (the last has a typo,
two never match as substrings)."""


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def load(path: str, verify: bool = True) -> Estate:
    """As the analysis commands open a snapshot (integrity checked beside the reads); the
    estate keeps it open to read the columns the graph did not need when asked for them.
    `verify=False` leaves the verdict to `verified_graph`, as `analyze` does."""
    return load_estate(open_snapshot(path, check_in_background=True), verify=verify)


def graph_of(path: str) -> nx.MultiDiGraph:
    return build.build_graph(load(path)).g


ESCALATION = re.compile(r"becom|escalat", re.IGNORECASE)
"""Functions whose module or name says they build `becomes` edges or search for escalations:
the time the build spends in them is the "becomes edges + escalation search" figure."""


def load_graph(path: str, runs: int) -> dict[str, Any]:
    """Cold open + load + graph build as `analyze` runs them (cyclic GC paused), with the time
    of each builder step and of the escalation work. The snapshot's table declarations are
    imported first (they live in the crawl modules), as every `explorer` command has imported
    them by then."""
    data_tables()
    steps = _time_steps()
    escalation = _time_escalation()
    with gc_paused():
        load_seconds, estate = timed(lambda: load(path, verify=False))
        build_seconds, graph = timed(lambda: verified_graph(estate.source, estate))
    return {
        "seconds": load_seconds + build_seconds,
        "load": load_seconds,
        "build": build_seconds,
        "steps": steps,
        "becomes": escalation.seconds if escalation.names else None,
        "becomes_steps": sorted(escalation.names),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        **principals(graph),
    }


def principals(graph: nx.MultiDiGraph) -> dict[str, int]:
    """How many users and groups the graph holds, and how many `becomes` edges join them."""
    group, becomes = getattr(kinds, "GROUP", "group"), getattr(kinds, "BECOMES", "becomes")
    found = [a.get("kind") for _, a in graph.nodes(data=True) if a.get("known", True)]
    return {
        "users": found.count(kinds.USER),
        "groups": found.count(group),
        "becomes_edges": sum(1 for *_, kind in graph.edges(data="kind") if kind == becomes),
    }


def _time_steps() -> dict[str, float]:
    """Wrap each step `build_graph` calls (whatever they are named today) to time it."""
    steps: dict[str, float] = {}
    for name, step in list(vars(build).items()):
        if _ours(step) and name != "build_graph":
            setattr(build, name, _stopwatch(name, step, steps))
    return steps


def _ours(value: Any) -> bool:
    """A function of this project (not a class: a class's work happens in its methods)."""
    module = getattr(value, "__module__", None) or ""
    return callable(value) and not isinstance(value, type) and module.startswith("explorer.")


def _stopwatch(name: str, step: Callable[..., Any], into: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(step)
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + time.perf_counter() - start

    return run


@dataclass
class Outermost:
    """Time spent in a family of functions, a call made inside another of them counted once."""

    seconds: float = 0.0
    names: set[str] = field(default_factory=set)
    """The functions called from outside the family (what the time is made of)."""
    depth: int = 0

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.depth -= 1
                if not self.depth:
                    self.seconds += time.perf_counter() - start
                    self.names.add(name)

        return run


def _time_escalation() -> Outermost:
    """Wrap every function that `ESCALATION` names wherever another module imported it, so
    the build's escalation work is timed whichever step (or step of a step) calls it; calls
    inside the module that defines it are its own business, and not wrapped."""
    watch = Outermost()
    for module_name, module in list(sys.modules.items()):
        if not module_name.startswith("explorer.") or module is None:
            continue
        for name, value in list(vars(module).items()):
            defined = getattr(value, "__module__", None)
            if _ours(value) and defined != module_name and ESCALATION.search(f"{defined}.{name}"):
                setattr(module, name, watch.wrap(name, value))
    return watch


def repeated(fn: Callable[[], Any], runs: int) -> float:
    """The median time of `runs` calls."""
    return statistics.median(timed(fn)[0] for _ in range(runs))


def taint(path: str, runs: int) -> dict[str, Any]:
    graph = graph_of(path)
    reached = len(untrusted_inputs(graph))
    with gc_paused():  # as `analyze` runs it
        seconds = repeated(lambda: untrusted_inputs(graph), runs)
    return {"seconds": seconds, "functions": reached}


def central_role(graph: nx.MultiDiGraph) -> str:
    """The role most functions run as: a compromise there hurts the most."""
    roles = [n for n, a in graph.nodes(data=True) if a.get("kind") == kinds.ROLE]
    return max(roles, key=lambda r: (graph.in_degree(r), r))


def blast(path: str, runs: int) -> dict[str, Any]:
    graph = graph_of(path)
    node = central_role(graph)
    reached = len(blast_radius(graph, node))
    return {
        "seconds": repeated(lambda: blast_radius(graph, node), runs),
        "node": node,
        "reached": reached,
    }


def chains(path: str, runs: int) -> dict[str, Any]:
    graph = graph_of(path)
    found = find_chains(graph, start=kinds.INTERNET)
    return {
        "seconds": repeated(lambda: find_chains(graph, start=kinds.INTERNET), runs),
        "chains": len(found.chains),
        "truncated": found.truncated,
    }


def findings(path: str, runs: int) -> dict[str, Any]:
    """All findings (None when this checkout has no findings catalogue yet)."""
    try:
        from explorer.analysis.findings.runner import find_all
    except ImportError as exc:
        return {"seconds": None, "note": f"findings not available: {exc}"}
    estate = load(path)
    graph = build.build_graph(estate).g
    inputs = untrusted_inputs(graph)
    estate.read_all()  # the columns the graph did not need: reading, not finding
    seconds = repeated(lambda: find_all(estate, graph, inputs=inputs), runs)
    return {"seconds": seconds, "findings": len(find_all(estate, graph, inputs=inputs))}


def escalation_search(path: str, runs: int) -> dict[str, Any]:
    """The privilege-escalation rule alone: a search over `becomes` from every principal with
    a way out, and the strongest principal each reaches (None before that rule existed). The
    principals' compiled policies, which every IAM rule shares, are ready before timing."""
    try:
        from explorer.analysis.findings.context import Context, judgement_day
        from explorer.analysis.findings.escalations import escalation_findings
    except ImportError as exc:
        return {"seconds": None, "note": f"escalation search not available: {exc}"}
    estate = load(path)
    graph = build.build_graph(estate).g
    estate.read_all()
    ctx = Context(estate, graph, untrusted_inputs(graph), judgement_day(estate.meta, None))
    _ = ctx.principals
    with gc_paused():
        seconds = repeated(lambda: list(escalation_findings(ctx)), runs)
    return {"seconds": seconds, "findings": len(list(escalation_findings(ctx)))}


def fuzzy(path: str, runs: int) -> dict[str, Any]:
    """Per keystroke, in ms: the app's own search (`SearchIndex`: substring tiers, then
    rapidfuzz) and, for reference, plain `process.extract` (WRatio, top 50) over every name."""
    from rapidfuzz import process

    entries = [(n, str(a.get("name") or n)) for n, a in graph_of(path).nodes(data=True)]
    names = [name for _, name in entries]
    plain = _keystrokes(lambda q: process.extract(q, names, limit=50), runs)
    found = {"names": len(names), "wratio_p50_ms": plain[0], "wratio_p95_ms": plain[1]}
    try:
        from explorer.tui.search import SearchIndex
    except ImportError:
        return {**found, "p50_ms": plain[0], "p95_ms": plain[1], "searched": "WRatio"}
    index = SearchIndex(entries)
    app = _keystrokes(index.search, runs)
    return {**found, "p50_ms": app[0], "p95_ms": app[1], "searched": "SearchIndex"}


def _keystrokes(search: Callable[[str], Any], runs: int) -> tuple[float, float]:
    """(p50, p95) in ms of `search` on every prefix of each query, as typed."""
    samples = []
    for _ in range(runs):
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                seconds, _ = timed(lambda q=query[:end]: search(q))
                samples.append(seconds * 1000)
    return statistics.median(samples), statistics.quantiles(samples, n=20)[18]


def everything(path: str, runs: int) -> dict[str, Any]:
    """What `explorer findings` holds at its peak: estate, graph, untrusted inputs, findings."""
    estate = load(path)
    graph = build.build_graph(estate).g
    inputs = untrusted_inputs(graph)
    try:
        from explorer.analysis.findings.runner import find_all

        find_all(estate, graph, inputs=inputs)
        scope = "estate, graph, untrusted inputs, findings"
    except ImportError:
        scope = "estate, graph, untrusted inputs (no findings catalogue)"
    return {"scope": scope}


PAINT_TIMEOUT = 60.0
"""Seconds to wait for function rows on screen before giving up on the figure."""
DONE_TIMEOUT = 600.0
"""Seconds to wait for every list and the findings."""
FINDINGS_DONE = ("FindingsComputed", "FindingsFailed")
SHOWN = re.compile(r">([^<>]+)</text>")
"""Text runs of an SVG screenshot."""


def first_paint(path: str, runs: int) -> dict[str, Any]:
    """The app, headless at 160x48: seconds from start until function rows are on screen,
    until every list is ready (`SnapshotLoaded`) and until findings are shown. None with a
    note when there is no app or it does not get there."""
    try:
        from explorer.tui.app import ExplorerApp
    except ImportError as exc:
        return {"seconds": None, "note": f"no app to measure: {exc}"}
    import asyncio

    names = _function_names(path)
    try:
        samples = [asyncio.run(_paint_once(ExplorerApp, Path(path), names)) for _ in range(runs)]
    except Exception as exc:
        return {"seconds": None, "note": f"the app could not be measured: {exc}"}
    return {key: _median(s[key] for s in samples) for key in samples[0]}


def _median(values: Any) -> float | None:
    found = [v for v in values if v is not None]
    return statistics.median(found) if found else None


def _function_names(path: str) -> set[str]:
    snapshot = open_snapshot(path)
    try:
        return {str(row["name"]) for row in snapshot.rows("functions", raw=False)}
    finally:
        snapshot.close()


async def _paint_once(app_class: Any, path: Path, names: set[str]) -> dict[str, float | None]:
    import asyncio

    arrived: dict[str, float] = {}
    start = time.perf_counter()

    def hook(message: Any) -> None:
        arrived.setdefault(type(message).__name__, time.perf_counter() - start)

    def findings() -> float | None:
        return min((arrived[m] for m in FINDINGS_DONE if m in arrived), default=None)

    app = app_class(path, path.parent)
    async with app.run_test(size=(160, 48), message_hook=hook):
        painted = None
        while painted is None or findings() is None:
            waited = time.perf_counter() - start
            if waited > DONE_TIMEOUT or (painted is None and waited > PAINT_TIMEOUT):
                break
            if painted is None and _rows_shown(app.export_screenshot(), names) >= 5:
                painted = time.perf_counter() - start
            await asyncio.sleep(0.02)
    if painted is None:
        raise TimeoutError(f"no function rows on screen after {PAINT_TIMEOUT:.0f} s")
    return {"seconds": painted, "loaded": arrived.get("SnapshotLoaded"), "findings": findings()}


def _rows_shown(svg: str, names: set[str]) -> int:
    """How many function names the screen shows."""
    return sum(1 for text in SHOWN.findall(svg) if html.unescape(text).strip() in names)


FIGURES: dict[str, Callable[[str, int], dict[str, Any]]] = {
    "load_graph": load_graph,
    "taint": taint,
    "blast": blast,
    "chains": chains,
    "findings": findings,
    "escalation_search": escalation_search,
    "fuzzy": fuzzy,
    "peak_rss": everything,
    "first_paint": first_paint,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("figure", choices=sorted(FIGURES))
    parser.add_argument("snapshot")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    values = FIGURES[args.figure](args.snapshot, args.runs)
    values["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
