"""The detail of a role: who uses it, whom it can become, what it may reach, its permissions
and policies; `reaches` and `policies` serve users and groups too."""

from __future__ import annotations

from textual.content import Content

from explorer.analysis import kinds
from explorer.tui import text
from explorer.tui.details.becoming import becoming_sections
from explorer.tui.details.common import (
    Lines,
    document,
    edges_in,
    edges_out,
    evidence,
    findings_section,
    header,
    heading,
    link,
    none_line,
    plain,
    relations,
    tags_section,
    unknown_exposure,
    value,
)
from explorer.tui.details.permissions import permission_lines
from explorer.tui.shapes import mapping, sequence, shown
from explorer.tui.view_model import Model

GRANTS = (kinds.WRITES, kinds.READS, kinds.INVOKES, kinds.CONTROLS, kinds.PASSES, kinds.ASSUMES)


def role_detail(model: Model, node: str) -> Lines:
    return [*header(model, node), *used_by(model, node), *becoming_sections(model, node),
            *reaches(model, node), *permission_lines(model, node),
            *findings_section(model, node), *policies(model, node),
            *tags_section(model, node), *relations(model, node)]  # fmt: skip


def used_by(model: Model, node: str) -> Lines:
    """Functions and state machines running as the role, and roles that may assume it."""
    found = edges_in(model, node, kinds.ASSUMES) + edges_in(model, node, kinds.PASSES)
    lines = [heading("Used by", f"{len(found)}")]
    lines += [link(model, u, (f"{d.get('kind')} ← ", text.DIM), suffix=evidence(d))
              for u, d in found[:500]]  # fmt: skip
    return lines + ([none_line("nothing in the snapshot runs as it")] if not found else [])


def reaches(model: Model, node: str) -> Lines:
    """The data and control edges its grants make (hubs read 'every …')."""
    found = [(kind, v, d) for kind in GRANTS for v, d in edges_out(model, node, kind)]
    lines = [heading("May reach", f"{len(found)} resources and roles")]
    lines += [link(model, v, (f"{kind} → ", text.DIM), suffix=evidence(d))
              for kind, v, d in found[:500]]  # fmt: skip
    return lines + ([none_line("no data or control edges")] if not found else [])


def policies(model: Model, node: str) -> Lines:
    """Trust policy (a role's), boundary, inline and attached policies as documents."""
    row, lines = model.row(node), []
    if model.kind(node) == kinds.ROLE:
        lines += [heading("Trust policy", "who may assume it"), *unknown_exposure(model, node),
                  *document(row.get("trust_policy"))]  # fmt: skip
    if row.get("boundary_arn"):
        lines += [heading("Permissions boundary"), value("arn", row["boundary_arn"])]
    for policy in map(mapping, sequence(row.get("inline_policies"))):
        lines += [heading("Inline policy", shown(policy.get("name")))]
        lines += document(policy.get("document"))
    for arn in map(shown, sequence(row.get("attached_policy_arns"))):
        managed = model.managed.get(arn)
        lines += [heading("Attached policy"), value("arn", arn)]
        lines += (
            document(managed.get("document"))
            if managed
            else [
                plain(Content.styled("not in the snapshot (an AWS managed policy?)", "#ffd75f"), 2)
            ]
        )
    return lines
