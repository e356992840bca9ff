"""What changed between two snapshots: nodes, edges, findings, and untrusted paths.

Edges are compared by (source, target, kind); nodes by the readable columns of their rows;
findings by (rule, resource); untrusted inputs by (function, origin, trust), so "a new
internet-reachable path appeared" shows as an added input.
"""

from __future__ import annotations

from typing import Any

from explorer.analysis.analyze import Analysis
from explorer.analysis.shapes import deeper_than

VOLATILE = frozenset(
    {"last_modified", "item_count", "size_bytes", "stored_bytes", "estimated_users"}
)
"""Columns that change without anything meaningful changing."""


def _nodes(analysis: Analysis) -> dict[str, dict[str, Any]]:
    return {n: a for n, a in analysis.graph.nodes(data=True) if a.get("known")}


def _edges(analysis: Analysis) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {(u, v, d["kind"]): d for u, v, d in analysis.graph.edges(data=True)}


def _findings(analysis: Analysis) -> dict[tuple[str, str], Any]:
    return {(f.rule, f.resource): f for f in analysis.findings}


def _inputs(analysis: Analysis) -> dict[tuple[str, str, str], Any]:
    return {(fn, i.origin, i.trust): i for fn, found in analysis.inputs.items() for i in found}


SHOWN_DEPTH = 100
"""A changed value nested deeper is named, not shown: printing it as indented JSON would take
time and space growing as the square of its depth (a hostile file nests a thousand deep)."""


def _changed_columns(old: dict[str, Any], new: dict[str, Any]) -> dict[str, list[Any]]:
    before, after = old.get("row") or {}, new.get("row") or {}
    keys = (before.keys() | after.keys()) - VOLATILE
    return {
        k: [_shown(before.get(k)), _shown(after.get(k))]
        for k in sorted(keys)
        if before.get(k) != after.get(k)
    }


def _shown(value: Any) -> Any:
    if deeper_than(value, SHOWN_DEPTH):
        return f"(nested more than {SHOWN_DEPTH} levels deep: not shown)"
    return value


def diff_analyses(old: Analysis, new: Analysis) -> dict[str, dict[str, list[Any]]]:
    """`{"added": {...}, "removed": {...}, "changed": {...}}` for nodes, edges, findings, inputs."""
    for analysis in (old, new):
        analysis.estate.read_all()  # node rows hold only the graph's columns until then
    out: dict[str, dict[str, list[Any]]] = {"added": {}, "removed": {}, "changed": {}}
    old_nodes, new_nodes = _nodes(old), _nodes(new)
    out["added"]["nodes"] = [
        _node(n, new_nodes[n]) for n in sorted(new_nodes.keys() - old_nodes.keys())
    ]
    out["removed"]["nodes"] = [
        _node(n, old_nodes[n]) for n in sorted(old_nodes.keys() - new_nodes.keys())
    ]
    out["changed"]["nodes"] = [
        {**_node(n, new_nodes[n]), "columns": cols}
        for n in sorted(old_nodes.keys() & new_nodes.keys())
        if (cols := _changed_columns(old_nodes[n], new_nodes[n]))
    ]
    for name, pick, shape in (("edges", _edges, _edge), ("findings", _findings, _finding),
                              ("inputs", _inputs, _input)):  # fmt: skip
        before, after = pick(old), pick(new)
        out["added"][name] = [shape(k, after[k]) for k in sorted(after.keys() - before.keys())]
        out["removed"][name] = [shape(k, before[k]) for k in sorted(before.keys() - after.keys())]
    out["changed"]["findings"] = _changed_findings(_findings(old), _findings(new))
    out["changed"]["inputs"] = []  # an input is its (function, origin, trust): added or removed
    out["changed"]["edges"] = [
        _edge(k, new_e) for k, new_e in sorted(_edges(new).items())
        if k in (old_e := _edges(old)) and old_e[k].get("conditional") != new_e.get("conditional")
    ]  # fmt: skip
    return out


def _changed_findings(old: dict[tuple[str, str], Any], new: dict[tuple[str, str], Any]):
    """Findings on the same rule and resource whose severity or detail moved."""
    return [
        {
            **_finding(key, new[key]),
            "was": {"severity": old[key].severity, "detail": old[key].detail},
        }
        for key in sorted(old.keys() & new.keys())
        if (old[key].severity, old[key].detail) != (new[key].severity, new[key].detail)
    ]


def _node(node: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {"node": node, "kind": attrs.get("kind"), "name": attrs.get("name")}


def _edge(key: tuple[str, str, str], data: dict[str, Any]) -> dict[str, Any]:
    src, dst, kind = key
    return {"from": src, "to": dst, "kind": kind, "conditional": bool(data.get("conditional"))}


def _finding(key: tuple[str, str], finding: Any) -> dict[str, Any]:
    return {"rule": finding.rule, "resource": finding.resource, "severity": finding.severity,
            "title": finding.title}  # fmt: skip


def _input(key: tuple[str, str, str], found: Any) -> dict[str, Any]:
    return {"function": key[0], "origin": found.origin, "trust": found.trust,
            "entry": found.entry, "path": list(found.path)}  # fmt: skip
