"""Blast radius: everything a compromised node reaches through data flow and IAM, and how.

`controls` means code execution as the controlled function, so the search goes on from that
function (and so through its role); `becomes` means holding another principal's permissions,
so it goes on from that principal; a user holds its groups' (`in_group`), so a group is
reached by its members. The reverse question, who can reach a node, follows the same edges
backwards.

`reads` lets data out of a resource to the reader, never into it, so a node reached by a read
is exposed but the compromise goes no further from it (reading a queue does not trigger what
it triggers, reading a function does not run as it): the search ends there, both ways. A
node's Access lists the access its shown path ends with first, then the compromise's other
ways in.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.paths import concrete
from explorer.analysis.traverse import Parents, search, walk_back, walk_forward

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
STRENGTH = {kind: rank for rank, kind in enumerate((
    kinds.CONTROLS, kinds.BECOMES, kinds.ASSUMES, kinds.PASSES, kinds.INVOKES, kinds.WRITES,
    kinds.TRIGGERS, kinds.EXPOSES, kinds.IN_GROUP, kinds.MEMBER, kinds.READS))}  # fmt: skip
"""Of several edges between the same two nodes, the path shows the strongest (control first,
a read last)."""


def _strongest_first(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(found, key=lambda step: STRENGTH.get(step[1], len(STRENGTH)))


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
    read: Parents = {}  # node -> its first reader: exposed, a leaf of the search

    def steps(node: str) -> list[tuple[str, str]]:
        follow = _follow(g, node)
        found = []
        for _, nxt, data in g.out_edges(node, data=True):
            kind = data.get("kind")
            if kind not in follow:
                continue
            if kind != kinds.MEMBER:
                access.setdefault(nxt, set()).add(kind)  # every way in, not only the first
            if kind == kinds.READS:
                _read(g, read, access, node, nxt)
            else:
                found.append((nxt, kind))
        return _strongest_first(found)

    parents = search([start], steps)
    for node, step in read.items():  # readers are reached first: a leaf's path is walked back
        parents.setdefault(node, step)
    return [_reach(g, parents, access, node) for node in parents if node != start
            and g.nodes[node].get("kind") != kinds.HUB]  # fmt: skip


def _read(g: nx.MultiDiGraph, read: Parents, access: dict, reader: str, node: str) -> None:
    """`reader` reads `node`; a hub read stands for every resource behind it."""
    read.setdefault(node, (reader, kinds.READS))
    if g.nodes[node].get("kind") == kinds.HUB:
        for _, member, data in g.out_edges(node, data=True):
            if data.get("kind") == kinds.MEMBER:
                read.setdefault(member, (node, kinds.MEMBER))
                access.setdefault(member, set()).add(kinds.READS)


def _reach(g, parents, access, node: str) -> Reach:
    nodes, edges = walk_back(parents, node)
    path, kinds_out = concrete(g, nodes, edges)
    shown = kinds_out[-1:] if kinds_out else []
    ways = set(access.get(node, ()))
    for hub, _, data in g.in_edges(node, data=True):  # a hub's ways in are its members' too
        if data.get("kind") == kinds.MEMBER and g.nodes[hub].get("kind") == kinds.HUB:
            ways |= access.get(hub, set())
    others = sorted(ways - set(shown) - {kinds.MEMBER})
    return Reach(node, g.nodes[node].get("kind", ""), (*shown, *others), tuple(path),
                 tuple(kinds_out))  # fmt: skip


def reached_by(g: nx.MultiDiGraph, target: str) -> list[Reach]:
    """Every origin, principal or resource from which `target` can be reached; each row's
    Access is the access its path ends with (how the target is reached).

    A read reaches only the target itself (or a hub standing for it): a node read on the way
    would pass nothing on. The target's own execution role reading it is no reach: a role's
    edges stand for the grants of the functions that run as it (DESIGN §5), so it is the
    function reading itself."""
    own = {v for _, v, d in g.out_edges(target, data=True) if d.get("kind") == kinds.ASSUMES}
    readable = {target} | {h for h, _, d in g.in_edges(target, data=True)
                           if d.get("kind") == kinds.MEMBER
                           and g.nodes[h].get("kind") == kinds.HUB}  # fmt: skip

    def steps(node: str) -> list[tuple[str, str]]:
        found = []
        for prev, _, data in g.in_edges(node, data=True):
            kind = data.get("kind")
            if kind == kinds.READS and (node not in readable or prev in own):
                continue
            allowed = _follow(g, prev) | (
                {kinds.EXPOSES} if g.nodes[prev].get("kind") == kinds.ORIGIN else set()
            )
            if kind in allowed:
                found.append((prev, str(kind)))
        return _strongest_first(found)

    parents = search([target], steps)
    found = []
    for node in parents:
        if node == target or g.nodes[node].get("kind") == kinds.HUB:
            continue
        nodes, edges = walk_forward(parents, node)  # node ... target, in the edges' direction
        path, kinds_out = concrete(g, nodes, edges)
        found.append(Reach(node, g.nodes[node].get("kind", ""), tuple(kinds_out[-1:]),
                           tuple(path), tuple(kinds_out)))  # fmt: skip
    return found
