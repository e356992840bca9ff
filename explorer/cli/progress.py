"""Crawl progress for people: a live bar on a terminal, plain lines otherwise; both name the calls
the crawl has been waiting on for a while, so a quiet crawl never looks stuck for no reason."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from explorer.crawl.metrics import InFlightCall
from explorer.crawl.runner import CallsWaiting
from explorer.crawl.runner import Progress as ProgressCallback

SHOW_AFTER = 3.0
"""On a terminal: seconds a call waits before it is listed under the bar."""

SHOW_AT_MOST = 5
"""On a terminal: calls listed under the bar at most (the rest are counted)."""

PRINT_AFTER = 10.0
"""Not on a terminal: seconds a call waits before one line names it."""


def waiting_line(call: InFlightCall) -> str:
    """`waiting 12s for lambda:GetPolicy in eu-west-1`."""
    return f"waiting {call.seconds:.0f}s for {call.service}:{call.operation} in {call.region}"


@contextmanager
def crawl_progress(quiet: bool = False) -> Iterator[ProgressCallback]:
    """Yield a callback for crawl events; live display only when stderr is a terminal."""
    if quiet:
        yield lambda _event: None
    elif not sys.stderr.isatty():
        yield PlainProgress()
    else:
        with _live() as callback:
            yield callback


class PlainProgress:
    """One line per finished unit, and one per call the first time it has waited long."""

    def __init__(self, out: Any = None) -> None:
        self.out = out
        self._named: set[int] = set()

    def __call__(self, event: Any) -> None:
        if isinstance(event, CallsWaiting):
            for call in event.calls:
                if call.seconds >= PRINT_AFTER and call.call_id not in self._named:
                    self._named.add(call.call_id)
                    self._print(waiting_line(call))
            return
        self._print(
            f"[{event.done}/{event.total}] {event.service} {event.region} "
            f"{event.status} in {event.seconds:.1f}s"
        )

    def _print(self, line: str) -> None:
        print(line, file=self.out or sys.stderr, flush=True)


class CrawlBar(Progress):
    """The bar, and beneath it the calls that have been waiting for a while."""

    waiting: tuple[InFlightCall, ...] = ()

    def get_renderables(self) -> Iterable[Any]:
        yield from super().get_renderables()
        for call in self.waiting[:SHOW_AT_MOST]:
            yield Text(waiting_line(call), style="yellow")
        if len(self.waiting) > SHOW_AT_MOST:
            yield Text(f"... and {len(self.waiting) - SHOW_AT_MOST} more", style="yellow")

    def on_event(self, event: Any) -> None:
        """Update the bar from a unit event, or the waiting list from `CallsWaiting`."""
        if isinstance(event, CallsWaiting):
            self.waiting = tuple(c for c in event.calls if c.seconds >= SHOW_AFTER)
            return
        label = f"{event.service} {event.region}"
        self.update(self.task_ids[0], completed=event.done, total=event.total, description=label)


@contextmanager
def _live(console: Console | None = None) -> Iterator[ProgressCallback]:
    columns = (
        TextColumn("[bold]crawling"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
    )
    with CrawlBar(*columns, console=console or Console(stderr=True), transient=True) as bar:
        bar.add_task("", total=None)
        yield bar.on_event
