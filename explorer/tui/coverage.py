"""What the crawler that wrote a snapshot does not read (`meta["not_read"]`), as the app shows
it: older snapshots lack the key, and that is said rather than read as "nothing"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class NotRead:
    """One kind of data the crawler does not read, and why."""

    what: str
    why: str


def not_read(meta: dict[str, Any]) -> list[NotRead] | None:
    """The snapshot's list, each entry as text (None: the crawler did not record it)."""
    found = meta.get("not_read")
    if not isinstance(found, list):
        return None
    return [_entry(item) for item in found]


def _entry(item: Any) -> NotRead:
    if isinstance(item, dict):
        return NotRead(str(item.get("what") or "-"), str(item.get("why") or "-"))
    return NotRead(str(item), "-")
