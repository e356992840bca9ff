"""`explorer snapshots`: the snapshots in the cache folder, newest first, each judged usable
or not by the same verdict every other command applies (`open_snapshot`)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from explorer.safetext import safe
from explorer.store.catalog import cache_dir, list_snapshots
from explorer.store.leftovers import Leftover, find_leftovers, remove_leftovers


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("snapshots", parents=[common], help="list cached snapshots")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument(
        "--remove-interrupted",
        action="store_true",
        help="delete the partial files of crawls that were killed (never a running crawl's)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = cache_dir(args.cache_dir)
    if args.remove_interrupted:
        return remove_interrupted(folder)
    infos = list_snapshots(folder)
    leftovers = find_leftovers(folder)
    if args.format == "json":
        rows = [
            {
                "path": str(i.path),
                "account": i.account,
                "finished": i.finished,
                "regions": list(i.regions),
                "usable": i.usable,
                "problem": i.problem,
                "secret_values_kept": i.secret_values_kept,
            }
            for i in infos
        ]
        interrupted = [interrupted_json(leftover) for leftover in leftovers]
        document = {"cache_dir": str(folder), "snapshots": rows, "interrupted": interrupted}
        print(json.dumps(document, indent=2))
        return 0
    print_interrupted(leftovers)
    if not infos:
        print(f"no snapshots in {safe(folder)}")
        return 0
    for i in infos:
        status = "ok" if i.usable else f"unusable: {i.problem}"
        status += ", HOLDS SECRET VALUES (--unsafe-keep-secret-values)" * i.secret_values_kept
        cells = (i.path, i.account or "-", i.finished or "-", ",".join(map(str, i.regions)), status)
        print("\t".join(safe(cell) for cell in cells))
    return 0


def interrupted_json(leftover: Leftover) -> dict[str, Any]:
    """One leftover partial file for `--format json`."""
    return {
        "path": str(leftover.path),
        "pid": leftover.pid,
        "bytes": leftover.size,
        "modified": leftover.modified,
        "complete": leftover.complete,
    }


def print_interrupted(leftovers: list[Leftover]) -> None:
    """One line per crawl that was killed and left its partial file, and how to remove them."""
    for leftover in leftovers:
        what = (
            "finished crawl that was never renamed: rename it to a .sqlite name to use it"
            if leftover.complete
            else f"interrupted crawl (pid {leftover.pid}, last written {leftover.modified})"
        )
        print(f"{safe(leftover.path)}\t{what}")
    if any(not leftover.complete for leftover in leftovers):
        hint = "remove interrupted crawls with `explorer snapshots --remove-interrupted`"
        print(hint, file=sys.stderr)


def remove_interrupted(folder: Path) -> int:
    """Delete the partial files of killed crawls; running crawls and finished data are kept."""
    removed = remove_leftovers(find_leftovers(folder))
    for path in removed:
        print(f"removed {safe(path)}")
    if not removed:
        print(f"no interrupted crawls in {safe(folder)}")
    return 0
