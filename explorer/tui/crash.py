"""An unexpected error in the app: the traceback goes to a private crash log under the user's
log folder, and the user reads one sentence naming it (never a traceback on the terminal)."""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from explorer import __version__
from explorer.safetext import safe
from explorer.tui.private_file import write_private

APP_NAME = "serverless-chain-explorer"
"""The folder name under the user's state folder (the config folder uses the same name)."""


def log_folder() -> Path:
    """`<user state folder>/serverless-chain-explorer/log` (XDG_STATE_HOME on Linux)."""
    return platformdirs.user_log_path(APP_NAME)


def write_crash_log(error: BaseException, folder: Path | None = None) -> Path:
    """The error's traceback in a new 0600 file (folder 0700); returns its path."""
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"crash-{stamp}-{os.getpid()}.log"
    trace = "".join(traceback.format_exception(error))
    return write_private(path, f"explorer {__version__} crashed at {stamp}\n\n{trace}")


def crash_sentence(error: BaseException, folder: Path | None = None) -> str:
    """One sentence for the terminal: what stopped the app and where the traceback is."""
    what = type(error).__name__
    try:
        log = write_crash_log(error, folder)
    except OSError as exc:
        return (f"the app stopped on an unexpected error ({what}: {safe(error)}); its traceback "
                f"could not be saved ({safe(exc.strerror or exc)}).")  # fmt: skip
    return (f"the app stopped on an unexpected error ({what}); the traceback is in "
            f"{safe(log)}, please report it.")  # fmt: skip
