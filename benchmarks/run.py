"""Every figure of DESIGN §11, measured on this machine.

    python benchmarks/run.py --json              # the full run: 10,000 functions (~7 minutes)
    python benchmarks/run.py --quick             # a smoke run: 1,000 functions, one run each
    python benchmarks/run.py --scaling 1000,10000,50000   # how the analysis figures grow

It writes a synthetic snapshot through the real crawler (`synthetic/synth.py`), measures each
analysis figure in a fresh process (median of --runs), then runs the rate-limited crawl
benchmark (`crawlbench.py`). `--json` prints `{"machine": {...}, "figures": [...]}`; otherwise
a table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.crawlbench import api_calls, calls_per_function, crawl_runs
from benchmarks.measure import cold_load, measure, median_of, progress
from benchmarks.report import Figure, machine, markdown
from benchmarks.scaling import scaling_table
from benchmarks.synthetic.account import Sizes
from benchmarks.synthetic.limits import lower_bound
from benchmarks.synthetic.synth import synthesize


def load_figures(loaded: dict[str, Any]) -> list[Figure]:
    """Load + graph build, each step of the build, and the escalation work within it."""
    size = f"{loaded['nodes']:,} nodes, {loaded['edges']:,} edges"
    steps = loaded["steps"]
    figures = [
        Figure("load + graph build", loaded["seconds"], "s", 1.0, size),
        Figure("  of which: read the snapshot", loaded["load"], "s"),
        *(Figure(f"  of which: {step}", seconds, "s") for step, seconds in steps.items()),
        Figure(
            "  of which: the rest of the build",
            max(0.0, loaded["build"] - sum(steps.values())),
            "s",
            note="outside the steps, and waiting for the integrity check",
        ),
    ]
    return figures


def becomes_figure(loaded: dict[str, Any], search: dict[str, Any]) -> Figure:
    """What `becomes` edges and the escalation search add (issue 12): the build's time in
    them, plus the privilege-escalation rule, which searches from every principal."""
    name = "  becomes edges + escalation search"
    counts = (
        f"{loaded['users']:,} users, {loaded['groups']:,} groups, "
        f"{loaded['becomes_edges']:,} becomes edges"
    )
    if loaded["becomes"] is None:
        return Figure(name, None, "s", 0.3, f"{counts}; the build has no such step yet")
    steps = ", ".join(loaded["becomes_steps"])
    if search.get("seconds") is None:
        return Figure(name, loaded["becomes"], "s", 0.3, f"{counts}; in {steps}")
    total = loaded["becomes"] + search["seconds"]
    split = f"{loaded['becomes']:.2f} s in {steps}, {search['seconds']:.2f} s searching"
    return Figure(name, total, "s", 0.3, f"{counts}, {search['findings']:,} escalations; {split}")


def analysis_figures(snapshot: Path, runs: int) -> list[Figure]:
    """Load, graph, taint, findings, blast radius, chains, fuzzy search, peak RSS."""
    loaded = cold_load(snapshot, runs)
    figures = load_figures(loaded)
    figures.append(becomes_figure(loaded, measure("escalation_search", snapshot, runs)))
    taint = measure("taint", snapshot, runs)
    figures.append(
        Figure(
            "untrusted inputs, all functions",
            taint["seconds"],
            "s",
            0.5,
            f"{taint['functions']:,} functions reached",
        )
    )
    found = measure("findings", snapshot, runs)
    figures.append(
        Figure(
            "findings, all rules",
            found["seconds"],
            "s",
            note=found.get("note") or f"{found.get('findings', 0):,} findings",
        )
    )
    blast = measure("blast", snapshot, runs)
    figures.append(
        Figure(
            "blast radius of the most-used role",
            blast["seconds"],
            "s",
            note=f"{blast['reached']:,} nodes reached",
        )
    )
    chains = measure("chains", snapshot, runs)
    figures.append(
        Figure(
            "chains from the internet (capped)",
            chains["seconds"],
            "s",
            note=f"{chains['chains']:,} chains, truncated: {chains['truncated']}",
        )
    )
    fuzzy = measure("fuzzy", snapshot, runs)
    searched = f"{fuzzy['searched']} over {fuzzy['names']:,} names"
    figures += [
        Figure("search per keystroke, p50", fuzzy["p50_ms"], "ms", 20, searched),
        Figure("search per keystroke, p95", fuzzy["p95_ms"], "ms", 20, searched),
        Figure(
            "  reference: rapidfuzz WRatio top 50, p95",
            fuzzy["wratio_p95_ms"],
            "ms",
            note=f"p50 {fuzzy['wratio_p50_ms']:.1f} ms",
        ),
    ]
    peak = max(found["rss_mb"], taint["rss_mb"])
    figures.append(Figure("peak RSS, analysis", peak, "MB", 400, "estate, graph, inputs, findings"))
    return figures + app_figures(snapshot, runs)


def app_figures(snapshot: Path, runs: int) -> list[Figure]:
    """The app, headless (one process per run): first paint with data, every list, findings,
    and its peak RSS."""
    samples = [measure("first_paint", snapshot, 1) for _ in range(runs)]
    app = {key: median_of(samples, key) for key in samples[0]}
    if app.get("seconds") is None:
        return [Figure("app first paint with data", None, "s", 1.5, app.get("note", ""))]
    return [
        Figure("app first paint with data", app["seconds"], "s", 1.5, "function rows on screen"),
        Figure("app: every list ready", app.get("loaded"), "s", note="SnapshotLoaded"),
        Figure("app: findings shown", app.get("findings"), "s", note="FindingsComputed"),
        Figure("peak RSS, app", app["rss_mb"], "MB", 400, "app with everything loaded"),
    ]


def synth_figures(sizes: Sizes, snapshot: Path) -> list[Figure]:
    """Write the synthetic snapshot through the real crawler; its per-function call count."""
    progress(f"synthetic crawl of {sizes.functions:,} functions")
    result = synthesize(sizes, snapshot)
    calls = api_calls(snapshot)
    per = calls_per_function(calls, sizes.functions)
    total = per.pop("total")
    errors = len(result.outcome.summary.errors)
    counts = f"{sizes.functions:,} functions, no latency, {errors} failed calls"
    breakdown = ", ".join(f"{k} {v:g}" for k, v in per.items())
    bound = lower_bound(calls)
    limited = f"{bound.group} in {bound.region}: {bound.calls:,} calls"
    return [
        Figure("synthetic crawl (canned transport)", result.seconds, "s", note=counts),
        Figure("crawl: calls per function beyond bulk calls", total, "calls", 2.0, breakdown),
        Figure(
            "crawl: lower bound from rate limits, this account", bound.seconds, "s", note=limited
        ),
    ]


def crawl_figures(functions: int, latency: float, one_worker: bool, paced: bool) -> list[Figure]:
    """Wall time against the rate-limit bound, and the speed-up over one worker."""
    progress(f"rate-limited crawls of {functions} functions")
    runs = crawl_runs(functions, latency, one_worker=one_worker, paced=paced)
    many, one, pacing = runs["many"], runs.get("one"), runs.get("paced")
    setup = f"{functions} functions, 2 regions, {latency * 1000:.0f} ms per call"
    bound = f"{many.bound.group} in {many.bound.region}: {many.bound.calls} calls"
    throttled = f"{many.throttled} of {many.requests} requests throttled"
    figures = [
        Figure("crawl: wall time, 8 workers", many.seconds, "s", note=setup),
        Figure("crawl: lower bound from rate limits", many.bound.seconds, "s", note=bound),
        Figure("crawl: wall / lower bound", many.seconds / many.bound.seconds, "x", 1.5, throttled),
    ]
    if one is not None:
        figures.append(
            Figure(
                "crawl: speed-up over one worker",
                one.seconds / many.seconds,
                "x",
                note=f"one worker: {one.seconds:.1f} s",
            )
        )
    if pacing is not None:
        note = f"experiment: {pacing.seconds:.1f} s, {pacing.throttled} throttled"
        figures.append(
            Figure(
                "crawl: wall / lower bound, client-side pacing",
                pacing.seconds / pacing.bound.seconds,
                "x",
                1.5,
                note,
            )
        )
    return figures


def run(args: argparse.Namespace) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="explorer-bench-") as folder:
        snapshot = Path(args.snapshot or Path(folder) / "synthetic.sqlite")
        figures: list[Figure] = []
        if not args.snapshot:
            figures += synth_figures(Sizes(functions=args.functions), snapshot)
        figures += analysis_figures(snapshot, args.runs)
    if args.crawl_functions:
        figures += crawl_figures(
            args.crawl_functions, args.latency, not args.no_one_worker, args.pacing
        )
    return figures


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--functions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--snapshot", help="measure this snapshot instead of a new one")
    parser.add_argument(
        "--crawl-functions",
        type=int,
        default=300,
        help="size of the rate-limited crawl (0: skip it)",
    )
    parser.add_argument("--latency", type=float, default=0.02, help="seconds per call")
    parser.add_argument("--no-one-worker", action="store_true", help="skip the 1-worker crawl")
    parser.add_argument(
        "--pacing", action="store_true", help="also crawl with client-side pacing (an experiment)"
    )
    parser.add_argument("--quick", action="store_true", help="1,000 functions, one run each")
    parser.add_argument("--scaling", help="comma-separated sizes: the growth table instead")
    args = parser.parse_args(argv)
    if args.quick:
        args.functions, args.runs, args.crawl_functions = 1000, 1, min(args.crawl_functions, 40)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.scaling:
        print(scaling_table([int(n) for n in args.scaling.split(",")], args.runs))
        return 0
    figures = run(args)
    if args.json:
        document = {"machine": machine(), "figures": [f.as_dict() for f in figures]}
        print(json.dumps(document, indent=2))
    else:
        print(markdown(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
