"""The most dangerous trust level whose data reaches each node: the badge on every path hop."""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis import kinds
from explorer.analysis.flow import allowed_from
from explorer.analysis.taint import UNTRUSTED
from explorer.analysis.traverse import search
from explorer.tui.levels import trust_rank

if TYPE_CHECKING:
    import networkx as nx

Adjacency = dict[str, list[str]]


def node_trust(g: nx.MultiDiGraph) -> dict[str, str]:
    """node -> worst untrusted level reaching it (origins: the worst level they expose).

    One breadth-first search per level over data-flow edges, most dangerous level first, so a
    node keeps the first (worst) level that reaches it. Unreached nodes are absent: only the
    account itself (or nothing) sends them data.
    """
    adjacency, by_level, found = _flow(g)
    for level in UNTRUSTED:
        _spread(adjacency, by_level[level], level, found)
    return found


def _flow(g: nx.MultiDiGraph) -> tuple[Adjacency, dict[str, list[str]], dict[str, str]]:
    """One pass over the edges: data-flow adjacency, entries per untrusted level, and each
    origin's worst level (the same rules as `taint.flow_adjacency` and `taint.exposures`)."""
    node_kind = {n: a.get("kind") for n, a in g.nodes(data=True)}
    allowed = {kind: allowed_from(kind) for kind in set(node_kind.values())}
    adjacency: Adjacency = {}
    by_level: dict[str, list[str]] = {level: [] for level in UNTRUSTED}
    origins: dict[str, str] = {}
    for u, v, d in g.edges(data=True):
        kind = d.get("kind")
        if kind == kinds.EXPOSES:
            trust = d.get("trust")
            if trust in by_level:
                by_level[trust].append(v)
                if _rank(trust) < _rank(origins.get(u)):
                    origins[u] = trust
        elif kind in allowed[node_kind[u]]:
            adjacency.setdefault(u, []).append(v)
    return adjacency, by_level, origins


def _spread(adjacency: Adjacency, starts: list[str], level: str, found: dict[str, str]) -> None:
    """Mark every node this level reaches that a worse level has not."""

    def steps(node: str) -> list[tuple[str, str]]:
        return [(nxt, level) for nxt in adjacency.get(node, ()) if nxt not in found]

    for node in search([n for n in starts if n not in found], steps):
        found[node] = level


_rank = trust_rank


def hop_trusts(
    g: nx.MultiDiGraph, trust: dict[str, str], path: list[str] | tuple[str, ...]
) -> list[str | None]:
    """The trust shown at each hop (an origin: the level of its exposes edge to the next hop)."""
    out: list[str | None] = []
    for index, node in enumerate(path):
        if node not in g:  # an id a finding names that is not a node: nothing known reaches it
            out.append(None)
        elif g.nodes[node].get("kind") == kinds.ORIGIN and index + 1 < len(path):
            out.append(_exposed_as(g, node, path[index + 1]) or trust.get(node))
        else:
            out.append(trust.get(node) or (kinds.INTERNAL if _internal(g, node) else None))
    return out


def _exposed_as(g: nx.MultiDiGraph, origin: str, entry: str) -> str | None:
    levels = [d.get("trust") for d in (g.get_edge_data(origin, entry) or {}).values()
              if d.get("kind") == kinds.EXPOSES]  # fmt: skip
    return min(levels, key=_rank) if levels else None


def _internal(g: nx.MultiDiGraph, node: str) -> bool:
    """Functions and resources no untrusted origin reaches carry the account's own data."""
    return g.nodes[node].get("kind") not in (kinds.ORIGIN, kinds.HUB, kinds.ROLE)
