"""`explorer who-can ACTION RESOURCE`: every principal, function and origin that may do it."""

from __future__ import annotations

import argparse
import json
import re
from typing import Any

from explorer.analysis.paths import label
from explorer.analysis.who_can import Answer, who_can
from explorer.cli.errors import UserError
from explorer.cli.loading import load_analysis, node_named
from explorer.safetext import safe

ACTION = re.compile(r"^[a-z0-9-]+:[A-Za-z0-9*?]+$")


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "who-can", parents=[common],
        help="every principal, function and origin that may do ACTION on RESOURCE",
    )  # fmt: skip
    p.add_argument("action", help="an IAM action, e.g. s3:GetObject")
    p.add_argument("resource", help="resource, role or function: name, ARN, or unambiguous suffix")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not ACTION.match(args.action):
        raise UserError(f"{args.action!r} is not an IAM action of the form service:Action.")
    analysis = load_analysis(args)
    resource = node_named(analysis, args.resource)
    answers = who_can(analysis.estate, analysis.graph, args.action, resource)
    if args.format == "json":
        document = {"action": args.action, "resource": resource,
                    "principals": [a.as_json() for a in answers]}  # fmt: skip
        print(json.dumps(document, indent=2))
        return 0
    g = analysis.graph
    print(f"{len(answers)} may {safe(args.action)} on {safe(label(g, resource))}:")
    for answer in answers:
        print(_line(g, answer))
    return 0


def _line(g, answer: Answer) -> str:
    via = " -> ".join(safe(label(g, n)) for n in answer.path[1:-1])
    maybe = " (conditional)" if answer.result != "allowed" else ""
    return f"  {answer.kind:<13} {safe(label(g, answer.principal))}{maybe}  via {via or '-'}"
