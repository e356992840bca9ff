"""Builds the whole graph of an estate: resources, triggers, IAM edges, exposure."""

from __future__ import annotations

from explorer.analysis.access import add_access, add_assume_edges, role_principals
from explorer.analysis.estate import Estate
from explorer.analysis.exposure import add_exposure
from explorer.analysis.graph import EstateGraph
from explorer.analysis.nodes import add_nodes
from explorer.analysis.triggers import add_triggers


def build_graph(estate: Estate) -> EstateGraph:
    """Nodes first (so edges find them known), then every edge family."""
    graph = EstateGraph()
    add_nodes(graph, estate)
    add_triggers(graph, estate)
    principals = role_principals(estate)
    add_access(graph, estate, principals)
    add_assume_edges(graph, estate, principals)
    add_exposure(graph, estate)
    return graph
