"""What the crawler hands to its sink: rows for named tables and failed calls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

Row = dict[str, Any]


@dataclass(frozen=True)
class Table:
    """A snapshot table: primary key, readable columns (name -> Python type) and a raw JSON column.

    Each crawl module declares the tables it fills, so the shape of a service lives in one place.
    """

    name: str
    pk: str | tuple[str, ...]
    columns: dict[str, type] = field(default_factory=dict)
    later: frozenset[str] = frozenset()
    """Columns added after snapshot schema 1 shipped: older snapshots lack them, so the verdict
    on a file does not require them and readers find them absent (re-analysis of old files)."""
    later_table: bool = False
    """The whole table was added after snapshot schema 1 shipped: older snapshots lack it, so the
    verdict does not require it; a reader finds it absent (`Snapshot.columns` is empty), which
    means "not recorded", never "none"."""


@dataclass(frozen=True)
class CallError:
    """A failed API call: recorded, never fatal, and shown to the user as a coverage gap."""

    service: str
    region: str
    operation: str
    code: str
    message: str
    resource: str | None = None


class Sink(Protocol):
    """Where crawl results go (the snapshot writer implements this)."""

    def add(self, table: str, rows: list[Row]) -> None: ...

    def error(self, error: CallError) -> None: ...
