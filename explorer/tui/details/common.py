"""Detail lines and the sections every kind shares: links, paths, relations, findings, config."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.content import Content

from explorer.analysis import kinds
from explorer.analysis.findings.finding import OWASP
from explorer.analysis.narrowing import only_text
from explorer.analysis.paths import concrete, hop_edge
from explorer.iam.model import StatementRef
from explorer.tui import text
from explorer.tui.shapes import dumps, mapping, sequence
from explorer.tui.trust import hop_trusts
from explorer.tui.view_model import Model

INDENT = "  "


@dataclass(frozen=True)
class Line:
    """One line of a detail: what it shows and what Enter and `y` do on it."""

    content: Content
    target: str | None = None
    """An item Enter follows."""
    statement: tuple[str, StatementRef] | None = None
    """(role ARN, statement) Enter opens: the statement that decided a grant."""
    copy: str | None = None
    """What `y` copies here (a name or ARN, never a secret value)."""
    note: str | None = None
    """Said with the copy (or, with nothing to copy, why not)."""
    heading: bool = False
    """A section title: `]` and `[` jump between them."""


Lines = list[Line]


def plain(content: Content | str, indent: int = 1) -> Line:
    body = content if isinstance(content, Content) else text.literal(content)
    return Line(text.join([INDENT * indent, body]))


def heading(title: str, note: str = "") -> Line:
    return Line(text.join(["", text.heading(title, note)]), heading=True)


def link(model: Model, node: str, prefix: Content | str = "", indent: int = 1,
         suffix: Content | str = "") -> Line:  # fmt: skip
    """A line naming `node` that Enter follows: name, trust badge, kind. An id that is not in
    the graph (a finding may name a layer, a stage, a foreign reader) is shown as text."""
    parts: list[Content | str | tuple[str, str]] = [INDENT * indent, prefix]
    if not model.exists(node):
        parts += [text.literal(node), (f"  {NOT_A_NODE}", text.DIM), suffix]
        return Line(text.join(parts), copy=node)
    parts.append(text.literal(model.name(node), text.LINK))
    trust = model.trust.get(node)
    if trust:
        parts += [" ", ("‹", text.DIM), text.trust_badge(trust), ("›", text.DIM)]
    parts += ["  ", (model.kind(node) or "unknown", text.DIM), suffix]
    return Line(text.join(parts), target=node, copy=node)


def value(key: str, val: Any, indent: int = 1) -> Line:
    """`key: value`, the value shown literally (structures as compact JSON)."""
    shown = val if isinstance(val, str) else dumps(val)
    label = text.literal(f"{key}: ", text.DIM)  # a tag's key is account text too
    return Line(text.join([INDENT * indent, label, text.literal(shown)]),
                copy=shown if isinstance(val, str) else None)  # fmt: skip


def document(doc: Any, indent: int = 2) -> Lines:
    """A policy or definition, pretty-printed, one literal line per JSON line."""
    if doc is None:
        return [plain(Content.styled("(none)", text.DIM), indent)]
    dumped = dumps(doc, indent=2)
    return [plain(text.literal(line), indent) for line in dumped.splitlines()]


NOT_A_NODE = "(not in the graph)"
"""Said after an id shown as text because the graph has no node for it."""


def fold(model: Model, path: Sequence[str], edges: Sequence[str]) -> tuple[list[str], list[str]]:
    """A path as people read it: hubs folded when every hop is a node; else the ids as given.
    Edge kinds are padded to one per hop ("→" where the path does not say)."""
    kinds_out = [*edges, *["→"] * (len(path) - 1 - len(edges))][: max(len(path) - 1, 0)]
    if path and all(node in model.g for node in path):
        return concrete(model.g, list(path), kinds_out)
    return list(path), kinds_out


def hop_labels(model: Model, nodes: Sequence[str], edges: Sequence[str]) -> list[str]:
    """What each hop of a folded path is, in words: the edge's verb, and for `becomes` the
    technique its evidence names ("becomes (iam:PassRole+lambda)"); the verb alone when the
    evidence says none; the graph's edge when the path does not say; "" when there is none."""
    labels = []
    for (source, target), kind in zip(itertools.pairwise(nodes), edges, strict=False):
        if kind in (None, "", "→"):
            kind = _edges_between(model, [source, target])[0] if source in model.g else "→"
        if kind == "→":
            labels.append("")
            continue
        data = hop_edge(model.g, source, target, kind) if kind == kinds.BECOMES else None
        technique = mapping(data.get("evidence")).get("technique") if data else None
        labels.append(text.edge_label(kind, technique if isinstance(technique, str) else None))
    return labels


def path_lines(model: Model, path: Sequence[str], edges: Sequence[str], indent: int = 2) -> Lines:
    """A path, hubs folded, one hop per line (each a link) with the trust reaching it."""
    nodes, kinds_out = fold(model, path, edges)
    trusts = hop_trusts(model.g, model.trust, nodes)
    labels = hop_labels(model, nodes, kinds_out)
    lines = []
    for index, node in enumerate(nodes):
        label = labels[index - 1] if index else None
        lead = ("└ → " if not label else f"└ {label} → ") if index else ""
        known = model.exists(node)
        hop = text.hop(model.name(node), trusts[index], linked=known)
        parts = [INDENT * indent, (lead, text.DIM), hop, ("" if known else f"  {NOT_A_NODE}",
                                                          text.DIM)]  # fmt: skip
        lines.append(Line(text.join(parts), target=node if known else None, copy=node))
    return lines


def finding_lines(model: Model, findings: Iterable[Any]) -> Lines:
    """Each finding: severity, OWASP category, title, detail, explaining path, remediation."""
    lines: Lines = []
    for index, f in enumerate(findings):
        item = model.finding_item(f)
        head = text.join([INDENT, text.severity_badge(f.severity), " ",
                          (f"{f.owasp} {OWASP.get(f.owasp, '')}", text.DIM), "  ",
                          text.literal(f.title, "bold")])  # fmt: skip
        lines.append(Line(head, target=item, copy=f.title))
        lines.append(plain(text.literal(f.detail), 2))
        if len(f.path) > 1:
            lines += path_lines(model, f.path, f.edges or _edges_between(model, f.path), 3)
        lines.append(plain(text.join([("fix: ", "bold #87d787"), text.literal(f.remediation)]), 2))
        if index > 40:
            lines.append(plain(Content.styled("… more in the Findings tab", text.DIM), 2))
            break
    return lines


def _edges_between(model: Model, path: Sequence[str]) -> list[str]:
    """Edge kinds between consecutive path nodes (for findings whose path has none)."""
    found = []
    for a, b in itertools.pairwise(path):
        data = model.g.get_edge_data(a, b) or {}
        found.append(next(iter(data.values()), {}).get("kind", "→") if data else "→")
    return found


def findings_section(model: Model, node: str) -> Lines:
    if model.findings is None:
        note = model.findings_error or "computing…"
        return [heading("Findings", note)]
    found = model.node_findings(node)
    lines = [heading("Findings", f"{len(found)}")]
    return lines + (finding_lines(model, found) if found else [plain(_none("no findings"))])


def _none(message: str) -> Content:
    return Content.styled(message, text.DIM)


def none_line(message: str, indent: int = 1) -> Line:
    return plain(_none(message), indent)


def relations(model: Model, node: str) -> Lines:
    """Every edge out of and into the node, grouped by kind: the reverse relations too."""
    g = model.g
    outgoing = sorted((d.get("kind", ""), v) for _, v, d in g.out_edges(node, data=True))
    incoming = sorted((d.get("kind", ""), u) for u, _, d in g.in_edges(node, data=True))
    lines = [heading("Points to", f"{len(outgoing)}")]
    lines += [link(model, v, (f"{kind} → ", text.DIM)) for kind, v in outgoing[:200]]
    lines += [none_line("nothing")] if not outgoing else []
    lines.append(heading("Pointed to by", f"{len(incoming)}"))
    lines += [link(model, u, (f"{kind} ← ", text.DIM)) for kind, u in incoming[:200]]
    lines += [none_line("nothing")] if not incoming else []
    return lines


def edges_in(model: Model, node: str, kind: str) -> list[tuple[str, dict]]:
    return [(u, d) for u, _, d in model.g.in_edges(node, data=True) if d.get("kind") == kind]


def edges_out(model: Model, node: str, kind: str) -> list[tuple[str, dict]]:
    return [(v, d) for _, v, d in model.g.out_edges(node, data=True) if d.get("kind") == kind]


EVIDENCE_SHOWN = 60
"""Characters of an edge's evidence shown after a link (the rest is in the export)."""
QUIET = frozenset({"via", "statements", "principal", "delegated", "trigger_kind"})


def narrowed(only: list[str] | tuple[str, ...] | None) -> Content:
    """`, only from 203.0.113.7/32`: what narrows an exposure, after its trust badge."""
    if not only:
        return Content("")
    return text.join([(", ", text.DIM), text.literal(only_text(tuple(only)), "#ffd75f")])


def evidence(data: dict) -> Content:
    """An edge's evidence, compact: how it was found (`S3 notification`, the IAM actions)."""
    ev = data.get("evidence") or {}
    head = ev.get("via") or _compact(ev.get("actions") or data.get("kind", ""))
    parts = [f"{k} {_compact(v)}" for k, v in sorted(ev.items())
             if v not in (None, [], {}) and k not in QUIET and not (k == "actions" and
                                                                    not ev.get("via"))]  # fmt: skip
    extra = f" ({'; '.join(parts)})" if parts else ""
    shown = f"{head}{extra}"
    if len(shown) > EVIDENCE_SHOWN:
        shown = shown[: EVIDENCE_SHOWN - 1] + "…"
    cond = "  CONDITIONAL" if data.get("conditional") else ""
    return text.join(["  ", text.literal(shown, text.DIM), (cond, "#ffd75f")])


def _compact(val: Any) -> str:
    if isinstance(val, list | tuple) and all(isinstance(v, str) for v in val):
        return ", ".join(val)
    return val if isinstance(val, str) else dumps(val)


def tags_section(model: Model, node: str) -> Lines:
    tags = model.tags.get(node) or mapping(model.row(node).get("tags"))
    lines = [heading("Tags", f"{len(tags)}")]
    lines += [value(str(k), v) for k, v in sorted(tags.items())]
    return lines


def header(model: Model, node: str) -> Lines:
    """Name, kind, id and the worst untrusted level reaching it."""
    trust = model.trust.get(node)
    title = text.join([text.literal(model.name(node), "bold"), "  ",
                       (model.kind(node) or "unknown", text.DIM)])  # fmt: skip
    lines = [Line(title, copy=model.name(node)), Line(text.literal(node, text.DIM), copy=node)]
    if trust:
        reach = text.join([("untrusted data reaching it: ", text.DIM), text.trust_badge(trust)])
        lines.append(Line(reach))
    if not model.g.nodes[node].get("known", True):
        lines.append(plain(_none("not in the snapshot: named by a policy or trigger only"), 0))
    return lines


UNKNOWN_STYLE = "#ffd75f"


def unknown_exposure(model: Model, node: str, indent: int = 1) -> Lines:
    """`unknown`, with why, for each policy of the node that could not be read in full: its
    exposure is not known, which must never read as "nobody" (the reason is account text,
    shown literally)."""
    reasons = sequence(model.attrs(node).get("exposure_unknown"))
    return [plain(_unknown(str(reason)), indent) for reason in reasons]


def _unknown(reason: str) -> Content:
    said = text.literal(f" — the policy could not be read: {reason}", UNKNOWN_STYLE)
    return text.join([("unknown", f"bold {UNKNOWN_STYLE}"), said])


def members(model: Model, node: str) -> Lines:
    """A hub: the resources it stands for."""
    found = [v for v, _ in edges_out(model, node, kinds.MEMBER)]
    return [heading("Stands for", f"{len(found)}")] + [link(model, v) for v in found[:500]]
