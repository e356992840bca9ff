"""Crawl progress for people: a live bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from explorer.crawl.runner import UnitEvent


@contextmanager
def crawl_progress(quiet: bool = False) -> Iterator[Callable[[UnitEvent], None]]:
    """Yield a callback for unit events; live display only when stderr is a terminal."""
    if quiet:
        yield lambda _event: None
        return
    if not sys.stderr.isatty():
        yield _plain
        return
    console = Console(stderr=True)
    columns = (
        TextColumn("[bold]crawling"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(event: UnitEvent) -> None:
            label = f"{event.service} {event.region}"
            bar.update(task, completed=event.done, total=event.total, description=label)

        yield update


def _plain(event: UnitEvent) -> None:
    print(
        f"[{event.done}/{event.total}] {event.service} {event.region} "
        f"{event.status} in {event.seconds:.1f}s",
        file=sys.stderr,
        flush=True,
    )
