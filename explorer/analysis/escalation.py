"""Escalation is reachability over `becomes`: what a principal can become, multi-hop, and the
shortest explaining path to the strongest principal it reaches."""

from __future__ import annotations

from collections import deque

import networkx as nx

from explorer.analysis import kinds

Parents = dict[str, tuple[str, dict] | None]


class Becomes:
    """Breadth-first search over `becomes` edges (and a hub's edges to the principals it stands
    for), from as many principals as asked: each node's ways on are read from the graph once,
    not once per search (a role's many data edges are skipped once)."""

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self.g = g
        self._ways: dict[str, list[tuple[str, dict]]] = {}

    def parents(self, source: str) -> Parents:
        """node -> (parent, edge data), nearest first (hubs included, so a path through one
        names it), preferring an unconditional edge."""
        parents: Parents = {source: None}
        queue = deque([source])
        while queue:
            node = queue.popleft()
            for nxt, data in self.ways_on(node):
                if nxt not in parents:
                    parents[nxt] = (node, data)
                    queue.append(nxt)
        return parents

    def ways_on(self, node: str) -> list[tuple[str, dict]]:
        """(next node, edge) for each node `node` becomes: of several edges to the same node,
        one that surely holds."""
        found = self._ways.get(node)
        if found is None:
            from_hub = self.g.nodes[node].get("kind") == kinds.HUB
            found = []
            for nxt, keys in self.g._succ[node].items():
                edges = [e for e in keys.values() if _follows(e.get("kind"), from_hub)]
                if edges:
                    found.append((nxt, min(edges, key=lambda e: bool(e.get("conditional")))))
            self._ways[node] = found
        return found


def _follows(kind: object, from_hub: bool) -> bool:
    """`becomes` edges, and a hub's edges to the principals it stands for."""
    return kind == kinds.BECOMES or (from_hub and kind == kinds.MEMBER)


def becomes_parents(g: nx.MultiDiGraph, source: str) -> Parents:
    """One search from `source` (see `Becomes.parents`)."""
    return Becomes(g).parents(source)


def reachable(g: nx.MultiDiGraph, source: str) -> set[str]:
    """Every node `source` can become (hubs included)."""
    return set(becomes_parents(g, source))
