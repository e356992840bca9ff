"""IAM users (and groups) whose own grants put data into a function's chain: they write an
event source of the function, or of a function upstream of it. Their credentials are a way in
that no trigger's auth guards, so `inputs` names them beside the untrusted origins."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.flow import allowed_from
from explorer.analysis.paths import concrete

WRITERS = frozenset({kinds.USER, kinds.GROUP})


@dataclass(frozen=True)
class Writer:
    """A user or group that can put data into the function's chain, and how."""

    principal: str
    kind: str
    path: tuple[str, ...]
    edges: tuple[str, ...]

    def as_json(self) -> dict:
        return {"principal": self.principal, "kind": self.kind, "path": list(self.path),
                "edges": list(self.edges)}  # fmt: skip


def writers(g: nx.MultiDiGraph, function: str) -> list[Writer]:
    """Every user or group reaching `function` along data-flow edges, nearest first."""
    parents: dict[str, tuple[str, str] | None] = {function: None}
    queue = deque([function])
    found = []
    while queue:
        node = queue.popleft()
        for prev, _, data in g.in_edges(node, data=True):
            kind = data.get("kind")
            if prev in parents or kind not in allowed_from(g.nodes[prev].get("kind")):
                continue
            parents[prev] = (node, kind)
            if g.nodes[prev].get("kind") in WRITERS:
                found.append(_writer(g, parents, prev))
            elif g.nodes[prev].get("kind") != kinds.ORIGIN:
                queue.append(prev)
    return found


def _writer(g: nx.MultiDiGraph, parents, node: str) -> Writer:
    nodes, edges = [node], []
    while parents[nodes[-1]] is not None:
        nxt, kind = parents[nodes[-1]]
        nodes.append(nxt)
        edges.append(kind)
    path, edge_kinds = concrete(g, nodes, edges)
    return Writer(node, g.nodes[node].get("kind", ""), tuple(path), tuple(edge_kinds))
