"""`explorer findings`: the findings catalogue as a table, JSON, or SARIF 2.1.0."""

from __future__ import annotations

import argparse
import json
from typing import Any

from explorer.analysis.findings.finding import SEVERITIES
from explorer.analysis.findings.report import findings_document, findings_table
from explorer.analysis.findings.sarif import to_sarif
from explorer.analysis.paths import label
from explorer.cli.loading import load, snapshot_meta
from explorer.safetext import safe


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("findings", parents=[common], help="security findings (OWASP Top 10)")
    p.add_argument("--format", choices=("table", "json", "sarif"), default="table")
    p.add_argument(
        "--min-severity", choices=SEVERITIES, default=SEVERITIES[-1],
        help="leave out findings below this severity",
    )  # fmt: skip
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path, analysis = load(args)
    cutoff = SEVERITIES.index(args.min_severity)
    findings = [f for f in analysis.findings if SEVERITIES.index(f.severity) <= cutoff]
    meta = snapshot_meta(analysis, path)
    if args.format == "json":
        print(json.dumps(findings_document(findings, meta), indent=2, default=str))
    elif args.format == "sarif":
        print(json.dumps(to_sarif(findings, meta), indent=2, default=str))
    else:
        print(findings_table(findings, lambda node: safe(label(analysis.graph, node))))
    return 0
