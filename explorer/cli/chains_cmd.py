"""`explorer chains`: trigger-to-output chains as JSON, Graphviz DOT or Mermaid."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from explorer.analysis.chains import MAX_DEPTH, Chains, find_chains
from explorer.analysis.coverage import Coverage, coverage
from explorer.analysis.paths import label
from explorer.analysis.scopes import chains_scope
from explorer.cli.answer_coverage import print_coverage
from explorer.cli.loading import load_analysis, node_named
from explorer.safetext import safe


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("chains", parents=[common], help="trigger-to-output chains")
    p.add_argument("--from", dest="start", metavar="NODE", help="only chains starting here")
    p.add_argument("--format", choices=("table", "json", "dot", "mermaid"), default="table")
    p.add_argument("--max-depth", type=int, default=MAX_DEPTH,
                   help=f"longest chain, in data hops (default {MAX_DEPTH})")  # fmt: skip
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    analysis = load_analysis(args)
    start = node_named(analysis, args.start) if args.start else None
    result = find_chains(analysis.graph, start, max_depth=args.max_depth)
    scope = chains_scope(analysis.graph, start, result)
    covered = coverage(analysis.graph, analysis.estate.errors, analysis.meta, scope)
    if args.format == "json":
        print(as_json(result, analysis.graph, covered))
    else:
        render = {"dot": as_dot, "mermaid": as_mermaid, "table": as_table}
        print(render[args.format](result, analysis.graph))
        print_coverage(covered)
    if result.capped:
        print(f"explorer: stopped after {len(result.chains)} chains; use --from", file=sys.stderr)
    elif result.truncated:
        print(f"explorer: some chains go on past {args.max_depth} data hops (--max-depth)",
              file=sys.stderr)  # fmt: skip
    return 0


def as_json(result: Chains, g: Any, covered: Coverage) -> str:
    chains = [{"path": list(c.path), "edges": list(c.edges), "ends": c.ends} for c in result.chains]
    doc = {"chains": chains, "truncated": result.truncated, "coverage": covered.as_json()}
    return json.dumps(doc, indent=2)


def as_table(result: Chains, g: Any) -> str:
    return "\n".join(" -> ".join(safe(label(g, n)) for n in c.path) for c in result.chains)


def _edges(result: Chains) -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for chain in result.chains:
        for index, kind in enumerate(chain.edges):
            found[(chain.path[index], chain.path[index + 1])] = kind
    return found


def _quote(text: str) -> str:
    return safe(text).replace("\\", "\\\\").replace('"', '\\"')


def as_dot(result: Chains, g: Any) -> str:
    edges = _edges(result)
    nodes = sorted({n for pair in edges for n in pair})
    lines = ["digraph chains {", "  rankdir=LR;"]
    lines += [f'  "{_quote(n)}" [label="{_quote(label(g, n))}"];' for n in nodes]
    lines += [f'  "{_quote(a)}" -> "{_quote(b)}" [label="{k}"];' for (a, b), k in edges.items()]
    return "\n".join([*lines, "}"])


def as_mermaid(result: Chains, g: Any) -> str:
    edges = _edges(result)
    ids = {n: f"n{i}" for i, n in enumerate(sorted({n for pair in edges for n in pair}))}
    text = lambda n: safe(label(g, n)).replace('"', "#quot;")  # noqa: E731
    lines = ["flowchart LR"] + [f'  {ids[n]}["{text(n)}"]' for n in ids]
    lines += [f"  {ids[a]} -->|{k}| {ids[b]}" for (a, b), k in edges.items()]
    return "\n".join(lines)
