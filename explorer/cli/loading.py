"""Opening the snapshot a command names and analysing it; turning names into nodes."""

from __future__ import annotations

import argparse
from pathlib import Path

from explorer.analysis.analyze import Analysis, analyze
from explorer.analysis.resolve import UnknownName, resolve
from explorer.cli.errors import UserError
from explorer.store.catalog import cache_dir, newest_snapshot
from explorer.store.reader import open_snapshot


def snapshot_path(args: argparse.Namespace) -> Path:
    """--snapshot, else the newest complete snapshot in the cache."""
    return Path(args.snapshot) if args.snapshot else newest_snapshot(cache_dir(args.cache_dir))


def load_analysis(args: argparse.Namespace, path: Path | None = None) -> Analysis:
    """The analysed snapshot; it stays open for the reports' reads until the command ends."""
    snapshot = open_snapshot(path or snapshot_path(args), check_in_background=True)
    return analyze(snapshot)  # waits for the integrity check before it builds anything


def node_named(analysis: Analysis, text: str) -> str:
    """The node a user named, or a one-line UserError with close matches."""
    try:
        return resolve(analysis.graph, text)
    except UnknownName as exc:
        raise UserError(str(exc)) from exc


def snapshot_meta(analysis: Analysis, path: Path) -> dict:
    return {"path": str(path), **analysis.meta}
