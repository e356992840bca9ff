"""`e`: the current view as JSON, Graphviz DOT or Mermaid, written to a file.

Each view reduces to a JSON document plus the paths it shows; DOT and Mermaid draw those paths
(each node labelled with its name and the trust level reaching it).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from explorer.analysis import kinds
from explorer.analysis.blast import Reach
from explorer.analysis.chains import find_chains
from explorer.analysis.paths import concrete
from explorer.safetext import safe
from explorer.tui.private_file import write_private
from explorer.tui.view_model import FINDINGS, Model

FORMATS = {"json": "json", "dot": "dot", "mermaid": "mmd"}
"""Format -> file extension."""
MAX_CHAINS = 500

Path_ = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class ExportView:
    """What a view shows, reduced to a document and paths (node ids, edge kinds)."""

    name: str
    document: dict[str, Any]
    paths: list[Path_] = field(default_factory=list)


def _path_doc(model: Model, path: Path_) -> dict[str, Any]:
    nodes, edges = path
    return {"path": list(nodes), "edges": list(edges),
            "trust": [model.trust.get(n) for n in nodes]}  # fmt: skip


def chain_view(model: Model, item: str) -> ExportView:
    """Untrusted inputs into the item (functions) or its exposures, and chains out of it."""
    g = model.g
    upstream = [tuple(map(tuple, concrete(g, i.path, i.edges)))
                for i in model.analysis.inputs.get(item, [])]  # fmt: skip
    upstream += [((u, item), (kinds.EXPOSES,)) for u, _, d in g.in_edges(item, data=True)
                 if d.get("kind") == kinds.EXPOSES]  # fmt: skip
    result = find_chains(g, item, max_chains=MAX_CHAINS)
    downstream = [(c.path, c.edges) for c in result.chains]
    doc = {"node": item, "name": model.name(item),
           "upstream": [_path_doc(model, p) for p in upstream],
           "downstream": [_path_doc(model, p) for p in downstream],
           "truncated": result.truncated}  # fmt: skip
    return ExportView(f"chains-{model.name(item)}", doc, [*upstream, *downstream])


def _reach_doc(model: Model, reach: Reach) -> dict[str, Any]:
    return {"node": reach.node, "kind": reach.kind, "access": list(reach.access),
            **_path_doc(model, (reach.path, reach.edges))}  # fmt: skip


def blast_view(model: Model, item: str, reaches: list[Reach], reached: list[Reach]) -> ExportView:
    doc = {"node": item, "reachable": [_reach_doc(model, r) for r in reaches],
           "reached_by": [_reach_doc(model, r) for r in reached]}  # fmt: skip
    paths = [(r.path, r.edges) for r in [*reaches, *reached] if len(r.path) > 1]
    return ExportView(f"blast-{model.name(item)}", doc, paths)


def findings_view(model: Model, items: list[str]) -> ExportView:
    found = [f for f in (model.finding(i) for i in items) if f is not None]
    doc = {"snapshot": {"path": str(model.path), **model.meta},
           "findings": [f.to_dict() for f in found]}  # fmt: skip
    paths = [(f.path, f.edges) for f in found if len(f.path) > 1 and f.edges]
    return ExportView("findings", doc, paths)


def main_view(model: Model | None, item: str | None, tab: str, node_list: Any) -> ExportView:
    """The main screen: the findings shown, else the chains through the selected item."""
    if model is None:
        return ExportView("empty", {})
    if tab == FINDINGS:
        return findings_view(model, [r.item for r in node_list.shown.rows])
    if item and item in model.g:
        return chain_view(model, item)
    return ExportView(tab, {"items": [r.item for r in node_list.shown.rows]})


def diff_view(diff: dict[str, Any], old: Path, new: Path) -> ExportView:
    added = diff.get("added", {}).get("edges", [])
    paths = [((e["from"], e["to"]), (e["kind"],)) for e in added]
    return ExportView(f"diff-{old.stem}", {"old": str(old), "new": str(new), **diff}, paths)


def render(view: ExportView, model: Model | None, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(view.document, indent=2, default=str, sort_keys=False)
    edges = _edges(view.paths)
    return as_dot(edges, model) if fmt == "dot" else as_mermaid(edges, model)


def _edges(paths: list[Path_]) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for nodes, kinds_ in paths:
        for index, kind in enumerate(kinds_):
            if index + 1 < len(nodes):
                found[(nodes[index], nodes[index + 1])] = kind
    return found


def _label(model: Model | None, node: str) -> str:
    name = model.name(node) if model else node
    trust = model.trust.get(node) if model else None
    return safe(f"{name} ({trust})" if trust else name)


def as_dot(edges: dict[tuple[str, str], str], model: Model | None) -> str:
    quote = lambda s: safe(s).replace("\\", "\\\\").replace('"', '\\"')  # noqa: E731
    nodes = sorted({n for pair in edges for n in pair})
    lines = ["digraph explorer {", "  rankdir=LR;"]
    lines += [f'  "{quote(n)}" [label="{quote(_label(model, n))}"];' for n in nodes]
    lines += [f'  "{quote(a)}" -> "{quote(b)}" [label="{k}"];' for (a, b), k in edges.items()]
    return "\n".join([*lines, "}"])


def as_mermaid(edges: dict[tuple[str, str], str], model: Model | None) -> str:
    ids = {n: f"n{i}" for i, n in enumerate(sorted({n for pair in edges for n in pair}))}
    text = lambda n: _label(model, n).replace('"', "#quot;")  # noqa: E731
    lines = ["flowchart LR"] + [f'  {ids[n]}["{text(n)}"]' for n in ids]
    lines += [f"  {ids[a]} -->|{k}| {ids[b]}" for (a, b), k in edges.items()]
    return "\n".join(lines)


def default_path(view: ExportView, fmt: str, folder: Path | None = None) -> Path:
    """`./explorer-<view>.<ext>`, the view's name made file-safe."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", view.name)
    slug = re.sub(r"-{2,}", "-", slug).strip("-")[:80] or "view"
    return (folder or Path.cwd()) / f"explorer-{slug}.{FORMATS[fmt]}"


def write(view: ExportView, model: Model | None, fmt: str, path: Path) -> Path:
    """Write the view, mode 0600 (it describes the account); returns the path written (parent
    folders must exist)."""
    return write_private(path, render(view, model, fmt) + "\n")
