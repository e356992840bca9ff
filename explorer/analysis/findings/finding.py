"""The finding record, severities, and the rule catalogue every finding points into."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

T = TypeVar("T")

CRITICAL, HIGH, MEDIUM, LOW, INFO = "critical", "high", "medium", "low", "info"
SEVERITIES = (CRITICAL, HIGH, MEDIUM, LOW, INFO)
"""Most to least severe."""

OWASP = {
    "A1": "Injection",
    "A2": "Broken Authentication",
    "A3": "Sensitive Data Exposure",
    "A4": "XML External Entities (XXE)",
    "A5": "Broken Access Control",
    "A6": "Security Misconfiguration",
    "A7": "Cross-Site Scripting (XSS)",
    "A8": "Insecure Deserialization",
    "A9": "Using Components with Known Vulnerabilities",
    "A10": "Insufficient Logging & Monitoring",
}
"""The OWASP Top 10 (2017), the list the serverless interpretation walks through."""


@dataclass(frozen=True)
class Finding:
    """One thing wrong (or unknown) in the estate, on the node that carries it.

    `path` holds node ids that explain it, starting at the origin where there is one;
    `edges` the edge kinds between consecutive path nodes when the path follows the graph.
    Text from the account (names, descriptions) appears in `title`/`detail` as-is.
    """

    rule: str
    owasp: str
    severity: str
    resource: str
    title: str
    detail: str
    path: tuple[str, ...]
    remediation: str
    edges: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of DESIGN §9 (lists for tuples)."""
        out = asdict(self)
        out["path"], out["edges"] = list(self.path), list(self.edges)
        return out


@dataclass(frozen=True)
class Rule:
    """A catalogue entry: what a rule looks for and the default advice."""

    id: str
    owasp: str
    name: str
    description: str
    remediation: str


def severity_rank(severity: str) -> int:
    """0 for critical .. 4 for info (unknown severities sort last)."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def listed(items: Sequence[T], limit: int, show: Callable[[T], str] = str) -> str:
    """The first `limit` items as text, then "and N more": `show` is asked only of those shown
    (a finding may name a few of thousands)."""
    shown = ", ".join(show(item) for item in items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def lower(severity: str, steps: int = 1) -> str:
    """A severity `steps` levels less severe, never below low (info stays info)."""
    if severity == INFO:
        return INFO
    return SEVERITIES[min(severity_rank(severity) + steps, SEVERITIES.index(LOW))]


def sort_key(finding: Finding) -> tuple[int, str, str, str, str, tuple[str, ...]]:
    """Severity first, then resource, then the rest for a stable order."""
    f = finding
    return severity_rank(f.severity), f.resource, f.rule, f.title, f.detail, f.path


def make(
    rule: Rule, severity: str, resource: str, title: str, detail: str, **extra: Any
) -> Finding:
    """A finding of `rule`, with the rule's remediation unless `remediation` is given."""
    return Finding(
        rule=rule.id,
        owasp=rule.owasp,
        severity=severity,
        resource=resource,
        title=title,
        detail=detail,
        path=tuple(extra.get("path") or (resource,)),
        remediation=extra.get("remediation") or rule.remediation,
        edges=tuple(extra.get("edges") or ()),
    )
