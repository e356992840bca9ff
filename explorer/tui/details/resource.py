"""Details of everything but functions and roles: entry points, stores, origins, hubs, findings."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from explorer.analysis import kinds
from explorer.tui import text
from explorer.tui.details.common import (
    Line,
    Lines,
    document,
    edges_in,
    edges_out,
    evidence,
    finding_lines,
    findings_section,
    header,
    heading,
    link,
    members,
    narrowed,
    none_line,
    plain,
    relations,
    tags_section,
    unknown_exposure,
    value,
)
from explorer.tui.details.who_can import who_can_section
from explorer.tui.view_model import Model

POLICY_COLUMNS = ("policy", "trust_policy", "definition", "redrive_policy", "redrive_allow_policy",
                  "stream_policy", "delivery_policy", "event_pattern", "acl_grants")  # fmt: skip
"""Row columns shown as pretty-printed documents rather than one-line values."""
SKIPPED = {"arn", "name", "tags"}


def route_detail(model: Model, node: str) -> Lines:
    """A REST/HTTP route or function URL: how it is reached, and what it calls."""
    return [*header(model, node), *exposed_to(model, node), *feeds(model, node),
            *findings_section(model, node), *configuration(model, node),
            *relations(model, node)]  # fmt: skip


def resource_detail(model: Model, node: str) -> Lines:
    """A bucket, queue, topic, table, stream, bus, rule, pool, log group, state machine, API."""
    return [*header(model, node), *exposed_to(model, node), *who_can_section(model, node),
            *feeds(model, node), *findings_section(model, node),
            *configuration(model, node), *tags_section(model, node),
            *relations(model, node)]  # fmt: skip


def exposed_to(model: Model, node: str) -> Lines:
    """Outside origins that may send to it, and those that may read it."""
    lines = [heading("Exposure", "who outside the account may reach it")]
    for origin, data in edges_in(model, node, kinds.EXPOSES):
        badge = text.join(["  ", text.trust_badge(data.get("trust")), narrowed(data.get("only")),
                           evidence(data)])  # fmt: skip
        lines.append(link(model, origin, ("may send ← ", text.DIM), suffix=badge))
    for origin, trust in model.g.nodes[node].get("readable_by") or []:
        badge = text.join(["  ", text.trust_badge(trust)])
        lines.append(_origin_link(model, origin, "may read ← ", badge))
    lines += unknown_exposure(model, node)
    return lines + ([none_line("nobody outside the account")] if len(lines) == 1 else [])


def _origin_link(model: Model, origin: str, prefix: str, suffix: Content) -> Line:
    if origin in model.g:
        return link(model, origin, (prefix, text.DIM), suffix=suffix)
    return plain(text.join([(prefix, text.DIM), text.literal(origin), suffix]))


def feeds(model: Model, node: str) -> Lines:
    """What it triggers: where its data goes next."""
    found = edges_out(model, node, kinds.TRIGGERS)
    lines = [heading("Triggers", f"{len(found)}")]
    lines += [link(model, target, ("→ ", text.DIM), suffix=evidence(d)) for target, d in found]
    return lines + ([none_line("it triggers nothing")] if not found else [])


def configuration(model: Model, node: str) -> Lines:
    """Every readable column of its crawled row; policies and definitions pretty-printed."""
    row: dict[str, Any] = model.row(node)
    lines = [heading("Configuration")]
    for key in sorted(k for k in row if k not in SKIPPED and k not in POLICY_COLUMNS):
        if row[key] not in (None, "", [], {}):
            lines.append(_column(model, key, row[key]))
    for key in POLICY_COLUMNS:
        if row.get(key) not in (None, "", [], {}):
            lines += [plain(Content.styled(key, "bold")), *document(row[key])]
    return lines + ([none_line("nothing crawled")] if len(lines) == 1 else [])


def _column(model: Model, key: str, val: Any) -> Line:
    if isinstance(val, str) and val in model.g and val != "":
        return link(model, val, (f"{key}: ", text.DIM))
    return value(key, val)


def origin_detail(model: Model, node: str) -> Lines:
    """An outside origin: what it may send to, and which functions its data reaches."""
    lines = [*header(model, node), heading("Sends to")]
    for entry, data in edges_out(model, node, kinds.EXPOSES):
        badge = text.join(["  ", text.trust_badge(data.get("trust")), narrowed(data.get("only")),
                           evidence(data)])  # fmt: skip
        lines.append(link(model, entry, ("→ ", text.DIM), suffix=badge))
    reached = sorted((fn, i.trust) for fn, found in model.analysis.inputs.items()
                     for i in found if i.origin == node)  # fmt: skip
    lines.append(heading("Functions its data reaches", f"{len(reached)}"))
    lines += [link(model, fn, suffix=text.join(["  as ", text.trust_badge(t)]))
              for fn, t in reached[:500]]  # fmt: skip
    return lines + relations(model, node)


def hub_detail(model: Model, node: str) -> Lines:
    """'Every bucket' etc.: who holds the sweeping grant, and what it stands for."""
    return [*header(model, node), *relations_in(model, node), *members(model, node)]


def relations_in(model: Model, node: str) -> Lines:
    found = [(u, d) for u, _, d in model.g.in_edges(node, data=True)]
    lines = [heading("Granted to", f"{len(found)}")]
    return lines + [link(model, u, (f"{d.get('kind')} ← ", text.DIM), suffix=evidence(d))
                    for u, d in found]  # fmt: skip


def finding_detail(model: Model, item: str) -> Lines:
    """One finding with its resource, explaining path and remediation."""
    finding = model.finding(item)
    if finding is None:
        return [none_line("this finding is no longer in the snapshot")]
    title = Line(text.literal(finding.title, "bold"), copy=finding.title)
    lines = [title, value("rule", finding.rule, 0), heading("Resource")]
    lines.append(link(model, finding.resource))
    shown_on = [n for n in model.carriers(finding) if n != finding.resource]
    lines += [link(model, n, ("shown on ", text.DIM)) for n in shown_on[:50]]
    lines.append(heading("Finding"))
    return lines + finding_lines(model, [finding])
