"""Rows of the five list tabs, built once per snapshot (and again when findings arrive)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from explorer.analysis import kinds
from explorer.tui import text
from explorer.tui.data import (
    ENTRIES,
    FINDING_PREFIX,
    FINDINGS,
    FUNCTIONS,
    RESOURCE_TAB_KINDS,
    RESOURCES,
    ROLES,
    Model,
)
from explorer.tui.trust import trust_rank

SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")


Cell = tuple[str, str]
"""A cell's text (from the account: made safe when rendered) and its style."""


@dataclass(frozen=True)
class Column:
    """A list column: its label and whether it holds numbers (right-aligned)."""

    label: str
    numeric: bool = False


@dataclass(frozen=True)
class Row:
    """One list row: the item it stands for, its cells, a sort key per column, filter text."""

    item: str
    cells: tuple[Cell, ...]
    keys: tuple[Any, ...]
    haystack: str
    problem: bool


@dataclass(frozen=True)
class ListData:
    """The rows of one tab."""

    tab: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    pending: bool = False
    """True while a column still waits for data (findings)."""


def severity_rank(severity: str | None) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def build_lists(model: Model) -> dict[str, ListData]:
    """Every tab's rows."""
    pending = model.findings is None
    builders: dict[str, Callable[[Model], ListData]] = {
        FUNCTIONS: function_list, ENTRIES: entry_list, RESOURCES: resource_list,
        ROLES: role_list, FINDINGS: finding_list,
    }  # fmt: skip
    return {tab: _with_pending(build(model), pending) for tab, build in builders.items()}


def _with_pending(data: ListData, pending: bool) -> ListData:
    return ListData(data.tab, data.columns, data.rows, pending)


def _nodes(model: Model, wanted: Callable[[str, dict], bool]) -> Iterable[tuple[str, dict]]:
    return ((n, a) for n, a in model.g.nodes(data=True) if a.get("known") and wanted(n, a))


def _trust(trust: str | None) -> Cell:
    return (trust or "-", text.TRUST_STYLE.get(trust or "", text.DIM))


def _number(count: int) -> Cell:
    return (str(count), "")


def _findings_cell(model: Model, node: str) -> tuple[Cell, int]:
    """The worst severity among a node's findings and how many there are."""
    if model.findings is None:
        return ("…", text.DIM), len(SEVERITY_ORDER)
    found = model.node_findings(node)
    if not found:
        return ("-", text.DIM), len(SEVERITY_ORDER)
    worst = min((f.severity for f in found), key=severity_rank)
    label = f"{worst} ×{len(found)}" if len(found) > 1 else worst
    return (label, text.SEVERITY_STYLE.get(worst, "")), severity_rank(worst)


def _problem(model: Model, node: str) -> bool:
    untrusted = node in model.trust or node in model.stats.exposed
    return untrusted or any(f.severity != "info" for f in model.node_findings(node))


def function_list_columns() -> tuple[Column, ...]:
    return (Column("Name"), Column("Untrusted"), Column("Findings"), Column("Trig", True),
            Column("Runtime"), Column("Region"))  # fmt: skip


def function_list(model: Model) -> ListData:
    columns = function_list_columns()
    rows = []
    for node, attrs in _nodes(model, lambda n, a: a.get("kind") == kinds.FUNCTION):
        row, name, trust = attrs.get("row") or {}, str(attrs.get("name")), model.trust.get(node)
        runtime = str(row.get("runtime") or row.get("package_type") or "-")
        region = str(row.get("region") or "-")
        triggers = model.stats.count_in(node, kinds.TRIGGERS)
        findings, severity = _findings_cell(model, node)
        cells = ((name, ""), _trust(trust), findings, _number(triggers), (runtime, ""),
                 (region, ""))  # fmt: skip
        keys = (name.lower(), trust_rank(trust), severity, -triggers, runtime, region)
        rows.append(Row(node, cells, keys, f"{name} {node}".lower(), _problem(model, node)))
    return ListData(FUNCTIONS, columns, tuple(rows))


def _auth(model: Model, node: str) -> str:
    row = model.row(node)
    auth = row.get("authorization_type") or row.get("auth_type")
    if auth:
        return f"{auth}+key" if row.get("api_key_required") else str(auth)
    vias = {
        str(d.get("evidence", {}).get("via", ""))
        for _, _, d in model.g.in_edges(node, data=True)
        if d.get("kind") == kinds.EXPOSES
    }
    return ", ".join(sorted(v for v in vias if v)) or "-"


def entry_list(model: Model) -> ListData:
    columns = (Column("Name"), Column("Exposed to"), Column("Findings"), Column("Auth"),
               Column("Kind"), Column("Feeds", True))  # fmt: skip
    rows = []
    for node, attrs in _nodes(model, lambda n, a: n in model.entries):
        name, kind = str(attrs.get("name")), str(attrs.get("kind"))
        auth, exposed = _auth(model, node), model.stats.exposed.get(node)
        feeds = model.stats.count_out(node, kinds.TRIGGERS)
        findings, severity = _findings_cell(model, node)
        cells = ((name, ""), _trust(exposed), findings, (auth, ""), (kind, text.DIM),
                 _number(feeds))  # fmt: skip
        keys = (name.lower(), trust_rank(exposed), severity, auth, kind, -feeds)
        rows.append(Row(node, cells, keys, f"{name} {node}".lower(), _problem(model, node)))
    return ListData(ENTRIES, columns, tuple(rows))


def resource_list(model: Model) -> ListData:
    columns = (Column("Name"), Column("Kind"), Column("Exposed to"), Column("Findings"),
               Column("Writers", True), Column("Region"))  # fmt: skip
    rows = []
    for node, attrs in _nodes(model, lambda n, a: a.get("kind") in RESOURCE_TAB_KINDS):
        name, kind = str(attrs.get("name")), str(attrs.get("kind"))
        region = str((attrs.get("row") or {}).get("region") or "-")
        exposed = model.stats.exposed.get(node)
        writers = model.stats.count_in(node, kinds.WRITES)
        findings, severity = _findings_cell(model, node)
        cells = ((name, ""), (kind, text.DIM), _trust(exposed), findings, _number(writers),
                 (region, ""))  # fmt: skip
        keys = (name.lower(), kind, trust_rank(exposed), severity, -writers, region)
        rows.append(Row(node, cells, keys, f"{name} {node}".lower(), _problem(model, node)))
    return ListData(RESOURCES, columns, tuple(rows))


def role_list(model: Model) -> ListData:
    columns = (Column("Name"), Column("Findings"), Column("Used by", True),
               Column("Writes", True))  # fmt: skip
    rows = []
    for node, attrs in _nodes(model, lambda n, a: a.get("kind") == kinds.ROLE):
        name = str(attrs.get("name"))
        used = model.stats.count_in(node, kinds.ASSUMES)
        writes = model.stats.count_out(node, kinds.WRITES)
        findings, severity = _findings_cell(model, node)
        cells = ((name, ""), findings, _number(used), _number(writes))
        keys = (name.lower(), severity, -used, -writes)
        problem = any(f.severity != "info" for f in model.node_findings(node))
        rows.append(Row(node, cells, keys, f"{name} {node}".lower(), problem))
    return ListData(ROLES, columns, tuple(rows))


def finding_list(model: Model) -> ListData:
    columns = (Column("Severity"), Column("OWASP"), Column("Rule"), Column("Resource"),
               Column("Title"))  # fmt: skip
    rows = []
    for index, f in enumerate(model.findings or []):
        resource = model.name(f.resource)
        cells = ((f.severity, text.SEVERITY_STYLE.get(f.severity, "")), (f.owasp, ""),
                 (f.rule, text.DIM), (resource, ""), (f.title, ""))  # fmt: skip
        keys = (severity_rank(f.severity), _owasp_key(f.owasp), f.rule, resource.lower(),
                f.title.lower())  # fmt: skip
        haystack = f"{f.severity} {f.owasp} {f.rule} {resource} {f.resource} {f.title}".lower()
        rows.append(Row(f"{FINDING_PREFIX}{index}", cells, keys, haystack, f.severity != "info"))
    return ListData(FINDINGS, columns, tuple(rows))


def _owasp_key(owasp: str) -> int:
    digits = owasp.removeprefix("A")
    return int(digits) if digits.isdigit() else 99
