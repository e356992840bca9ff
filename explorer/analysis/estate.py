"""A snapshot's rows in memory, without raw API responses: the analysis input.

Tables are read when first used. The graph build needs a quarter of the columns (names, ARNs,
policies, trigger settings), so it reads only those (`graph_columns()`); a later full read of the
same table completes those very row dicts in place, so the graph's nodes, which hold them,
see every column once anything has asked for the table in full (`Estate.rows`, `read_all`).
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from explorer.analysis.graph_columns import graph_columns
from explorer.store.reader import Snapshot, SnapshotError
from explorer.store.schema import data_tables

Row = dict[str, Any]


class EstateRows(Protocol):
    """What the graph builders read: an `Estate`, or the `GraphView` of one."""

    meta: dict[str, Any]
    errors: list[Row]

    def rows(self, table: str) -> list[Row]: ...

    @property
    def account(self) -> str: ...

    @property
    def partition(self) -> str: ...


@dataclass
class Estate:
    """Rows per table plus the snapshot's meta and failed calls.

    Built from a snapshot (`load_estate`), it reads tables on first use and keeps the snapshot
    open until `close`; built from `tables` (tests), it is plain data and does no I/O.
    """

    meta: dict[str, Any]
    tables: dict[str, list[Row]] = field(default_factory=dict)
    errors: list[Row] = field(default_factory=list)
    source: Snapshot | None = field(default=None, repr=False)
    partial: dict[str, list[Row]] = field(default_factory=dict, repr=False)
    """Rows read with only some columns, by table; `rows` completes them in place."""
    closed: bool = field(default=False, repr=False)
    absent: set[str] = field(default_factory=set, repr=False)
    """Tables the snapshot lacks (written before the table existed): not recorded, not none."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def rows(self, table: str) -> list[Row]:
        """Every row of a table with every column (raw responses aside)."""
        found = self.tables.get(table)
        if found is not None:
            return found
        if self.source is None:
            if self.closed:
                raise RuntimeError(f"the snapshot was closed before table {table} was read")
            return []
        if table not in {t.name for t in data_tables()}:
            return []  # not a table of the snapshot format: nothing of it was crawled
        with self._lock:
            if table not in self.tables:
                if not self.source.columns(table):
                    self.absent.add(table)
                self.tables[table] = self._read_full(self.source, table)
        return self.tables[table]

    def recorded(self, table: str) -> bool:
        """Whether the snapshot holds the table at all: one written before the table was added
        lacks it, and its (empty) rows then mean "not recorded", never "none". A plain-data
        estate (tests) holds the tables it was given."""
        if self.source is not None:
            self.rows(table)
        return table in self.tables and table not in self.absent

    def columns(self, table: str, needed: Collection[str]) -> list[Row]:
        """Rows holding at least the `needed` columns: the full rows when read already,
        else the rows read with only the `needed` columns (read once, kept for `rows`)."""
        found = self.tables.get(table, self.partial.get(table))
        if found is not None:
            return found
        if self.source is None:
            return self.rows(table)  # plain data: [], or the error of a closed snapshot
        with self._lock:
            if table in self.tables:
                return self.tables[table]
            if table not in self.partial:
                self.partial[table] = self.source.rows(table, raw=False, only=needed)
            return self.partial[table]

    def read_all(self) -> None:
        """Read every table in full: for readers of node rows (views, diff), which see only
        the graph's columns of a table nothing has read in full yet."""
        for table in data_tables():
            self.rows(table.name)

    def close(self) -> None:
        """Release the snapshot; asking for a table not read in full by then is an error
        (`read_all` first, for an estate that lives on)."""
        if self.source is not None:
            self.source.close()
            self.source = None
            self.closed = True

    def _read_full(self, source: Snapshot, table: str) -> list[Row]:
        """The table's rows with every column; rows read in part get the columns they lack
        (the same dicts, so whoever holds them sees every column)."""
        partial = self.partial.pop(table, None)
        if partial is None:
            return source.rows(table, raw=False)
        have = set(partial[0]) if partial else set()
        lacking = [c for c in source.columns(table) if c != "raw" and c not in have]
        if not lacking:
            return partial
        rest = source.rows(table, raw=False, only=lacking)
        if len(rest) != len(partial):
            raise SnapshotError(f"{source.path} changed while it was being read.")
        for few, more in zip(partial, rest, strict=True):
            few.update(more)
        return partial

    @property
    def account(self) -> str:
        return str(self.meta.get("account") or "")

    @property
    def partition(self) -> str:
        return str(self.meta.get("partition") or "aws")


class GraphView:
    """What the graph build sees of an estate: its tables with at least `graph_columns()`."""

    def __init__(self, estate: Estate, columns: Mapping[str, Collection[str]] | None = None):
        self.estate = estate
        self.meta = estate.meta
        self.errors = estate.errors
        self._columns = graph_columns() if columns is None else columns

    def rows(self, table: str) -> list[Row]:
        needed = self._columns.get(table)
        if needed is None:  # a table the build was not declared to read: read it in full
            return self.estate.rows(table)
        return self.estate.columns(table, needed)

    @property
    def account(self) -> str:
        return self.estate.account

    @property
    def partition(self) -> str:
        return self.estate.partition


def load_estate(snapshot: Snapshot, verify: bool = True) -> Estate:
    """The estate of a snapshot, which it keeps open: the columns the graph needs are read
    now, beside the snapshot's integrity check, whose verdict is awaited before returning
    (unless `verify` is false: then the caller must `snapshot.verify()` before it trusts
    anything built from the estate, as `analyze` does after the graph build)."""
    estate = Estate(meta=dict(snapshot.meta), errors=snapshot.rows("errors"), source=snapshot)
    view = GraphView(estate)
    for table in graph_columns():
        view.rows(table)
    if verify:
        snapshot.verify()
    return estate
