"""What each per-item answer depends on (`coverage.Scope`): the nodes it names, the nodes whose
unknown exposure could change it, and the nodes whose unknown outgoing links could. Each region
is computed on first use."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.blast import Reach
from explorer.analysis.chains import Chains
from explorer.analysis.coverage import EVERYWHERE, Scope
from explorer.analysis.flow import allowed_from
from explorer.analysis.taint import UntrustedInput, exposures

FOLDED = frozenset({kinds.ORIGIN, kinds.HUB})
"""Nodes whose neighbours are not theirs alone ("the internet", "every bucket"): an answer
through them does not name everything they touch."""


class InputsScope(Scope):
    """Untrusted inputs of a function: every node that reaches it (an origin may reach any of
    them unseen), and every node untrusted data reaches or whose own exposure is unknown (a
    hidden link out of it may carry that data to the function)."""

    unknown_exposure_links = True

    def __init__(self, g: nx.MultiDiGraph, function: str, found: list[UntrustedInput]) -> None:
        self.g, self.function, self.found = g, function, found

    @cached_property
    def named(self) -> frozenset[str]:  # type: ignore[override]
        return neighbourhood(self.g, [self.function, *(n for i in self.found for n in i.path)])

    @cached_property
    def exposure(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset(_walk(self.g, [self.function], backwards=True))

    @cached_property
    def links(self) -> frozenset[str]:  # type: ignore[override]
        entries = {entry for found in exposures(self.g).values() for entry in found}
        return self.exposure | _walk(self.g, entries, backwards=False)


class BlastScope(Scope):
    """Blast radius both ways: what the node reaches and who reaches it. Any resource whose
    outgoing links are unknown may reach it through them, so those gaps touch it anywhere."""

    def __init__(self, g: nx.MultiDiGraph, node: str, reachable: list[Reach],
                 reached_by: list[Reach]) -> None:  # fmt: skip
        self.g, self.node, self.reachable, self.reached_by = g, node, reachable, reached_by

    @cached_property
    def named(self) -> frozenset[str]:  # type: ignore[override]
        forward = {n for r in self.reachable for n in r.path}
        return neighbourhood(self.g, forward | self.exposure)

    @cached_property
    def exposure(self) -> frozenset[str]:  # type: ignore[override]
        return frozenset({self.node, *(n for r in self.reached_by for n in r.path)})


class ChainsScope(Scope):
    """Chains from one node: the nodes on them; from an origin, any unknown exposure too."""

    def __init__(self, g: nx.MultiDiGraph, start: str, result: Chains) -> None:
        self.g = g
        self.on = frozenset({start, *(n for chain in result.chains for n in chain.path)})
        if g.nodes[start].get("kind") != kinds.ORIGIN:
            self.exposure = self.on
        self.links = self.on

    @cached_property
    def named(self) -> frozenset[str]:  # type: ignore[override]
        return neighbourhood(self.g, self.on)


def inputs_scope(g: nx.MultiDiGraph, function: str, found: list[UntrustedInput]) -> Scope:
    return InputsScope(g, function, found)


def blast_scope(
    g: nx.MultiDiGraph, node: str, reachable: list[Reach], reached_by: list[Reach]
) -> Scope:
    return BlastScope(g, node, reachable, reached_by)


def chains_scope(g: nx.MultiDiGraph, start: str | None, result: Chains) -> Scope:
    """All chains (or a result cut short) depend on everything."""
    if start is None or result.truncated:
        return EVERYWHERE
    return ChainsScope(g, start, result)


def neighbourhood(g: nx.MultiDiGraph, nodes: Iterable[str]) -> frozenset[str]:
    """The nodes and every node one edge away, either way (not through origins and hubs)."""
    found = set(nodes)
    attrs, succ, pred = g._node, g._succ, g._pred  # as `_walk` reads them
    for node in list(found):
        if node in attrs and attrs[node].get("kind") not in FOLDED:
            found.update(succ[node])
            found.update(pred[node])
    return frozenset(found)


def _walk(g: nx.MultiDiGraph, starts: Iterable[str], backwards: bool) -> set[str]:
    """Every node data flows to from `starts` (or, backwards, from which it flows to them),
    by the one rule of `flow.allowed_from`; the starts included. Reads networkx's adjacency
    dicts directly, as `graph.EstateGraph` writes them: views cost three times the walk."""
    found = set(starts)
    queue, attrs = list(found), g._node
    adjacency = g._pred if backwards else g._succ
    for node in queue:
        out_of = None if backwards else allowed_from(attrs[node].get("kind"))
        for other, keyed in adjacency[node].items():
            if other in found:
                continue
            allowed = out_of or allowed_from(attrs[other].get("kind"))
            for data in keyed.values():
                if data.get("kind") in allowed:
                    found.add(other)
                    queue.append(other)
                    break
    return found
