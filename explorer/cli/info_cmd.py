"""`explorer info`: what a snapshot holds, and what its crawl could not read."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from explorer.store.catalog import cache_dir, open_newest
from explorer.store.overview import Overview, overview
from explorer.store.reader import Snapshot, open_snapshot


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("info", parents=[common], help="summarise a snapshot and its coverage")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run)


def open_from_args(args: argparse.Namespace) -> Snapshot:
    """The snapshot named by --snapshot, else the newest one in the cache that passes the
    verdict of `open_snapshot`."""
    if args.snapshot:
        return open_snapshot(Path(args.snapshot))
    return open_newest(cache_dir(args.cache_dir))


def run(args: argparse.Namespace) -> int:
    snapshot = open_from_args(args)
    try:
        view = overview(snapshot)
    finally:
        snapshot.close()
    if args.format == "json":
        print(json.dumps(as_json(view, snapshot.path), indent=2))
    else:
        print_overview(view, snapshot.path, sys.stdout)
    return 0


def as_json(view: Overview, path: Path) -> dict[str, Any]:
    return {
        "snapshot": {"path": str(path), **view.meta},
        "counts": view.counts,
        "api_calls": view.api_calls,
        "gaps": [g.__dict__ for g in view.gaps],
    }


def print_overview(view: Overview, path: Path, out: TextIO) -> None:
    """Human summary: account, regions, what was read, and each coverage gap."""
    meta = view.meta
    regions = ", ".join(meta.get("regions") or [])
    print(f"snapshot {path}", file=out)
    print(f"account {meta.get('account')} ({meta.get('partition')}), regions: {regions}", file=out)
    print(f"crawled {meta.get('started')} .. {meta.get('finished')}", file=out)
    read = ", ".join(f"{n} {table}" for table, n in view.counts.items() if n)
    print(f"read: {read or 'nothing'}; {view.api_calls} API calls", file=out)
    if not view.gaps:
        print("coverage: complete (no failed calls)", file=out)
        return
    total = sum(g.count for g in view.gaps)
    print(f"coverage: PARTIAL: {total} calls failed, so this data is incomplete:", file=out)
    for gap in view.gaps[:20]:
        where = ",".join(gap.regions)
        print(f"  {gap.service}:{gap.operation} {gap.code} x{gap.count} ({where})", file=out)
    if len(view.gaps) > 20:
        print(f"  ... and {len(view.gaps) - 20} more kinds (see the errors table)", file=out)
