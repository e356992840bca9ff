"""One call from a snapshot to everything the reports need: estate, graph, untrusted inputs."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from explorer.analysis.build import build_graph
from explorer.analysis.estate import Estate, load_estate
from explorer.analysis.taint import UntrustedInput, untrusted_inputs
from explorer.store.reader import Snapshot


@dataclass
class Analysis:
    """The analysed snapshot. Findings are computed on first use (they cost the most)."""

    estate: Estate
    graph: nx.MultiDiGraph
    inputs: dict[str, list[UntrustedInput]]
    _findings: list[Any] | None = field(default=None, repr=False)

    @property
    def meta(self) -> dict[str, Any]:
        return self.estate.meta

    def finish_reading(self) -> None:
        """Read every table still on disk (so node rows hold every column), then release the
        snapshot: for a long-lived analysis (the app), which should not hold the file. The file
        is let go even when a table cannot be read (SnapshotError)."""
        try:
            self.estate.read_all()
        finally:
            self.estate.close()

    @property
    def findings(self) -> list[Any]:
        if self._findings is None:
            from explorer.analysis.findings.runner import find_all

            self._findings = find_all(self.estate, self.graph, inputs=self.inputs)
        return self._findings


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while building: the build allocates hundreds of thousands
    of acyclic objects, and repeated full collections over them cost a third of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


STEPS = ("reading the tables", "building the graph", "tracing untrusted inputs")
"""What `analyze` does, in order, as progress reports name it."""


def verified_graph(snapshot: Snapshot, estate: Estate) -> nx.MultiDiGraph:
    """The graph, built while the snapshot's background check (pages, JSON cells) runs on the
    other core; its verdict is awaited before the graph is used, and a build that fails on a
    damaged file reports the damage, not the failure it caused."""
    try:
        graph = build_graph(estate).g
    except Exception:
        snapshot.verify()
        raise
    snapshot.verify()
    return graph


def analyze(snapshot: Snapshot, progress: Callable[[str], None] | None = None) -> Analysis:
    """Estate, graph and untrusted inputs; `progress` hears each step's name as it starts.

    The analysis owns the snapshot from here on: it stays open so that the estate can read
    what the graph did not need when a report asks for it, until `Analysis.finish_reading`, and is
    closed at once if the analysis fails."""
    say = progress or (lambda _: None)
    try:
        with gc_paused():
            say(STEPS[0])
            estate = load_estate(snapshot, verify=False)
            say(STEPS[1])
            graph = verified_graph(snapshot, estate)
            say(STEPS[2])
            return Analysis(estate=estate, graph=graph, inputs=untrusted_inputs(graph))
    except BaseException:
        snapshot.close()
        raise
