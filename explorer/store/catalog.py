"""The cache folder: where snapshots live, which ones exist, and which is newest.

A file is usable exactly when `open_snapshot` accepts it: listing and choosing the newest file
use that one verdict, so no command calls a file "ok" that another refuses.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.store.reader import (
    Snapshot,
    SnapshotError,
    connect_readonly,
    open_snapshot,
    read_meta,
)

CACHE_ENV = "EXPLORER_CACHE_DIR"
DEFAULT_CACHE = Path("cache")


def cache_dir(option: str | Path | None = None) -> Path:
    """The cache folder: the option, else $EXPLORER_CACHE_DIR, else ./cache."""
    return Path(option or os.environ.get(CACHE_ENV) or DEFAULT_CACHE)


@dataclass(frozen=True)
class SnapshotInfo:
    """One file in the cache, usable or not (with the reason)."""

    path: Path
    account: str | None
    finished: str | None
    regions: tuple[str, ...]
    problem: str | None
    secret_values_kept: bool = False
    """The crawl kept secret values (`--unsafe-keep-secret-values`): the file holds them."""

    @property
    def usable(self) -> bool:
        return self.problem is None


def peek_meta(path: Path) -> dict[str, Any]:
    """The meta table, read without judging the file ({} when it cannot be read)."""
    try:
        conn = connect_readonly(path)
    except sqlite3.Error:
        return {}
    try:
        return read_meta(conn, path.name)
    except SnapshotError:
        return {}
    finally:
        conn.close()


def verdict(path: Path) -> str | None:
    """None when `open_snapshot` accepts the file, else its one-sentence reason."""
    try:
        open_snapshot(path).close()
    except SnapshotError as exc:
        return str(exc)
    return None


def describe(path: Path, judge: bool = True) -> SnapshotInfo:
    """A file as the listing shows it: its meta (what can be read of it) and the verdict."""
    meta = peek_meta(path)
    regions = meta.get("regions") or []
    finished = meta.get("finished")
    account = meta.get("account")
    return SnapshotInfo(
        path=path,
        account=account if isinstance(account, str) else None,
        finished=finished if isinstance(finished, str) else None,
        regions=tuple(str(r) for r in regions) if isinstance(regions, list) else (),
        problem=verdict(path) if judge else None,
        secret_values_kept=meta.get("secret_values_kept") is True,
    )


def list_snapshots(folder: Path, judge: bool = True) -> list[SnapshotInfo]:
    """Every `*.sqlite` file in the folder, newest first (by finish time, then name), each
    judged by `open_snapshot` unless `judge` is false (then `problem` is always None)."""
    if not folder.is_dir():
        return []
    infos = [describe(p, judge) for p in folder.glob("*.sqlite") if p.is_file()]
    return sorted(infos, key=lambda i: (i.finished or "", i.path.name), reverse=True)


def candidates(folder: Path) -> list[Path]:
    """Every snapshot file in the folder, newest first, not yet judged."""
    return [info.path for info in list_snapshots(folder, judge=False)]


def no_snapshot(folder: Path) -> SnapshotError:
    return SnapshotError(
        f"no complete snapshot in {folder}; run `explorer crawl` or `explorer demo` first, "
        "or pass --snapshot FILE."
    )


PassedOver = Callable[[str], None]
"""Told the verdict on each newer file the choice of a snapshot passes over, so that an older
snapshot is never analysed in its place without the user hearing why."""


def open_newest(folder: Path, passed_over: PassedOver = lambda _: None) -> Snapshot:
    """The newest snapshot `open_snapshot` accepts, open, or SnapshotError saying there is none."""
    for path in candidates(folder):
        try:
            return open_snapshot(path)
        except SnapshotError as exc:
            passed_over(str(exc))
    raise no_snapshot(folder)


def newest_snapshot(folder: Path, passed_over: PassedOver = lambda _: None) -> Path:
    """The path of the newest snapshot `open_snapshot` accepts (see `open_newest`)."""
    snapshot = open_newest(folder, passed_over)
    snapshot.close()
    return snapshot.path
