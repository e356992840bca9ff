"""The sections every principal's detail shares about `becomes` edges: whom it can become, who
can become it, and its privilege-escalation path hop by hop (technique, via, statements)."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from explorer.analysis import kinds
from explorer.analysis.escalation import Becoming, becomes_in, becomes_out, escalation_hops
from explorer.analysis.findings.rules import ESCALATION
from explorer.tui import text
from explorer.tui.details.common import (
    INDENT,
    Line,
    Lines,
    heading,
    link,
    none_line,
    path_lines,
)
from explorer.tui.details.permissions import statement_refs
from explorer.tui.shapes import mapping, strings
from explorer.tui.view_model import Model

SHOWN = 300
"""`becomes` edges listed per section (a detail is for reading; the graph has the rest)."""
CONDITIONAL = "#ffd75f"


def becoming_sections(model: Model, node: str) -> Lines:
    """Escalation, Can become, Can be become by."""
    return [*escalation(model, node), *can_become(model, node), *become_by(model, node)]


def technique(model: Model, data: dict[str, Any], landing: str | None = None) -> Content:
    """`  iam:PassRole+lambda via fn-x  CONDITIONAL`: how the edge is taken (`via` is the
    function, stack or instance taken over, or the policy edited)."""
    evidence = mapping(data.get("evidence"))
    parts: list[Content | str | tuple[str, str]] = [
        "  ",
        text.literal(evidence.get("technique") or "?", "bold"),
    ]
    via = evidence.get("via")
    if isinstance(via, str) and via and via != landing:
        parts += [("  via ", text.DIM), text.literal(model.name(via))]
    if data.get("conditional"):
        parts.append(("  CONDITIONAL", CONDITIONAL))
    return text.join(parts)


def statements_line(model: Model, principal: str, data: dict[str, Any], indent: int = 3) -> Line:
    """The statements that allow the edge; Enter shows those of the principal's own policies."""
    cited = strings(mapping(data.get("evidence")).get("statements"))
    said = ", ".join(dict.fromkeys(cited)) or "none recorded"
    body = text.join([INDENT * indent, ("statements: ", text.DIM), text.literal(said, text.DIM)])
    refs = statement_refs(model, principal, cited) if cited else ()
    return Line(body, statement=(principal, refs) if refs else None, copy=said if cited else None)


def can_become(model: Model, node: str) -> Lines:
    found = becomes_out(model.g, node)
    lines = [heading("Can become", f"{len(found)}")]
    for edge in found[:SHOWN]:
        lines.append(link(model, edge.other, ("→ ", text.DIM),
                          suffix=technique(model, edge.data, edge.other)))  # fmt: skip
        lines.append(statements_line(model, node, edge.data))
    return lines + ([none_line("no other principal's permissions")] if not found else [])


def become_by(model: Model, node: str) -> Lines:
    found = becomes_in(model.g, node)
    lines = [heading("Can be become by", f"{len(found)}")]
    for edge in found[:SHOWN]:
        lines.append(link(model, edge.other, ("← ", text.DIM), suffix=_through(model, edge)))
        lines.append(statements_line(model, edge.other, edge.data))
    return lines + ([none_line("no principal in the snapshot")] if not found else [])


def _through(model: Model, edge: Becoming) -> Content:
    shown = technique(model, edge.data)
    if edge.hub is None:
        return shown
    return text.join([shown, ("  as one of ", text.DIM), text.literal(model.name(edge.hub))])


def escalation(model: Model, node: str) -> Lines:
    """The privilege-escalation finding's shortest path, one hop per line with its technique."""
    lines = [heading("Escalation", "the shortest path to more privilege")]
    if model.attrs(node).get("admin") == "yes":
        return lines + _admin_already(model, node)
    if model.findings is None:
        return [*lines, none_line(model.findings_error or "computing…")]
    finding = next((f for f in model.node_findings(node)
                    if f.rule == ESCALATION.id and f.resource == node), None)  # fmt: skip
    if finding is None:
        return [*lines, none_line("no escalation path found")]
    head = text.join([INDENT, text.severity_badge(finding.severity), " ",
                      text.literal(finding.title, "bold")])  # fmt: skip
    lines.append(Line(head, target=model.finding_item(finding), copy=finding.title))
    return lines + _hops(model, node, finding)


def _admin_already(model: Model, node: str) -> Lines:
    said = [none_line("admin-equivalent already: it may do everything, or grant itself anything")]
    cited = strings(model.attrs(node).get("admin_statements"))
    refs = statement_refs(model, node, cited)
    return said + [Line(text.join([INDENT * 2, text.literal(f"by {ref}", text.DIM)]),
                        statement=(node, refs) if refs else None) for ref in cited]  # fmt: skip


def _hops(model: Model, node: str, finding: Any) -> Lines:
    hops = escalation_hops(model.g, node, finding.path[-1]) if finding.path else None
    if hops is None:  # the finding's path is all there is to show
        return path_lines(model, finding.path, finding.edges, 2)
    lines: Lines = []
    for number, hop in enumerate(hops, 1):
        lines.append(link(model, hop.target, (f"{number}. → ", text.DIM), 2,
                          technique(model, hop.data, hop.target)))  # fmt: skip
        lines.append(statements_line(model, hop.source, hop.data, 4))
    if hops and model.kind(hops[-1].target) == kinds.ADMIN:
        lines.append(none_line("full control of the account", 2))
    return lines
