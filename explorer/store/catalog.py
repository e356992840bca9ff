"""The cache folder: where snapshots live, which ones exist, and which is newest."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from explorer.store.reader import SnapshotError, check_meta, connect_readonly, read_meta

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

    @property
    def usable(self) -> bool:
        return self.problem is None


def describe(path: Path) -> SnapshotInfo:
    """Read just enough of a file to list it."""
    try:
        conn = connect_readonly(path)
        try:
            meta = read_meta(conn, path.name)
        finally:
            conn.close()
        check_meta(meta, path.name)
        problem = None
    except SnapshotError as exc:
        meta, problem = {}, str(exc)
    regions = meta.get("regions") or []
    return SnapshotInfo(
        path=path,
        account=meta.get("account"),
        finished=meta.get("finished"),
        regions=tuple(regions) if isinstance(regions, list) else (),
        problem=problem,
    )


def list_snapshots(folder: Path) -> list[SnapshotInfo]:
    """Every `*.sqlite` file in the folder, newest first (by finish time, then name)."""
    if not folder.is_dir():
        return []
    infos = [describe(p) for p in folder.glob("*.sqlite") if p.is_file()]
    return sorted(infos, key=lambda i: (i.finished or "", i.path.name), reverse=True)


def newest_snapshot(folder: Path) -> Path:
    """The newest complete snapshot in the folder, or SnapshotError saying there is none."""
    for info in list_snapshots(folder):
        if info.usable:
            return info.path
    raise SnapshotError(
        f"no complete snapshot in {folder}; run `explorer crawl` or `explorer demo` first, "
        "or pass --snapshot FILE."
    )
