"""Builds the whole graph of an estate: resources, triggers, IAM edges, exposure."""

from __future__ import annotations

from explorer.analysis.access import add_access
from explorer.analysis.becomes import add_becomes
from explorer.analysis.estate import Estate, GraphView
from explorer.analysis.exposure import add_exposure
from explorer.analysis.graph import EstateGraph
from explorer.analysis.identities import compile_principals, snapshot_time
from explorer.analysis.nodes import add_nodes
from explorer.analysis.triggers import add_triggers


def build_graph(estate: Estate) -> EstateGraph:
    """Nodes first (so edges find them known), then every edge family; from the columns of
    `graph_columns()` alone, so a snapshot's other columns stay on disk until wanted."""
    view = GraphView(estate)
    graph = EstateGraph()
    add_nodes(graph, view)
    add_triggers(graph, view)
    principals = compile_principals(view)
    at = snapshot_time(estate.meta)
    hubs = add_access(graph, view, principals, at)
    add_becomes(graph, view, principals, hubs, at)
    add_exposure(graph, view)
    return graph
