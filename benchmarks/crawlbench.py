"""Crawl figures: the real crawler against a synthetic account behind AWS-like rate limits.

The canned transport adds a fixed latency to every call and throttles each operation group at
AWS's published control-plane rate (`synthetic/limits.py`), answering as AWS does when the rate
is exceeded, so botocore's adaptive retry mode does the backing off. The figures: wall time, the
lower bound the limits imply (the busiest group's calls over its rate, per region, regions in
parallel), their ratio, and the speed-up over a one-worker crawl.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.synthetic.account import Sizes
from benchmarks.synthetic.limits import Bound, Pacer, lower_bound
from benchmarks.synthetic.synth import Synthesis, crawl_account
from benchmarks.synthetic.wiring import build_account
from explorer.store.reader import open_snapshot

PER_FUNCTION = {
    ("lambda", "ListAliases"),
    ("lambda", "GetPolicy"),
    ("lambda", "ListFunctionUrlConfigs"),
    ("lambda", "GetFunctionUrlConfig"),
    ("lambda", "ListFunctionEventInvokeConfigs"),
    ("lambda", "GetFunctionConcurrency"),
    ("logs", "DescribeSubscriptionFilters"),
}
"""Calls made once (or more) per function or per function's log group: no bulk call exists."""


@dataclass(frozen=True)
class CrawlRun:
    """One rate-limited crawl: its wall time, its calls, and the bound they imply."""

    workers: int
    seconds: float
    calls: list[dict[str, Any]]
    bound: Bound
    throttled: int
    requests: int
    errors: int


def api_calls(path: Path) -> list[dict[str, Any]]:
    snapshot = open_snapshot(path)
    try:
        return snapshot.rows("api_calls")
    finally:
        snapshot.close()


def calls_per_function(calls: list[dict[str, Any]], functions: int) -> dict[str, float]:
    """Per-function calls by operation (beyond the bulk listings), and their total."""
    per: dict[str, float] = {}
    for row in calls:
        if (row["service"], row["operation"]) in PER_FUNCTION:
            key = f"{row['service']}:{row['operation']}"
            per[key] = per.get(key, 0.0) + row["count"] / max(1, functions)
    return {"total": sum(per.values()), **{k: round(v, 3) for k, v in sorted(per.items())}}


def limited_crawl(
    sizes: Sizes, workers: int, latency: float, folder: Path, pacer: Pacer | None = None
) -> CrawlRun:
    """Crawl a fresh account of `sizes` under latency and rate limits."""
    out = folder / f"crawl-{workers}-{'paced' if pacer else 'adaptive'}.sqlite"
    result: Synthesis = crawl_account(
        build_account(sizes), out, workers, latency, limits=True, pacer=pacer
    )
    calls = api_calls(result.outcome.path)
    return CrawlRun(
        workers=workers,
        seconds=result.seconds,
        calls=calls,
        bound=lower_bound(calls),
        throttled=sum(result.transport.throttled.values()),
        requests=sum(result.transport.requests.values()),
        errors=len(result.outcome.summary.errors),
    )


def crawl_runs(
    functions: int, latency: float, workers: int = 8, one_worker: bool = True, paced: bool = False
) -> dict[str, CrawlRun]:
    """The crawl at `workers`; optionally the same with one worker, and with client pacing."""
    sizes = Sizes(functions=functions, seed=11)
    runs: dict[str, CrawlRun] = {}
    with tempfile.TemporaryDirectory(prefix="explorer-crawlbench-") as folder:
        runs["many"] = limited_crawl(sizes, workers, latency, Path(folder))
        if one_worker:
            runs["one"] = limited_crawl(sizes, 1, latency, Path(folder))
        if paced:
            runs["paced"] = limited_crawl(sizes, workers, latency, Path(folder), Pacer())
    return runs
