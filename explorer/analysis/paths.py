"""Paths as people read them: hubs folded into the concrete resource that follows them."""

from __future__ import annotations

import networkx as nx

from explorer.analysis import kinds


def concrete(
    g: nx.MultiDiGraph, path: tuple[str, ...] | list[str], edges: tuple[str, ...] | list[str]
) -> tuple[list[str], list[str]]:
    """Drop hub nodes and their `member` hops: role -writes-> hub -member-> bucket reads as
    role -writes-> bucket. A path ending on a hub keeps it (it stands for "every ...")."""
    nodes, kinds_out = [path[0]], []
    for index, node in enumerate(path[1:]):
        edge = edges[index]
        is_last = index == len(path) - 2
        if g.nodes[node].get("kind") == kinds.HUB and not is_last:
            kinds_out.append(edge)
            continue
        if edge == kinds.MEMBER and kinds_out:
            nodes.append(node)
            continue
        nodes.append(node)
        kinds_out.append(edge)
    return nodes, kinds_out


def hop_edge(g: nx.MultiDiGraph, source: str, target: str, kind: str) -> dict | None:
    """The edge a (folded) path's hop stands for: one of `kind` from source to target, or
    through a hub (source -kind-> hub -member-> target) as `concrete` folds it; of several,
    one that surely holds, as the escalation search prefers. None when the graph has none."""
    if source not in g or target not in g:
        return None
    succ, nodes = g._succ, g._node  # the graph's own dictionaries: a role has many edges
    direct = [d for d in succ[source].get(target, {}).values() if d.get("kind") == kind]
    if not direct:
        for hub, keys in succ[source].items():
            if nodes[hub].get("kind") != kinds.HUB or target not in succ[hub]:
                continue
            direct += [d for d in keys.values() if d.get("kind") == kind]
    sure = [d for d in direct if not d.get("conditional")]
    return (sure or direct or [None])[0]


def label(g: nx.MultiDiGraph, node: str) -> str:
    """The display name of a node."""
    return str(g.nodes[node].get("name") or node) if node in g else node
