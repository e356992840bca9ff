"""IAM users (and groups) whose own grants put data into a function's chain: they write an
event source of the function, or of a function upstream of it. Their credentials are a way in
that no trigger's auth guards, so `inputs` names them beside the untrusted origins."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.flow import allowed_from
from explorer.analysis.paths import concrete
from explorer.analysis.traverse import Parents, search, walk_forward

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
    nodes = g.nodes

    def steps(node: str) -> list[tuple[str, str]]:
        if node != function and nodes[node].get("kind") in (*WRITERS, kinds.ORIGIN):
            return []  # a writer or an origin: the way in ends there
        return [(prev, str(data.get("kind"))) for prev, _, data in g.in_edges(node, data=True)
                if data.get("kind") in allowed_from(nodes[prev].get("kind"))]  # fmt: skip

    parents = search([function], steps)
    return [_writer(g, parents, node) for node in parents
            if node != function and nodes[node].get("kind") in WRITERS]  # fmt: skip


def _writer(g: nx.MultiDiGraph, parents: Parents, node: str) -> Writer:
    nodes, edges = walk_forward(parents, node)
    path, edge_kinds = concrete(g, nodes, edges)
    return Writer(node, g.nodes[node].get("kind", ""), tuple(path), tuple(edge_kinds))
