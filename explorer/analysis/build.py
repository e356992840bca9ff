"""Builds the whole graph of an estate: resources, triggers, IAM edges, exposure."""

from __future__ import annotations

from explorer.analysis.access import add_access, add_assume_edges, role_principals
from explorer.analysis.estate import Estate, GraphView
from explorer.analysis.exposure import add_exposure
from explorer.analysis.graph import EstateGraph
from explorer.analysis.nodes import add_nodes
from explorer.analysis.triggers import add_triggers


def build_graph(estate: Estate) -> EstateGraph:
    """Nodes first (so edges find them known), then every edge family; from the columns of
    `GRAPH_COLUMNS` alone, so a snapshot's other columns stay on disk until wanted."""
    view = GraphView(estate)
    graph = EstateGraph()
    add_nodes(graph, view)
    add_triggers(graph, view)
    principals = role_principals(view)
    add_access(graph, view, principals)
    add_assume_edges(graph, view, principals)
    add_exposure(graph, view)
    return graph
