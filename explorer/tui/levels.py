"""Orders of trust levels and severities: sort keys shared by lists, paths and badges."""

from __future__ import annotations

from explorer.analysis import kinds

SEVERITY_ORDER = ("critical", "high", "medium", "low", "info")
"""Most to least severe (the findings catalogue's order)."""


def trust_rank(trust: str | None) -> int:
    """0 for anonymous .. 3 internal, 4 for nothing untrusted: a sort key."""
    return kinds.TRUST_ORDER.index(trust) if trust in kinds.TRUST_ORDER else len(kinds.TRUST_ORDER)


def severity_rank(severity: str | None) -> int:
    """0 for critical .. 4 info, 5 for none: a sort key."""
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
