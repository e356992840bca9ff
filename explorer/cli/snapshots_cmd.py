"""`explorer snapshots`: the snapshots in the cache folder, newest first, each judged usable
or not by the same verdict every other command applies (`open_snapshot`)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from explorer.store.catalog import cache_dir, list_snapshots


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("snapshots", parents=[common], help="list cached snapshots")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    folder = cache_dir(args.cache_dir)
    infos = list_snapshots(folder)
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
        print(json.dumps({"cache_dir": str(folder), "snapshots": rows}, indent=2))
        return 0
    if not infos:
        print(f"no snapshots in {folder}")
        return 0
    for i in infos:
        status = "ok" if i.usable else f"unusable: {i.problem}"
        status += ", HOLDS SECRET VALUES (--unsafe-keep-secret-values)" * i.secret_values_kept
        print(f"{i.path}\t{i.account or '-'}\t{i.finished or '-'}\t{','.join(i.regions)}\t{status}")
    return 0
