"""Opening the snapshot a command names and analysing it; turning names into nodes."""

from __future__ import annotations

import argparse
from pathlib import Path

from explorer.analysis.analyze import Analysis, analyze
from explorer.analysis.resolve import UnknownName, resolve
from explorer.cli.errors import UserError
from explorer.cli.notices import passed_over
from explorer.store.catalog import cache_dir, candidates, newest_snapshot, no_snapshot
from explorer.store.reader import SnapshotError, open_snapshot


def snapshot_path(args: argparse.Namespace) -> Path:
    """--snapshot, else the newest snapshot in the cache that `open_snapshot` accepts."""
    if args.snapshot:
        return Path(args.snapshot)
    return newest_snapshot(cache_dir(args.cache_dir), passed_over)


def load_analysis(args: argparse.Namespace, path: Path | None = None) -> Analysis:
    """The analysed snapshot; it stays open for the reports' reads until the command ends."""
    return load(args, path)[1]


def load(args: argparse.Namespace, path: Path | None = None) -> tuple[Path, Analysis]:
    """The file analysed and its analysis: `path`, else --snapshot, else the newest snapshot
    of the cache that passes the verdict of `open_snapshot`. Its slow part runs beside the
    reads (`analyze` waits for it), so a newest file it refuses is passed over then."""
    named = path or (Path(args.snapshot) if args.snapshot else None)
    if named is not None:
        return named, _analysed(named)
    folder = cache_dir(args.cache_dir)
    for candidate in candidates(folder):
        try:
            return candidate, _analysed(candidate)
        except SnapshotError as exc:
            passed_over(str(exc))
    raise no_snapshot(folder)


def _analysed(path: Path) -> Analysis:
    snapshot = open_snapshot(path, check_in_background=True)
    return analyze(snapshot)  # waits for the integrity check before it builds anything


def node_named(analysis: Analysis, text: str) -> str:
    """The node a user named, or a one-line UserError with close matches."""
    try:
        return resolve(analysis.graph, text)
    except UnknownName as exc:
        raise UserError(str(exc)) from exc


def snapshot_meta(analysis: Analysis, path: Path) -> dict:
    return {"path": str(path), **analysis.meta}
