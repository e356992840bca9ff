"""Runs a crawl: identity, regions, then every (service, region) unit on a worker pool."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

from explorer.crawl import registry
from explorer.crawl.client import ClientFactory, Target
from explorer.crawl.context import FAILURES, CrawlCancelled, CrawlContext
from explorer.crawl.metrics import ApiCallStats, InFlightCall
from explorer.crawl.redact import Redactor
from explorer.crawl.timeouts import TIMEOUTS
from explorer.crawl.util import arn_partition
from explorer.schema.records import CallError, Sink

DEFAULT_HOME_REGION = "us-east-1"


class CrawlFailed(Exception):
    """The crawl cannot start at all (no credentials, endpoint unreachable)."""


@dataclass(frozen=True)
class CrawlOptions:
    """What to crawl and how hard."""

    target: Target = field(default_factory=Target)
    regions: tuple[str, ...] = ()
    workers: int = 8
    services: tuple[str, ...] = ()
    watch_every: float = 1.0
    """Seconds between reports of the calls in flight (`CallsWaiting`)."""


@dataclass(frozen=True)
class UnitEvent:
    """Progress of one (service, region) unit: `started`, `finished` or `failed`."""

    service: str
    region: str
    status: str
    done: int
    total: int
    seconds: float = 0.0


@dataclass(frozen=True)
class CallsWaiting:
    """Every call in flight, longest-waiting first; sent every `watch_every` seconds, so a
    display can name what a quiet crawl is waiting for (and clear it when nothing is)."""

    calls: tuple[InFlightCall, ...]


Progress = Callable[[UnitEvent | CallsWaiting], None]
"""Receives unit events from the crawl's thread and `CallsWaiting` from a watcher thread."""


@dataclass
class CrawlSummary:
    """What the crawl covered, for the snapshot's meta table and the closing summary."""

    account: str
    partition: str
    caller_arn: str
    regions: list[str]
    started: str
    finished: str = ""
    errors: list[CallError] = field(default_factory=list)
    stats: ApiCallStats = field(default_factory=ApiCallStats)


class _CountingSink:
    """Passes rows through and keeps failed calls for the summary."""

    def __init__(self, sink: Sink, summary: CrawlSummary) -> None:
        self._sink, self._summary, self._lock = sink, summary, threading.Lock()

    def add(self, table: str, rows: list[dict[str, Any]]) -> None:
        self._sink.add(table, rows)

    def error(self, error: CallError) -> None:
        with self._lock:
            self._summary.errors.append(error)
        self._sink.error(error)


def now() -> str:
    """The current UTC time as ISO 8601."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def identify(clients: ClientFactory, home: str) -> dict[str, Any]:
    """The caller's identity; without it there is nothing to crawl. Gives up fast (probe)."""
    try:
        return clients.client("sts", home, probe=True).get_caller_identity()
    except TIMEOUTS as exc:
        where = clients.target.endpoint_url or f"AWS STS in {home}"
        wait = clients.target.probe_timeout
        raise CrawlFailed(
            f"cannot read the caller identity: {where} did not answer within {wait:g}s."
        ) from exc
    except FAILURES as exc:
        raise CrawlFailed(f"cannot read the caller identity ({exc})") from exc


@contextmanager
def watching(stats: ApiCallStats, progress: Progress, every: float) -> Iterator[None]:
    """Report the calls in flight every `every` seconds from a daemon thread, while inside."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(every):
            progress(CallsWaiting(tuple(stats.in_flight())))

    thread = threading.Thread(target=watch, name="crawl-watch", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def enabled_regions(ctx: CrawlContext, home: str) -> list[str]:
    """Regions enabled for the account; the home region alone if they cannot be listed."""
    response = ctx.call(ctx.client("ec2", home), "describe_regions")
    names = sorted(r["RegionName"] for r in (response or {}).get("Regions", []))
    return names or [home]


def units(regions: list[str], services: tuple[str, ...] = ()) -> list[tuple[ModuleType, str]]:
    """Every (module, region) pair to run, global services once in the home region."""
    pairs: list[tuple[ModuleType, str]] = []
    for module in registry.select(services):
        pairs.extend([(module, regions[0])] if registry.is_global(module) else
                     [(module, region) for region in regions])  # fmt: skip
    return pairs


def run_unit(ctx: CrawlContext, module: ModuleType, region: str) -> None:
    """One unit; a bug or surprise in it is recorded as a gap, never fatal to the crawl."""
    try:
        module.sync(ctx, region)
    except CrawlCancelled:
        raise
    except Exception as exc:
        ctx.sink.error(
            CallError(module.SERVICE, region, "sync", type(exc).__name__, str(exc)[:500])
        )


def crawl(
    options: CrawlOptions,
    sink: Sink,
    redactor: Redactor,
    progress: Progress = lambda _: None,
) -> CrawlSummary:
    """Crawl the account into `sink`. Ctrl-C stops the workers and propagates."""
    stats = ApiCallStats()
    try:
        clients = ClientFactory(options.target, stats, options.workers)
    except FAILURES as exc:
        raise CrawlFailed(f"cannot set up AWS access ({exc})") from exc
    with watching(stats, progress, options.watch_every):
        return _crawl(options, clients, sink, redactor, progress)


def _crawl(
    options: CrawlOptions,
    clients: ClientFactory,
    sink: Sink,
    redactor: Redactor,
    progress: Progress,
) -> CrawlSummary:
    """Identity, regions, then every unit."""
    stats = clients.stats
    home = options.regions[0] if options.regions else DEFAULT_HOME_REGION
    identity = identify(clients, home)
    summary = CrawlSummary(
        account=identity["Account"],
        partition=arn_partition(identity["Arn"]),
        caller_arn=identity["Arn"],
        regions=[],
        started=now(),
        stats=stats,
    )
    ctx = CrawlContext(
        clients=clients,
        sink=_CountingSink(sink, summary),
        account=summary.account,
        partition=summary.partition,
        redactor=redactor,
        workers=options.workers,
        stop=clients.stopping,
    )
    summary.regions = list(options.regions) or enabled_regions(ctx, home)
    _run_all(ctx, units(summary.regions, options.services), options.workers, progress)
    summary.finished = now()
    return summary


def _run_all(
    ctx: CrawlContext,
    todo: list[tuple[ModuleType, str]],
    workers: int,
    progress: Progress,
) -> None:
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="crawl")
    started: dict[Future[float], tuple[str, str]] = {}
    for module, region in todo:
        started[pool.submit(_timed, ctx, module, region)] = (module.SERVICE, region)
    pending = set(started)
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                service, region = started[future]
                seconds = future.result()
                total = len(started)
                progress(
                    UnitEvent(service, region, "finished", total - len(pending), total, seconds)
                )
    except BaseException:
        ctx.stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _timed(ctx: CrawlContext, module: ModuleType, region: str) -> float:
    start = time.perf_counter()
    run_unit(ctx, module, region)
    return time.perf_counter() - start
