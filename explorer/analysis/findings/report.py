"""Findings for people and scripts: the JSON document of DESIGN §9 and a plain-text table."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from explorer.analysis.findings.finding import Finding
from explorer.analysis.graph import short_name
from explorer.safetext import safe


def findings_document(findings: Iterable[Finding], meta: Mapping[str, Any]) -> dict[str, Any]:
    """`{"snapshot": {...meta}, "findings": [{rule, owasp, severity, resource, ...}]}`."""
    return {"snapshot": dict(meta), "findings": [f.to_dict() for f in findings]}


def findings_table(findings: Iterable[Finding], name: Callable[[str], str] = short_name) -> str:
    """One line per finding: severity, OWASP, rule, resource name, title (control characters
    in account text made visible)."""
    rows = [(f.severity, f.owasp, f.rule, safe(name(f.resource)), safe(f.title)) for f in findings]
    if not rows:
        return "No findings."
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        for row in rows
    )
