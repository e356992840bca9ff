"""What each per-item answer depends on (`coverage.Scope`): the nodes it names, the nodes whose
unknown exposure could change it, and the nodes whose unknown outgoing links could."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.blast import Reach
from explorer.analysis.chains import Chains
from explorer.analysis.coverage import EVERYWHERE, Scope
from explorer.analysis.taint import Adjacency, UntrustedInput, exposures, flow_adjacency


def inputs_scope(g: nx.MultiDiGraph, function: str, found: list[UntrustedInput]) -> Scope:
    """Untrusted inputs of a function: every node that reaches it (an origin may reach any of
    them unseen), and every node untrusted data reaches or whose own exposure is unknown (a
    hidden link out of it may carry that data to the function)."""
    adjacency = flow_adjacency(g)
    upstream = _upstream(g, adjacency, function)
    entries = {entry for found_entries in exposures(g).values() for entry in found_entries}
    tainted = _downstream(adjacency, entries)
    named = neighbourhood(g, [function, *(n for i in found for n in i.path)])
    return Scope(named, frozenset(upstream), frozenset(upstream | tainted), True)


def blast_scope(
    g: nx.MultiDiGraph, node: str, reachable: list[Reach], reached_by: list[Reach]
) -> Scope:
    """Blast radius both ways: what the node reaches and who reaches it. Any resource whose
    outgoing links are unknown may reach it through them, so those gaps touch it anywhere."""
    forward = {node, *(n for r in reachable for n in r.path)}
    backward = {node, *(n for r in reached_by for n in r.path)}
    return Scope(neighbourhood(g, forward | backward), frozenset(backward), None)


def chains_scope(g: nx.MultiDiGraph, start: str | None, result: Chains) -> Scope:
    """Chains from one node: the nodes on them; from an origin, any unknown exposure too.
    All chains (or a result cut short) depend on everything."""
    if start is None or result.truncated:
        return EVERYWHERE
    on = frozenset({start, *(n for chain in result.chains for n in chain.path)})
    exposure = None if g.nodes[start].get("kind") == kinds.ORIGIN else on
    return Scope(neighbourhood(g, on), exposure, on)


def neighbourhood(g: nx.MultiDiGraph, nodes: Iterable[str]) -> frozenset[str]:
    """The nodes and every node one edge away, either way."""
    found = set(nodes)
    for node in list(found):
        if node in g:
            found.update(g.succ[node])
            found.update(g.pred[node])
    return frozenset(found)


def _upstream(g: nx.MultiDiGraph, adjacency: Adjacency, target: str) -> set[str]:
    """Every node with a data-flow path to `target` (origins through `exposes`), and itself."""
    parents: dict[str, list[str]] = {}
    for node, steps in adjacency.items():
        for nxt, _ in steps:
            parents.setdefault(nxt, []).append(node)
    for origin, entry, kind in g.edges(data="kind"):
        if kind == kinds.EXPOSES:
            parents.setdefault(entry, []).append(origin)
    found, queue = {target}, [target]
    for node in queue:
        for parent in parents.get(node, ()):
            if parent not in found:
                found.add(parent)
                queue.append(parent)
    return found


def _downstream(adjacency: Adjacency, starts: Iterable[str]) -> set[str]:
    """Every node data flows to from `starts`, and the starts."""
    found = set(starts)
    queue = list(found)
    for node in queue:
        for nxt, _ in adjacency.get(node, ()):
            if nxt not in found:
                found.add(nxt)
                queue.append(nxt)
    return found
