"""Untrusted inputs: which origins reach each function, at what trust level, by what path.

One breadth-first search per (origin, trust level) from all of that origin's entry points at
once — not one search per function — over a compact adjacency list of data-flow edges (see
`flow.py`). Each reached function keeps the first, hence shortest, path.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.flow import allowed_from
from explorer.analysis.traverse import search, walk_back

UNTRUSTED = (
    kinds.ANONYMOUS,
    kinds.CROSS_ACCOUNT,
    kinds.ORGANIZATION,
    kinds.AUTHENTICATED,
    kinds.ACCOUNT_WIDE,
)
"""Every level but `internal`, most dangerous first."""


@dataclass(frozen=True)
class UntrustedInput:
    """One untrusted origin reaching a function, with one shortest explaining path."""

    origin: str
    trust: str
    entry: str
    path: tuple[str, ...]
    edges: tuple[str, ...]
    only: tuple[str, ...] = ()
    """What narrows the entry's exposure ("from 203.0.113.7/32"); empty when nothing does."""


Adjacency = dict[str, list[tuple[str, str]]]


def flow_adjacency(g: nx.MultiDiGraph) -> Adjacency:
    """node -> [(next node, edge kind)] over data-flow edges only (`exposes` aside), built
    once, in `g.out_edges` order, from the graph's own adjacency dicts (`g.adjacency()`):
    an edge view per node costs twice the whole search."""
    adjacency: Adjacency = {}
    attrs = g.nodes
    for node, neighbours in g.adjacency():
        if not neighbours:
            continue
        allowed = allowed_from(attrs[node].get("kind"))
        steps = [
            (nxt, kind)
            for nxt, keyed in neighbours.items()
            for data in keyed.values()
            if (kind := data.get("kind")) in allowed and kind != kinds.EXPOSES
        ]
        if steps:
            adjacency[node] = steps
    return adjacency


Exposed = tuple[str, str, tuple[str, ...]]
"""(origin, trust level, what narrows it)."""


def exposures(g: nx.MultiDiGraph) -> dict[Exposed, set[str]]:
    """(origin, trust, narrowing) -> entry points, from `exposes` edges (which leave origin
    nodes only, DESIGN §5) at untrusted levels."""
    found: dict[Exposed, set[str]] = {}
    succ = g.succ
    for origin in [n for n, kind in g.nodes(data="kind") if kind == kinds.ORIGIN]:
        for entry, keyed in succ[origin].items():
            for data in keyed.values():
                if data.get("kind") == kinds.EXPOSES and data.get("trust") in UNTRUSTED:
                    key = (origin, data["trust"], tuple(data.get("only") or ()))
                    found.setdefault(key, set()).add(entry)
    return found


def untrusted_inputs(
    g: nx.MultiDiGraph, targets: set[str] | None = None, stop: frozenset[str] = frozenset()
) -> dict[str, list[UntrustedInput]]:
    """For every function (or every node of `targets`) reached by an untrusted origin: each
    origin, most dangerous first. Data is not followed out of the `stop` nodes.

    An origin that reaches a function through an entry nothing narrows is reported once, so;
    otherwise once per distinct narrowing ("only from 203.0.113.7/32")."""
    adjacency = flow_adjacency(g)
    for node in stop:
        adjacency.pop(node, None)
    functions = targets if targets is not None else function_nodes(g)
    result: dict[str, list[UntrustedInput]] = {}
    open_to: set[tuple[str, str, str]] = set()
    for (origin, trust, only), entries in sorted(exposures(g).items(), key=_most_dangerous):
        parents = search(sorted(entries), adjacency)
        for function in functions & parents.keys():
            if (function, origin, trust) in open_to:
                continue
            if not only:
                open_to.add((function, origin, trust))
            nodes, edges = walk_back(parents, function)
            path, kinds_ = (origin, *nodes), (kinds.EXPOSES, *edges)
            found = UntrustedInput(origin, trust, nodes[0], path, kinds_, only)
            result.setdefault(function, []).append(found)
    return result


def function_nodes(g: nx.MultiDiGraph) -> set[str]:
    return {n for n, a in g.nodes(data=True) if a.get("kind") == kinds.FUNCTION}


def _most_dangerous(item: tuple[Exposed, set[str]]) -> tuple[int, bool, str, tuple[str, ...]]:
    """Most dangerous level first; within it, what nothing narrows before what something does."""
    (origin, trust, only), _ = item
    return kinds.TRUST_ORDER.index(trust), bool(only), origin, only
