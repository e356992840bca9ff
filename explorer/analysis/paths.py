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


def label(g: nx.MultiDiGraph, node: str) -> str:
    """The display name of a node."""
    return str(g.nodes[node].get("name") or node) if node in g else node
