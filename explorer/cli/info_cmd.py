"""`explorer info`: what a snapshot holds, and what its crawl could not read."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from explorer.cli.notices import passed_over
from explorer.cli.trigger_coverage import trigger_coverage
from explorer.safetext import safe
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
    return open_newest(cache_dir(args.cache_dir), passed_over)


def run(args: argparse.Namespace) -> int:
    snapshot = open_from_args(args)
    try:
        view = overview(snapshot)
    finally:
        snapshot.close()
    if args.format == "json":
        print(json.dumps(as_json(view, snapshot.path), indent=2))
    else:
        print_overview(view, snapshot.path, sys.stdout, full=True)
    return 0


COMPLETE_MEANS = "every call this crawl made succeeded"
"""All that "complete" claims: not that the crawler reads everything (see `not_read`)."""


def as_json(view: Overview, path: Path) -> dict[str, Any]:
    return {
        "snapshot": {"path": str(path), **view.meta},
        "counts": view.counts,
        "api_calls": view.api_calls,
        "gaps": [g.__dict__ for g in view.gaps],
        "coverage": {
            "complete": not view.partial,
            "means": COMPLETE_MEANS,
            "failed_calls": sum(g.count for g in view.gaps),
        },
        "not_read": view.not_read,
        "trigger_kinds": trigger_coverage(view.counts, view.not_read),
        "secret_values_kept": view.secret_values_kept,
        "undeclared_tables": view.undeclared,
    }


def print_overview(view: Overview, path: Path, out: TextIO, full: bool = False) -> None:
    """Human summary: account, regions, what was read, each coverage gap and what the crawl
    does not read (`full`: every entry, else a count and where to see them)."""
    meta = {key: _shown(value) for key, value in view.meta.items()}
    print(f"snapshot {safe(path)}", file=out)
    account, partition, regions = meta.get("account"), meta.get("partition"), meta.get("regions")
    print(f"account {account} ({partition}), regions: {regions}", file=out)
    print(f"crawled {meta.get('started')} .. {meta.get('finished')}", file=out)
    read = ", ".join(f"{n} {table}" for table, n in view.counts.items() if n)
    print(f"read: {read or 'nothing'}; {view.api_calls} API calls", file=out)
    if view.secret_values_kept:
        print(SECRETS_WARNING, file=out)
    _print_gaps(view, out)
    _print_not_read(view.not_read, out, full)
    if full:
        _print_triggers(trigger_coverage(view.counts, view.not_read), out)
    if view.undeclared:
        held = ", ".join(f"{safe(name)} ({n} rows)" for name, n in view.undeclared.items())
        print(f"tables this version does not read (another version's crawl): {held}", file=out)


def _shown(value: Any) -> str:
    """A meta value as terminal-safe text: the file, not our code, decides what it holds."""
    if isinstance(value, list):
        return ", ".join(safe(item) for item in value)
    return safe(value)


SECRETS_WARNING = (
    "SECRET VALUES: this file holds secret values in plain text (crawled with "
    "--unsafe-keep-secret-values); guard it like the secrets themselves."
)


def _print_gaps(view: Overview, out: TextIO) -> None:
    if not view.gaps:
        print(f"coverage: complete: {COMPLETE_MEANS} ({view.api_calls} calls)", file=out)
        return
    total = sum(g.count for g in view.gaps)
    print(f"coverage: PARTIAL: {total} calls failed, so this data is incomplete:", file=out)
    for gap in view.gaps[:20]:
        where = ",".join(gap.regions)
        line = f"{gap.service}:{gap.operation} {gap.code} x{gap.count} ({where})"
        print(f"  {safe(line)}", file=out)
    if len(view.gaps) > 20:
        print(f"  ... and {len(view.gaps) - 20} more kinds (see the errors table)", file=out)


def _print_triggers(coverage: dict[str, list[str]], out: TextIO) -> None:
    """The trigger kinds the answers cover, and those they cannot."""
    print(f"trigger kinds read ({len(coverage['read'])}): {', '.join(coverage['read'])}", file=out)
    if coverage["not_in_snapshot"]:
        missing = ", ".join(coverage["not_in_snapshot"])
        print(f"trigger kinds this snapshot predates (crawl again to read them): {missing}",
              file=out)  # fmt: skip
    unread = coverage["not_read"]
    print(f"trigger sources not read ({len(unread)}): "
          f"{'; '.join(safe(w) for w in unread) or 'none'}", file=out)  # fmt: skip


NOT_READ_HEADING = "not read (or read but not yet analysed) by this crawler"


def _print_not_read(entries: list[dict[str, Any]] | None, out: TextIO, full: bool) -> None:
    """Services this crawl left out, then what the crawler never reads."""
    if entries is None:
        print(f"{NOT_READ_HEADING}: not recorded (this snapshot predates the list)", file=out)
        return
    skipped = [e for e in entries if e.get("cause") == "--service"]
    never = [e for e in entries if e.get("cause") != "--service"]
    if skipped:
        names = ", ".join(safe(e.get("service") or e.get("what")) for e in skipped)
        print(f"not crawled (left out by --service): {names}", file=out)
    if not full:
        print(f"{NOT_READ_HEADING}: {len(never)} kinds of data (`explorer info` lists them)",
              file=out)  # fmt: skip
        return
    print(f"{NOT_READ_HEADING} ({len(never)}):", file=out)
    for entry in never:
        print(f"  {safe(entry.get('what'))}: {safe(entry.get('why'))}", file=out)
