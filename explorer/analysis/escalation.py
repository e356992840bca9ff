"""Escalation is reachability over `becomes`: what a principal can become, multi-hop, the
shortest explaining path hop by hop, who can become a node, and who can reach an
administrator at all."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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
        parents: Parents = {}
        for _ in self.discover(source, parents):
            pass
        return parents

    def discover(
        self, source: str, parents: Parents, toward: dict[str, int] | None = None
    ) -> Iterator[str]:
        """The nodes `source` can become, nearest first, as the search finds them (a caller
        that has found what it wants stops it there); `parents` fills in as it goes. Given
        `toward` (distances to a goal, `admin_distances`), only nodes on a shortest way to
        the goal: the same goal is found first, by the same path, as in the whole search
        (a node on a shortest way is always first reached from another one)."""
        parents[source] = None
        queue = deque([(source, 0)])
        goal = toward.get(source) if toward is not None else None
        while queue:
            node, depth = queue.popleft()
            for nxt, data in self.ways_on(node):
                if nxt in parents:
                    continue
                if goal is not None and toward.get(nxt) != goal - depth - 1:
                    continue
                parents[nxt] = (node, data)
                queue.append((nxt, depth + 1))
                yield nxt

    def ways_on(self, node: str) -> list[tuple[str, dict]]:
        """(next node, edge) for each node `node` becomes: of several edges to the same node,
        one that surely holds."""
        found = self._ways.get(node)
        if found is None:
            wanted = FROM_HUB if self.g._node[node].get("kind") == kinds.HUB else FROM_PRINCIPAL
            found = []
            for nxt, keys in self.g._succ[node].items():
                best = None
                for edge in keys.values():
                    if edge.get("kind") in wanted and (
                        best is None or (best.get("conditional") and not edge.get("conditional"))
                    ):
                        best = edge
                if best is not None:
                    found.append((nxt, best))
            self._ways[node] = found
        return found


FROM_PRINCIPAL = frozenset({kinds.BECOMES})
FROM_HUB = frozenset({kinds.BECOMES, kinds.MEMBER})
"""The edges a search over `becomes` follows: a hub's also lead to the principals it stands
for."""


def becomes_parents(g: nx.MultiDiGraph, source: str) -> Parents:
    """One search from `source` (see `Becomes.parents`)."""
    return Becomes(g).parents(source)


@dataclass(frozen=True)
class Hop:
    """One step of an escalation path: from, to (past any hub of roles), and the edge."""

    source: str
    target: str
    data: dict[str, Any]


def path_to(parents: Parents, node: str) -> tuple[list[str], list[dict]]:
    """(nodes, edges) of the search's path from its source to `node`."""
    nodes, edges = [node], []
    while (step := parents[nodes[-1]]) is not None:
        nodes.append(step[0])
        edges.append(step[1])
    return nodes[::-1], edges[::-1]


def fold_hops(g: nx.MultiDiGraph, nodes: list[str], edges: list[dict]) -> list[Hop]:
    """One hop per `becomes` edge of a path, a hub of roles folded into the role the path
    goes on to."""
    hops = []
    for index, data in enumerate(edges):
        if data.get("kind") == kinds.BECOMES:
            landing = index + 1
            while landing + 1 < len(nodes) and g.nodes[nodes[landing]].get("kind") == kinds.HUB:
                landing += 1
            hops.append(Hop(nodes[index], nodes[landing], data))
    return hops


def escalation_hops(g: nx.MultiDiGraph, source: str, target: str) -> list[Hop] | None:
    """The shortest `becomes` path from source to target, hop by hop; None when the target is
    out of reach."""
    parents = becomes_parents(g, source)
    if target not in parents or target == source:
        return None
    return fold_hops(g, *path_to(parents, target))


@dataclass(frozen=True)
class Becoming:
    """One `becomes` edge as seen from one end: the other principal, the edge, and the hub of
    roles it goes through (None: direct)."""

    other: str
    data: dict[str, Any]
    hub: str | None = None


def becomes_out(g: nx.MultiDiGraph, node: str) -> list[Becoming]:
    """The principals (or hubs of roles, or the account's administrator) the node can become."""
    return [Becoming(v, d) for _, v, d in g.out_edges(node, data=True)
            if d.get("kind") == kinds.BECOMES]  # fmt: skip


def becomes_in(g: nx.MultiDiGraph, node: str) -> list[Becoming]:
    """The principals that can become the node, directly or through a hub of roles."""
    found = [Becoming(u, d) for u, _, d in g.in_edges(node, data=True)
             if d.get("kind") == kinds.BECOMES]  # fmt: skip
    for hub in hubs_of(g, node):
        found += [Becoming(u, d, hub) for u, _, d in g.in_edges(hub, data=True)
                  if d.get("kind") == kinds.BECOMES]  # fmt: skip
    return found


def hubs_of(g: nx.MultiDiGraph, node: str) -> list[str]:
    """The hubs standing for the node ("every bucket", "19 roles named x*")."""
    return [u for u, _, d in g.in_edges(node, data=True)
            if d.get("kind") == kinds.MEMBER and g.nodes[u].get("kind") == kinds.HUB]  # fmt: skip


def _is_admin(attrs: dict) -> bool:
    return attrs.get("kind") == kinds.ADMIN or attrs.get("admin") == "yes"


def admin_reachers(g: nx.MultiDiGraph) -> set[str]:
    """Every principal that can become an administrator (the account's, or an
    admin-equivalent principal) over `becomes` edges, any number of hops."""
    nodes = g._node
    return {n for n in admin_distances(g)
            if not _is_admin(nodes[n]) and nodes[n].get("kind") != kinds.HUB}  # fmt: skip


def admin_distances(g: nx.MultiDiGraph) -> dict[str, int]:
    """node -> the fewest `becomes` hops (hubs counted) from it to an administrator, for every
    node that reaches one: one search backwards from them all, over the graph's own
    dictionaries (it reads every node once)."""
    nodes, pred = g._node, g._pred
    admin = kinds.ADMIN
    distance = {n: 0 for n, attrs in nodes.items()
                if attrs.get("kind") == admin or attrs.get("admin") == "yes"}  # fmt: skip
    queue = deque(distance)
    while queue:
        node = queue.popleft()
        for prev, keys in pred[node].items():
            if prev in distance:
                continue
            hub = nodes[prev].get("kind") == kinds.HUB
            if any(d.get("kind") == kinds.BECOMES or (hub and d.get("kind") == kinds.MEMBER)
                   for d in keys.values()):  # fmt: skip
                distance[prev] = distance[node] + 1
                queue.append(prev)
    return distance
