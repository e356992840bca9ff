"""Trigger sources declared in one module each: a service that starts functions says here, and
only here, what nodes it makes, how it triggers, who outside may call it, and which snapshot
columns the graph build reads for it.

Every module of this package holds one `SOURCE`; they are found by listing the package, so a new
source is one new file (docs/extending.md). The graph build, exposure, the findings and the app
read the declarations through the functions below (`entry_kinds()`, `trigger_kinds()`, ...), which
import the source modules when first called, so a source module may use any analysis module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.entry_auth import entry_auth

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

Builder = Callable[["EstateGraph", "EstateRows"], None]

ENTRIES, RESOURCES = "entries", "resources"
"""The app's list a node kind shows in: entry points outsiders call, or other resources."""


@dataclass(frozen=True)
class NodeKind:
    """One kind of node a source makes: one per row of `table`, named by its `name` column.

    `arn_type` is the (service, resource type) of its ARNs, so an ARN of this kind met outside
    the snapshot becomes a placeholder of the right kind; `tab` is the app's list that shows it.
    `synthetic` nodes have no ARN: the source's `triggers` makes them itself from `table`'s rows
    (self-managed Kafka's `kafka:<bootstrap servers>`), so they are not one node per row.
    `writes` and `reads` are the IAM actions that put data into, or take data out of, one of
    its resources: a principal allowed them gets a `writes` or `reads` edge to it (or to the
    hub "every <label>"), as for buckets and queues (`explorer/analysis/access.py`).
    """

    kind: str
    table: str
    name: str
    label: str
    tab: str = RESOURCES
    arn_type: tuple[str, str] | None = None
    synthetic: bool = False
    writes: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    """A service that starts functions: its trigger kinds, nodes, edges and exposure.

    `columns` names every snapshot column `triggers` and `exposure` read, per table (the graph
    build loads only those); `crawl` is the crawl module that fills its tables.
    """

    title: str
    crawl: str
    kinds: tuple[tk.TriggerKind, ...]
    nodes: tuple[NodeKind, ...]
    columns: dict[str, tuple[str, ...]]
    triggers: Builder
    exposure: Builder | None = None


@cache
def declared() -> tuple[Source, ...]:
    """Every declared source, in module-name order: imported when first asked for (a source
    module may import analysis modules that themselves read these declarations)."""
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        found.append(importlib.import_module(f"{__name__}.{info.name}").SOURCE)
    return tuple(found)


@cache
def node_kinds() -> tuple[NodeKind, ...]:
    return tuple(n for s in declared() for n in s.nodes)


@cache
def entry_kinds() -> frozenset[str]:
    """Node kinds an outside caller talks to directly: the built-in ones and the declared."""
    return kinds.ENTRY_KINDS | {n.kind for n in node_kinds() if n.tab == ENTRIES}


@cache
def resource_kinds() -> frozenset[str]:
    """Declared node kinds the app lists with the resources."""
    return frozenset(n.kind for n in node_kinds() if n.tab == RESOURCES)


@cache
def trigger_kinds() -> tuple[tk.TriggerKind, ...]:
    """Every trigger kind the graph knows: the built-in ones and the declared ones."""
    return (*tk.ALL, *(k for s in declared() for k in s.kinds))


@cache
def asynchronous() -> frozenset[str]:
    """Keys of the kinds Lambda invokes asynchronously: the function needs a failure
    destination."""
    return frozenset(k.key for k in trigger_kinds() if k.invocation == tk.ASYNC)


@cache
def arn_kinds() -> dict[tuple[str, str], str]:
    """(service, resource type) of an ARN -> declared node kind."""
    return {n.arn_type: n.kind for n in node_kinds() if n.arn_type}


ENTRY_AUTH_COLUMNS = ("authorization_type", "api_key_required")
"""Where an entry table's row names its auth (`entry_auth` reads them; either may be absent)."""


@cache
def graph_columns() -> dict[str, tuple[str, ...]]:
    """The columns the declared sources read, per table (their node tables' name and `arn`
    included, and an entry table's auth columns)."""
    found: dict[str, tuple[str, ...]] = {}
    for source in declared():
        for node in source.nodes:
            auth = ENTRY_AUTH_COLUMNS if node.tab == ENTRIES else ()
            arn = () if node.synthetic else ("arn",)
            found[node.table] = (*found.get(node.table, ()), *arn, node.name, *auth)
        for table, columns in source.columns.items():
            found[table] = (*found.get(table, ()), *columns)
    return {table: tuple(dict.fromkeys(columns)) for table, columns in found.items()}


def add_nodes(graph: EstateGraph, estate: EstateRows) -> None:
    """One node per row of every declared node table (synthetic ones: by their source)."""
    for node in node_kinds():
        if node.synthetic:
            continue
        for row in estate.rows(node.table):
            graph.node(row["arn"], node.kind, row.get(node.name), table=node.table, row=row)


def add_triggers(graph: EstateGraph, estate: EstateRows) -> None:
    for source in declared():
        source.triggers(graph, estate)


def add_exposure(graph: EstateGraph, estate: EstateRows) -> None:
    for source in declared():
        if source.exposure:
            source.exposure(graph, estate)


def expose_entry(graph: EstateGraph, node: str, row: dict[str, Any], via: str, **more: Any) -> None:
    """The internet may call `node`: anonymously when its row names no auth (`entry_auth`),
    as an authenticated caller otherwise."""
    auth = entry_auth(row, url=False)
    trust = kinds.ANONYMOUS if auth.open else kinds.AUTHENTICATED
    graph.edge(
        kinds.INTERNET, node, kinds.EXPOSES, trust=trust, via=via, authorization=auth.type, **more
    )


def markdown() -> str:
    """Every trigger kind as README lines: the built-in ones, then each declared source's."""
    lines = [f"  - `{k.key}` ({k.invocation}): {k.label}" for k in tk.ALL]
    for source in declared():
        lines += [
            f"  - `{k.key}` ({k.invocation}): {k.label} — {source.title}" for k in source.kinds
        ]
        if not source.kinds:
            lines.append(f"  - (built-in kinds, from source nodes of its own) — {source.title}")
    return "\n".join(lines)
