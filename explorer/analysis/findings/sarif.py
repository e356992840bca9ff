"""Findings as SARIF 2.1.0: rules tagged with their OWASP category, one result per finding
located by its node id (a logical location), and its path as a code flow."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from explorer import __version__
from explorer.analysis.findings import rules
from explorer.analysis.findings.finding import (
    CRITICAL,
    HIGH,
    INFO,
    LOW,
    MEDIUM,
    OWASP,
    Finding,
    Rule,
)
from explorer.analysis.graph import short_name

VERSION = "2.1.0"
SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL = "serverless-chain-explorer"
LEVEL = {CRITICAL: "error", HIGH: "error", MEDIUM: "warning", LOW: "note", INFO: "note"}
SECURITY_SEVERITY = {CRITICAL: "9.5", HIGH: "8.0", MEDIUM: "5.5", LOW: "3.0", INFO: "0.0"}
"""The numeric scale code-scanning tools read from `properties.security-severity`."""


def to_sarif(findings: Iterable[Finding], meta: Mapping[str, Any]) -> dict[str, Any]:
    """One SARIF log with one run: every catalogue rule, and a result per finding."""
    index = {rule.id: position for position, rule in enumerate(rules.ALL)}
    return {
        "$schema": SCHEMA,
        "version": VERSION,
        "runs": [
            {
                "tool": {"driver": _driver()},
                "results": [_result(f, index) for f in findings],
                "properties": {"snapshot": dict(meta)},
            }
        ],
    }


def _driver() -> dict[str, Any]:
    return {
        "name": TOOL,
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(rule) for rule in rules.ALL],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    category = f"OWASP {rule.owasp}:2017 {OWASP[rule.owasp]}"
    return {
        "id": rule.id,
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.name},
        "fullDescription": {"text": rule.description},
        "help": {"text": rule.remediation},
        "properties": {"tags": ["security", f"owasp-2017-{rule.owasp.lower()}", category]},
    }


def _result(finding: Finding, index: Mapping[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVEL.get(finding.severity, "note"),
        "message": {"text": f"{finding.title}. {finding.detail}"},
        "locations": [{"logicalLocations": [_logical(finding.resource)]}],
        "codeFlows": [_code_flow(finding)],
        "partialFingerprints": {"findingId/v1": _fingerprint(finding)},
        "properties": {
            "severity": finding.severity,
            "owasp": finding.owasp,
            "security-severity": SECURITY_SEVERITY.get(finding.severity, "0.0"),
            "remediation": finding.remediation,
        },
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


def _logical(node: str) -> dict[str, str]:
    return {"fullyQualifiedName": node, "name": short_name(node), "kind": "resource"}


def _code_flow(finding: Finding) -> dict[str, Any]:
    """The path as one thread flow; each step says which edge led to it."""
    steps = [
        {
            "location": {
                "logicalLocations": [_logical(node)],
                "message": {"text": _step_text(node, finding.edges, position)},
            },
            "executionOrder": position,
        }
        for position, node in enumerate(finding.path)
    ]
    return {"message": {"text": finding.title}, "threadFlows": [{"locations": steps}]}


def _step_text(node: str, edges: Sequence[str], position: int) -> str:
    if position == 0 or position > len(edges):
        return node
    return f"{edges[position - 1]} {node}"


def _fingerprint(finding: Finding) -> str:
    """Stable across runs for the same rule, resource and title."""
    text = "\x1f".join((finding.rule, finding.resource, finding.title))
    return hashlib.sha256(text.encode()).hexdigest()[:32]
