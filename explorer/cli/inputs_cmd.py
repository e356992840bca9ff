"""`explorer inputs FUNCTION`: the untrusted origins that reach a function, and how."""

from __future__ import annotations

import argparse
import json
from typing import Any

from explorer.analysis import kinds
from explorer.analysis.coverage import coverage
from explorer.analysis.holders import senders
from explorer.analysis.narrowing import only_text
from explorer.analysis.paths import concrete, label
from explorer.analysis.scopes import inputs_scope
from explorer.analysis.writers import writers
from explorer.cli.answer_coverage import print_coverage
from explorer.cli.errors import UserError
from explorer.cli.loading import load_analysis, node_named
from explorer.safetext import safe


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("inputs", parents=[common], help="untrusted inputs reaching a function")
    p.add_argument("function", help="function name, ARN, or unambiguous suffix")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    analysis = load_analysis(args)
    function = node_named(analysis, args.function)
    if analysis.graph.nodes[function].get("kind") != kinds.FUNCTION:
        raise UserError(f"{args.function!r} is not a function ({function}).")
    rows = []
    inputs = analysis.inputs.get(function, [])
    for found in inputs:
        path, edges = concrete(analysis.graph, found.path, found.edges)
        row = {"origin": found.origin, "trust": found.trust, "entry": found.entry,
               "path": path, "edges": edges, "only": list(found.only)}  # fmt: skip
        if found.trust == kinds.ACCOUNT_WIDE:
            row["every_principal"], row["holders"] = senders(
                analysis.graph, found.origin, found.entry
            )
        rows.append(row)
    by_principals = writers(analysis.graph, function)
    scope = inputs_scope(analysis.graph, function, inputs)
    covered = coverage(analysis.graph, analysis.estate.errors, analysis.meta, scope)
    if args.format == "json":
        doc = {"function": function, "inputs": rows,
               "principals": [w.as_json() for w in by_principals],
               "coverage": covered.as_json()}  # fmt: skip
        print(json.dumps(doc, indent=2))
        return 0
    name = safe(label(analysis.graph, function))
    if not rows:
        print(f"{name}: no untrusted origin reaches this function.")
    for row in rows:
        hops = " -> ".join(safe(label(analysis.graph, n)) for n in row["path"])
        only = f"  ({safe(only_text(row['only']))})" if row["only"] else ""
        print(f"{row['trust']:<14} {hops}{only}")
        if "holders" in row:
            _print_senders(analysis.graph, row)
    for writer in by_principals:
        hops = " -> ".join(safe(label(analysis.graph, n)) for n in writer.path)
        print(f"{'IAM ' + writer.kind:<14} {hops}")
    print_coverage(covered)
    return 0


def _print_senders(g: Any, row: dict) -> None:
    """Who an account-wide input lets in, under its path."""
    names = ", ".join(safe(label(g, n)) for n in row["holders"]) or "none"
    if row["every_principal"]:
        print(f"{'':<14} every principal of the account, no IAM grant needed; granted: {names}")
    else:
        print(f"{'':<14} principals whose IAM policies let them send: {names}")
