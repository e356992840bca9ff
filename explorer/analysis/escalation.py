"""Escalation is reachability over `becomes`: what a principal can become, multi-hop, and the
shortest explaining path to the strongest principal it reaches."""

from __future__ import annotations

from collections import deque

import networkx as nx

from explorer.analysis import kinds


def _follows(kind: object, from_hub: bool) -> bool:
    """`becomes` edges, and a hub's edges to the principals it stands for."""
    return kind == kinds.BECOMES or (from_hub and kind == kinds.MEMBER)


def becomes_parents(g: nx.MultiDiGraph, source: str) -> dict[str, tuple[str, dict] | None]:
    """Breadth-first over `becomes` from `source`: node -> (parent, edge data), nearest first
    (hubs included, so a path through one names it)."""
    parents: dict[str, tuple[str, dict] | None] = {source: None}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        from_hub = g.nodes[node].get("kind") == kinds.HUB
        for nxt, keys in g._succ[node].items():
            if nxt in parents:
                continue
            data = next((e for e in keys.values() if _follows(e.get("kind"), from_hub)), None)
            if data is not None:
                parents[nxt] = (node, data)
                queue.append(nxt)
    return parents


def reachable(g: nx.MultiDiGraph, source: str) -> set[str]:
    """Every node `source` can become (hubs included)."""
    return set(becomes_parents(g, source))
