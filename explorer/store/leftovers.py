"""Partial files a crawl leaves when it is killed outright (SIGKILL, power loss): found, told
apart from crawls still running (the writer's pid is in the name), and removed on request."""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from explorer.store.reader import connect_readonly

PARTIAL_SUFFIX = ".sqlite.partial"
_NAME = re.compile(r"\.crawl-(\d+)-[0-9a-f]+\.sqlite\.partial", re.ASCII)


def partial_name(pid: int, token: str) -> str:
    """The hidden name a crawl writes to until it is complete: `.crawl-<pid>-<token>...`."""
    return f".crawl-{pid}-{token}{PARTIAL_SUFFIX}"


@dataclass(frozen=True)
class Leftover:
    """A partial file whose crawl is no longer running."""

    path: Path
    pid: int
    size: int
    modified: str
    complete: bool
    """True when the crawl finished but its file was never renamed: data to keep, not remove."""


def pid_running(pid: int) -> bool:
    """True when a process with this id exists (it may belong to another user)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_leftovers(folder: Path) -> list[Leftover]:
    """Partial files in `folder` whose writing process has gone, oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.fullmatch(path.name)
        if match and path.is_file() and not pid_running(int(match.group(1))):
            found.append(_describe(path, int(match.group(1))))
    return sorted(found, key=lambda leftover: (leftover.modified, leftover.path.name))


def _describe(path: Path, pid: int) -> Leftover:
    info = path.stat()
    modified = datetime.fromtimestamp(info.st_mtime, UTC).isoformat(timespec="seconds")
    return Leftover(path, pid, info.st_size, modified, _is_complete(path))


def _is_complete(path: Path) -> bool:
    try:
        conn = connect_readonly(path)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == "true"


def remove_leftovers(leftovers: list[Leftover]) -> list[Path]:
    """Delete the interrupted ones (never a complete one); the paths actually removed."""
    removed = []
    for leftover in leftovers:
        if not leftover.complete:
            leftover.path.unlink(missing_ok=True)
            removed.append(leftover.path)
    return removed
