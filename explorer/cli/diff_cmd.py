"""`explorer diff OLD NEW`: what changed between two snapshots."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from explorer.analysis.diff import diff_analyses
from explorer.cli.loading import load_analysis
from explorer.safetext import safe


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("diff", parents=[common], help="what changed between two snapshots")
    p.add_argument("old", help="the earlier snapshot file")
    p.add_argument("new", help="the later snapshot file")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    old = load_analysis(args, Path(args.old))
    new = load_analysis(args, Path(args.new))
    changes = diff_analyses(old, new)
    if args.format == "json":
        print(json.dumps(changes, indent=2, default=str))
        return 0
    print_table(changes)
    return 0


def print_table(changes: dict[str, dict[str, list[Any]]]) -> None:
    for entry in changes["added"].get("inputs", []):
        hops = " -> ".join(safe(n) for n in entry["path"])
        print(f"NEW {entry['trust']} path to {safe(entry['function'])}: {hops}")
    for entry in changes["removed"].get("inputs", []):
        print(
            f"GONE {entry['trust']} path to {safe(entry['function'])} from {safe(entry['origin'])}"
        )
    for what in ("added", "removed"):
        for entry in changes[what].get("findings", []):
            print(f"{what} finding [{entry['severity']}] {safe(entry['title'])}")
    for what in ("added", "removed", "changed"):
        for name, items in changes[what].items():
            if name not in ("inputs", "findings") and items:
                print(f"{len(items)} {name} {what}")
