"""Coverage gaps for resource policies (trust policies included) that could not be read in
full: who may reach the resource is unknown, and must not read as "nobody outside".

Severity is info, like every coverage gap: it says what the tool does not know, not a weakness
it found, and a guess ranked above real findings would bury them. The app shows the exposure
of such a resource as unknown, so the gap is seen where the answer would be.
"""

from __future__ import annotations

from collections.abc import Iterator

from explorer.analysis import kinds
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.model import INFO, Finding, make

REMEDIATION = (
    "Read the policy with the AWS console or CLI and correct or remove what cannot be parsed; "
    "until then, judge who may reach the resource by hand."
)


def unreadable_policies(ctx: Context) -> Iterator[Finding]:
    """One finding per resource whose policies left sentences in `exposure_unknown`."""
    for node, unknown in sorted(ctx.g.nodes(data="exposure_unknown")):
        if unknown:
            yield _finding(ctx, node, unknown)


def _finding(ctx: Context, node: str, unknown: list[str]) -> Finding:
    role = ctx.g.nodes[node].get("kind") == kinds.ROLE
    who = "Who may assume" if role else "Who may reach"
    return make(
        rules.COVERAGE_GAP,
        INFO,
        node,
        f"{who} {ctx.label(node)} is unknown: its policy could not be read in full",
        f"{'; '.join(unknown)}. What could not be read is left out, so findings about who "
        "may reach it (public or cross-account access, untrusted input through it) may be "
        "missing.",
        remediation=REMEDIATION,
    )
