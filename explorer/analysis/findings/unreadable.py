"""Coverage gaps for resource policies (trust policies included) that could not be read in
full: who may reach the resource is unknown, and must not read as "nobody outside".

Severity is info, like every coverage gap: it says what the tool does not know, not a weakness
it found, and a guess ranked above real findings would bury them. The app shows the exposure
of such a resource as unknown, so the gap is seen where the answer would be, and the finding
names the functions its data reaches, whose untrusted inputs may be incomplete.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import networkx as nx

from explorer.analysis import kinds
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import INFO, Finding, listed, make
from explorer.analysis.taint import flow_adjacency

FED_SHOWN = 8
"""Functions named per finding (the count says how many more)."""
REMEDIATION = (
    "Read the policy with the AWS console or CLI and correct or remove what cannot be parsed; "
    "until then, judge who may reach the resource by hand."
)


def unreadable_policies(ctx: Context) -> Iterator[Finding]:
    """One finding per resource whose policies left sentences in `exposure_unknown`."""
    unknown = {node: said for node, said in ctx.g.nodes(data="exposure_unknown") if said}
    if not unknown:
        return
    fed = functions_fed(ctx.g, sorted(unknown))
    for node in sorted(unknown):
        yield _finding(ctx, node, unknown[node], fed.get(node, []))


def functions_fed(g: nx.MultiDiGraph, starts: list[str]) -> dict[str, list[str]]:
    """start -> the functions its data reaches (each under the nearest start): one search
    from every start at once along the data-flow edges taint follows."""
    adjacency = flow_adjacency(g)
    source = {start: start for start in starts}
    queue = list(starts)
    for node in queue:  # the queue grows behind the loop: breadth-first without pops
        for nxt, _ in adjacency.get(node, ()):
            if nxt not in source:
                source[nxt] = source[node]
                queue.append(nxt)
    found: dict[str, list[str]] = defaultdict(list)
    for node, start in source.items():
        if g.nodes[node].get("kind") == kinds.FUNCTION:
            found[start].append(node)
    return {start: sorted(functions) for start, functions in found.items()}


def _finding(ctx: Context, node: str, unknown: list[str], fed: list[str]) -> Finding:
    role = ctx.g.nodes[node].get("kind") == kinds.ROLE
    who = "Who may assume" if role else "Who may reach"
    return make(
        rules.COVERAGE_GAP,
        INFO,
        node,
        f"{who} {ctx.label(node)} is unknown: its policy could not be read in full",
        f"{'; '.join(unknown)}. What could not be read is left out, so findings about who "
        f"may reach it (public or cross-account access, untrusted input through it) may be "
        f"missing.{_fed_text(ctx, fed)}",
        remediation=REMEDIATION,
    )


def _fed_text(ctx: Context, fed: list[str]) -> str:
    if not fed:
        return ""
    named = listed(fed, FED_SHOWN, ctx.label)
    return f" Its data reaches {named}, whose untrusted inputs may be incomplete."
