"""The folder a snapshot is written to: created private (0700), tightened to 0700 when it is
plainly a snapshot folder, and otherwise left alone with a warning, never chmodded blindly (it
may be the current directory, or /tmp as `--out`'s parent)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from explorer.safetext import safe
from explorer.store.leftovers import PARTIAL_SUFFIX

SNAPSHOT_SUFFIXES = (".sqlite", PARTIAL_SUFFIX)


class FolderError(Exception):
    """The folder cannot hold a snapshot; the message is one sentence for the user."""


def prepare_folder(folder: Path) -> str | None:
    """Make `folder` ready for a snapshot; a warning sentence when it stays open to others."""
    try:
        folder.mkdir(parents=True, mode=0o700)
        return None  # ours: mkdir's mode is only ever narrowed by the umask
    except FileExistsError:
        pass
    except OSError as exc:
        raise FolderError(f"cannot create the folder {safe(folder)} ({reason(exc)}).") from exc
    if not folder.is_dir():
        raise FolderError(f"cannot write a snapshot in {safe(folder)}: it is not a folder.")
    mode = stat.S_IMODE(folder.stat().st_mode)
    if not mode & 0o077 or _tightened(folder):
        return None
    return (
        f"{safe(folder)} can be read by other users (mode {mode:04o}); each snapshot in it "
        f"is private (0600), but their names (account ids, times) are not: "
        f"`chmod 700 {safe(folder)}` or choose another folder."
    )


def holds_only_snapshots(folder: Path) -> bool:
    """True when every entry is a snapshot or a crawl's partial file (an empty folder too)."""
    with os.scandir(folder) as entries:
        return all(
            entry.is_file(follow_symlinks=False) and entry.name.endswith(SNAPSHOT_SUFFIXES)
            for entry in entries
        )


def _tightened(folder: Path) -> bool:
    """chmod 0700 a folder that holds only snapshots; False when it holds more or we may not."""
    try:
        if not holds_only_snapshots(folder):
            return False
        folder.chmod(0o700)
    except OSError:
        return False
    return True


def reason(exc: OSError) -> str:
    """The operating system's words for a failure (`Permission denied`), without the path."""
    return (exc.strerror or type(exc).__name__).lower()
