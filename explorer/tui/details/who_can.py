"""The "who can change / write / read / invoke this" section of a resource's or function's
detail: one line per principal with its kinds of access (sweeping grants through a hub
included), and the workloads running as each role."""

from __future__ import annotations

from textual.content import Content

from explorer.analysis import kinds
from explorer.analysis.holders import Holder, access_holders
from explorer.tui import text
from explorer.tui.details.common import Lines, edges_in, heading, link, none_line
from explorer.tui.view_model import Model

SHOWN = 500
"""Principals listed (the strongest access first)."""
RUN_BY = 3
"""Workloads named under each role (the role's detail lists them all)."""
CONDITIONAL = "#ffd75f"


def who_can_section(model: Model, node: str) -> Lines:
    holders = access_holders(model.g, node)
    unsure = any(holder.conditional for holder in holders)
    note = f"{len(holders)}" + ("  · ?: only if a condition holds" if unsure else "")
    lines = [heading("Who can change / write / read / invoke this", note)]
    for holder in holders[:SHOWN]:
        lines.append(link(model, holder.source, suffix=access(model, holder)))
        lines += run_by(model, holder.source)
    if len(holders) > SHOWN:
        lines.append(none_line(f"… {len(holders) - SHOWN} more"))
    return lines + ([none_line("no principal in the snapshot")] if not holders else [])


def access(model: Model, holder: Holder) -> Content:
    """`  may write, read?  as every bucket`: `?` marks access that holds only under a
    condition the engine could not decide."""
    parts: list[Content | str | tuple[str, str]] = ["  ", ("may ", text.DIM)]
    for index, verb in enumerate(holder.verbs):
        parts.append(", " if index else "")
        parts.append((f"{verb}?", CONDITIONAL) if verb in holder.conditional else (verb, "bold"))
    for hub in holder.through:
        parts += [("  as ", text.DIM), text.literal(model.name(hub), text.DIM)]
    return text.join(parts)


def run_by(model: Model, principal: str) -> Lines:
    """The functions and state machines running as a role (a few; the role lists all)."""
    if model.kind(principal) != kinds.ROLE:
        return []
    found = [u for u, _ in edges_in(model, principal, kinds.ASSUMES)]
    lines = [link(model, u, ("run by ", text.DIM), 3) for u in found[:RUN_BY]]
    more = len(found) - RUN_BY
    return lines + ([none_line(f"… and {more} more workloads", 3)] if more > 0 else [])
