"""Warnings on stderr: one line each, `explorer: warning: ...`, made safe for a terminal."""

from __future__ import annotations

import sys

from explorer.safetext import safe


def warn(sentence: str) -> None:
    """A warning line on stderr (paths and names in it come from outside: made safe)."""
    print(f"explorer: warning: {safe(sentence)}", file=sys.stderr)


def passed_over(reason: str) -> None:
    """A newer file of the cache that is not a usable snapshot, passed over for an older one."""
    warn(f"passed over a newer file: {reason}")
