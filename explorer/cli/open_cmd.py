"""`explorer open`: the terminal app on a snapshot (default: the newest in the cache)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from explorer.cli.errors import UserError
from explorer.store.catalog import cache_dir, newest_snapshot


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("open", parents=[common], help="the terminal app on a snapshot")
    p.add_argument("file", nargs="?", metavar="FILE", help="snapshot to open (same as --snapshot)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """A missing file or an empty cache is one line and exit 2; a damaged file opens the app,
    which says what is wrong and offers the snapshot picker (s)."""
    folder = cache_dir(args.cache_dir)
    if args.file and args.snapshot and Path(args.file) != Path(args.snapshot):
        raise UserError("give the snapshot once: as FILE or as --snapshot, not both.")
    named = args.file or args.snapshot
    if named:
        path = Path(named)
        if not path.is_file():
            raise UserError(f"{path} does not exist or is not a file.")
    else:
        path = newest_snapshot(folder)
    return open_app(path, folder)


def open_app(snapshot: Path | None, folder: Path) -> int:
    """Run the app until the user quits (the entry point `explorer demo` calls too)."""
    from explorer.tui.app import ExplorerApp

    ExplorerApp(snapshot, folder).run()
    return 0
