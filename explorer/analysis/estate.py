"""A snapshot's rows in memory, read once, without raw API responses: the analysis input."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.store.reader import Snapshot
from explorer.store.schema import data_tables

Row = dict[str, Any]


@dataclass
class Estate:
    """Rows per table plus the snapshot's meta and failed calls; plain data, no I/O."""

    meta: dict[str, Any]
    tables: dict[str, list[Row]] = field(default_factory=dict)
    errors: list[Row] = field(default_factory=list)

    def rows(self, table: str) -> list[Row]:
        return self.tables.get(table, [])

    @property
    def account(self) -> str:
        return str(self.meta.get("account") or "")

    @property
    def partition(self) -> str:
        return str(self.meta.get("partition") or "aws")


def load_estate(snapshot: Snapshot) -> Estate:
    """Read every data table of a snapshot (raw responses left on disk), then wait for the
    snapshot's integrity check if it ran beside the reads."""
    tables = {t.name: snapshot.rows(t.name, raw=False) for t in data_tables()}
    errors = snapshot.rows("errors")
    snapshot.verify()
    return Estate(meta=dict(snapshot.meta), tables=tables, errors=errors)
