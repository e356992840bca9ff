"""Trigger-to-output chains: from each origin or source to where the data comes to rest.

A chain ends at a node that passes data nowhere further, at a node already on the chain
(a cycle, noted), or at the depth bound. Depth counts data hops: a function acting through its
role (`assumes`) or a hub standing for its members (`member`) moves no data, so a chain of
twelve functions joined by queues fits the default bound. The number of chains is capped, since
hubs and wide fan-out can multiply them; the result is `truncated` when the cap cut it or any
chain ended at the depth bound.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.paths import concrete
from explorer.analysis.taint import flow_adjacency

MAX_DEPTH = 32
"""Data hops: an entry, then a trigger and a write per function, for twelve functions and more."""
MAX_CHAINS = 5000
NOT_DATA = frozenset({kinds.ASSUMES, kinds.MEMBER})
"""Steps that move no data: a function acting as its role, a hub standing for its members."""


@dataclass(frozen=True)
class Chain:
    path: tuple[str, ...]
    edges: tuple[str, ...]
    ends: str
    """`rest` (data comes to rest), `cycle`, or `depth` (bound reached)."""


@dataclass(frozen=True)
class Chains:
    chains: tuple[Chain, ...]
    truncated: bool
    """Some chain was cut: by the cap on chains, or at the depth bound."""
    capped: bool = False
    """The cap on the number of chains cut the search."""


def starts(g: nx.MultiDiGraph) -> list[str]:
    """Every origin, then every source of data that nothing upstream feeds (e.g. schedules)."""
    origins = [n for n, a in g.nodes(data=True) if a.get("kind") == kinds.ORIGIN]
    adjacency = flow_adjacency(g)
    fed = {nxt for steps in adjacency.values() for nxt, _ in steps}
    exposed = {v for _, v, d in g.edges(data=True) if d.get("kind") == kinds.EXPOSES}
    sources = [
        n
        for n in adjacency
        if n not in fed
        and n not in exposed
        and g.nodes[n].get("kind") not in (kinds.ORIGIN, kinds.ROLE, kinds.FUNCTION, kinds.HUB)
    ]
    return sorted(origins) + sorted(sources)


def find_chains(
    g: nx.MultiDiGraph,
    start: str | None = None,
    max_depth: int = MAX_DEPTH,
    max_chains: int = MAX_CHAINS,
) -> Chains:
    """Chains from `start` (or from every origin and source)."""
    adjacency = flow_adjacency(g)
    for origin, entry, data in g.edges(data=True):
        if data.get("kind") == kinds.EXPOSES:
            adjacency.setdefault(origin, []).append((entry, kinds.EXPOSES))
    found: list[Chain] = []
    for first in [start] if start else starts(g):
        if not _walk(g, adjacency, [first], [], 0, found, max_depth, max_chains):
            return Chains(tuple(found), truncated=True, capped=True)
    return Chains(tuple(found), truncated=any(chain.ends == "depth" for chain in found))


def _walk(
    g,
    adjacency,
    path: list[str],
    edges: list[str],
    hops: int,
    found: list[Chain],
    max_depth: int,
    max_chains: int,
) -> bool:
    """Depth-first, `hops` data hops so far; returns False once the cap is reached."""
    steps = adjacency.get(path[-1], [])
    if not steps or hops >= max_depth:
        return _emit(g, path, edges, found, "rest" if not steps else "depth", max_chains)
    for nxt, edge in steps:
        if nxt in path and g.nodes[nxt].get("kind") != kinds.HUB:  # hubs stand for many: pass on
            if not _emit(g, [*path, nxt], [*edges, edge], found, "cycle", max_chains):
                return False
            continue
        further = hops + (edge not in NOT_DATA)
        if not _walk(g, adjacency, [*path, nxt], [*edges, edge], further, found, max_depth,
                     max_chains):  # fmt: skip
            return False
    return True


def _emit(g, path, edges, found: list[Chain], ends: str, max_chains: int) -> bool:
    if len(path) > 1:
        nodes, kinds_out = concrete(g, path, edges)
        found.append(Chain(tuple(nodes), tuple(kinds_out), ends))
    return len(found) < max_chains
