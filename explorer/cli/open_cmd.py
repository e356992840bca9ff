"""`explorer open`: the terminal app on a snapshot (default: the newest in the cache)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from explorer.cli.errors import UserError
from explorer.cli.notices import passed_over
from explorer.store.catalog import cache_dir, newest_snapshot
from explorer.store.reader import open_snapshot


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("open", parents=[common], help="the terminal app on a snapshot")
    p.add_argument("file", nargs="?", metavar="FILE", help="snapshot to open (same as --snapshot)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """A file that is not a usable snapshot, or a cache without one, is one sentence and exit
    2 before the app starts: the same verdict (`open_snapshot`) every command reaches."""
    folder = cache_dir(args.cache_dir)
    if args.file and args.snapshot and Path(args.file) != Path(args.snapshot):
        raise UserError("give the snapshot once: as FILE or as --snapshot, not both.")
    named = args.file or args.snapshot
    path = Path(named) if named else newest_snapshot(folder, passed_over)
    open_snapshot(path).close()
    return open_app(path, folder)


def open_app(snapshot: Path | None, folder: Path) -> int:
    """Run the app until the user quits (the entry point `explorer demo` calls too); an
    unexpected error ends it with one sentence naming its crash log, and exit code 1."""
    from explorer.tui.app import ExplorerApp
    from explorer.tui.crash import crash_sentence

    app = ExplorerApp(snapshot, folder)
    app.run()
    if app.error is not None:
        print(f"explorer: {crash_sentence(app.error)}", file=sys.stderr)
        return 1
    return app.return_code or 0
