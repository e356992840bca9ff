"""The one error a snapshot file can raise: a sentence for the user, never a traceback."""

from __future__ import annotations


class SnapshotError(Exception):
    """A file that cannot be used as a snapshot; the message is one sentence for the user."""
