"""Crawl progress names the calls it has been waiting on, on a terminal and in plain output."""

from __future__ import annotations

import io

from rich.console import Console, Group

from explorer.cli.progress import CrawlBar, PlainProgress
from explorer.crawl.metrics import InFlightCall
from explorer.crawl.runner import CallsWaiting, UnitEvent


def _call(call_id: int, seconds: float, operation: str = "GetPolicy") -> InFlightCall:
    return InFlightCall(call_id, "lambda", operation, "eu-west-1", seconds)


def test_plain_output_names_a_long_wait_once():
    out = io.StringIO()
    progress = PlainProgress(out)

    progress(CallsWaiting((_call(1, 12.2), _call(2, 1.0, "ListAliases"))))
    progress(CallsWaiting((_call(1, 13.2),)))

    assert out.getvalue() == "waiting 12s for lambda:GetPolicy in eu-west-1\n"


def test_plain_output_still_reports_finished_units():
    out = io.StringIO()

    PlainProgress(out)(UnitEvent("lambda", "eu-west-1", "finished", 1, 3, 2.04))

    assert out.getvalue() == "[1/3] lambda eu-west-1 finished in 2.0s\n"


def test_terminal_lists_the_calls_waiting_a_few_seconds_under_the_bar():
    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    bar = CrawlBar(console=console)
    bar.add_task("", total=None)

    bar.on_event(CallsWaiting((_call(1, 12.0), _call(2, 0.4, "ListAliases"))))
    console.print(Group(*bar.get_renderables()))

    shown = console.file.getvalue()
    assert "waiting 12s for lambda:GetPolicy in eu-west-1" in shown
    assert "ListAliases" not in shown


def test_terminal_clears_the_list_when_nothing_waits():
    bar = CrawlBar(console=Console(file=io.StringIO()))
    bar.add_task("", total=None)
    bar.on_event(CallsWaiting((_call(1, 12.0),)))

    bar.on_event(CallsWaiting(()))

    assert bar.waiting == ()
