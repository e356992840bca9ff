"""The findings catalogue (DESIGN §8): rules over the estate, its graph and untrusted inputs."""

from explorer.analysis.findings.finding import OWASP, SEVERITIES, Finding, Rule, severity_rank
from explorer.analysis.findings.report import findings_document, findings_table
from explorer.analysis.findings.rules import ALL as RULES
from explorer.analysis.findings.runner import find_all
from explorer.analysis.findings.sarif import to_sarif

__all__ = [
    "OWASP",
    "RULES",
    "SEVERITIES",
    "Finding",
    "Rule",
    "find_all",
    "findings_document",
    "findings_table",
    "severity_rank",
    "to_sarif",
]
