"""The load + graph figure's breakdown: escalation work is timed once, however it nests."""

from __future__ import annotations

from benchmarks.figures import ESCALATION, Outermost


def test_escalation_time_names_only_the_outermost_call():
    watch = Outermost()
    inner = watch.wrap("search_escalations", lambda: None)
    outer = watch.wrap("add_becomes", lambda: inner())

    outer()

    assert watch.names == {"add_becomes"} and watch.depth == 0


def test_escalation_family_is_named_by_module_or_function():
    names = (
        "explorer.analysis.becomes.add_edges",
        "explorer.analysis.paths.escalation_paths",
        "explorer.analysis.access.add_access",
    )

    matched = [name for name in names if ESCALATION.search(name)]

    assert matched == list(names[:2])
