"""`explorer blast-radius NODE`: what a compromised node reaches, and who can reach it."""

from __future__ import annotations

import argparse
import json
from typing import Any

from explorer.analysis.blast import Reach, blast_radius, reached_by
from explorer.analysis.coverage import coverage
from explorer.analysis.paths import label
from explorer.analysis.scopes import blast_scope
from explorer.cli.answer_coverage import print_coverage
from explorer.cli.loading import load_analysis, node_named
from explorer.safetext import safe


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("blast-radius", parents=[common], help="what a compromised node reaches")
    p.add_argument("node", help="function, role or resource: name, ARN, or unambiguous suffix")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=run)


def _row(reach: Reach) -> dict[str, Any]:
    return {"node": reach.node, "kind": reach.kind, "access": list(reach.access),
            "path": list(reach.path), "edges": list(reach.edges)}  # fmt: skip


def run(args: argparse.Namespace) -> int:
    analysis = load_analysis(args)
    node = node_named(analysis, args.node)
    reachable = blast_radius(analysis.graph, node)
    sources = reached_by(analysis.graph, node)
    scope = blast_scope(analysis.graph, node, reachable, sources)
    covered = coverage(analysis.graph, analysis.estate.errors, analysis.meta, scope)
    if args.format == "json":
        print(json.dumps({"node": node, "reachable": [_row(r) for r in reachable],
                          "reached_by": [_row(r) for r in sources],
                          "coverage": covered.as_json()}, indent=2))  # fmt: skip
        return 0
    g = analysis.graph
    print(f"{safe(label(g, node))} reaches {len(reachable)} nodes:")
    for reach in reachable:
        via = " -> ".join(safe(label(g, n)) for n in reach.path[1:-1])
        access = ",".join(reach.access)
        print(f"  {reach.kind:<13} {safe(label(g, reach.node))}  [{access}]  via {via or '-'}")
    print_coverage(covered)
    return 0
