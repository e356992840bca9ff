"""Blast radius: everything a compromised node reaches through data flow and IAM, and how.

`controls` means code execution as the controlled function, so the search goes on from that
function (and so through its role); `becomes` means holding another principal's permissions,
so it goes on from that principal; a user holds its groups' (`in_group`), so a group is
reached by its members. The reverse question, who can reach a node, follows the same edges
backwards.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.paths import concrete
from explorer.analysis.traverse import search, walk_back, walk_forward

PRINCIPAL = frozenset(
    {kinds.WRITES, kinds.READS, kinds.INVOKES, kinds.CONTROLS, kinds.PASSES, kinds.BECOMES}
)
FOLLOW = {
    kinds.ROLE: PRINCIPAL,
    kinds.USER: PRINCIPAL | {kinds.IN_GROUP},
    kinds.GROUP: PRINCIPAL,
    kinds.FUNCTION: frozenset({kinds.ASSUMES, kinds.TRIGGERS, kinds.WRITES, kinds.INVOKES}),
    kinds.STATE_MACHINE: frozenset({kinds.ASSUMES, kinds.TRIGGERS, kinds.WRITES}),
    kinds.IDENTITY_POOL: frozenset({kinds.ASSUMES}),
}
"""node kind -> edge kinds a compromise spreads along (others: data flow onwards)."""
DEFAULT = frozenset({kinds.TRIGGERS, kinds.WRITES, kinds.INVOKES, kinds.MEMBER})


@dataclass(frozen=True)
class Reach:
    """One node within reach: its kind, the kinds of access to it, and one explaining path."""

    node: str
    kind: str
    access: tuple[str, ...]
    path: tuple[str, ...]
    edges: tuple[str, ...]


def _follow(g: nx.MultiDiGraph, node: str) -> frozenset[str]:
    return FOLLOW.get(g.nodes[node].get("kind"), DEFAULT)


def blast_radius(g: nx.MultiDiGraph, start: str) -> list[Reach]:
    """Every node reachable from `start`, nearest first; hubs count as the resources behind them."""
    access: dict[str, set[str]] = {}

    def steps(node: str) -> list[tuple[str, str]]:
        follow = _follow(g, node)
        found = []
        for _, nxt, data in g.out_edges(node, data=True):
            kind = data.get("kind")
            if kind in follow:
                if kind != kinds.MEMBER:
                    access.setdefault(nxt, set()).add(kind)  # every way in, not only the first
                found.append((nxt, kind))
        return found

    parents = search([start], steps)
    return [_reach(g, parents, access, node) for node in parents if node != start
            and g.nodes[node].get("kind") != kinds.HUB]  # fmt: skip


def _reach(g, parents, access, node: str) -> Reach:
    nodes, edges = walk_back(parents, node)
    path, kinds_out = concrete(g, nodes, edges)
    granted = access.get(node) or access.get(nodes[-2], set()) if len(nodes) > 1 else set()
    return Reach(node, g.nodes[node].get("kind", ""), tuple(sorted(granted)), tuple(path),
                 tuple(kinds_out))  # fmt: skip


def reached_by(g: nx.MultiDiGraph, target: str) -> list[Reach]:
    """Every origin, principal or resource from which `target` can be reached."""

    def steps(node: str) -> list[tuple[str, str]]:
        found = []
        for prev, _, data in g.in_edges(node, data=True):
            allowed = _follow(g, prev) | (
                {kinds.EXPOSES} if g.nodes[prev].get("kind") == kinds.ORIGIN else set()
            )
            if data.get("kind") in allowed:
                found.append((prev, str(data.get("kind"))))
        return found

    parents = search([target], steps)
    found = []
    for node in parents:
        if node == target or g.nodes[node].get("kind") == kinds.HUB:
            continue
        nodes, edges = walk_forward(parents, node)  # node ... target, in the edges' direction
        path, kinds_out = concrete(g, nodes, edges)
        found.append(Reach(node, g.nodes[node].get("kind", ""), (), tuple(path), tuple(kinds_out)))
    return found
