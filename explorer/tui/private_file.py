"""Files the app writes (exports, screenshots, crash logs) hold account data: created 0600.

The text goes to a new file opened with mode 0600 beside the target, then replaces it, so the
result is private even where a wider file of that name existed, and a failed write leaves the
old file whole.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def write_private(path: Path, text: str) -> Path:
    """Write `text` (UTF-8) to `path`, mode 0600; OSError when it cannot be written."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temporary, FLAGS, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
