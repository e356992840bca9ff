"""Opens snapshots read-only and refuses, in one sentence, anything that is not a whole snapshot."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import sqlite_utils

from explorer.store.checks import (
    Stored,
    check_contents,
    check_length,
    check_shape,
    decode_json,
)
from explorer.store.errors import SnapshotError as SnapshotError  # re-exported: callers' name
from explorer.store.schema import (
    CORE_TABLES,
    SCHEMA_VERSION,
    data_tables,
    json_columns,
    table_named,
)


@dataclass
class Snapshot:
    """An open, validated, read-only snapshot."""

    path: Path
    db: sqlite_utils.Database
    meta: dict[str, Any]
    integrity: IntegrityCheck | None = None
    """The integrity check still running beside the first reads (see `open_snapshot`)."""

    def verify(self) -> None:
        """Wait for a background integrity check; SnapshotError if the file is damaged."""
        if self.integrity is not None:
            check, self.integrity = self.integrity, None
            check.result()

    def rows(
        self, table: str, raw: bool = True, only: Collection[str] | None = None
    ) -> list[dict[str, Any]]:
        """All rows of a table in storage order, JSON columns decoded and booleans as bool.

        `raw=False` skips the raw API response, which analysis rarely needs and is the bulk;
        `only` reads just the named columns (those the table has), for readers that need few.
        A cell that is not valid JSON raises SnapshotError: the file was changed after the crawl.
        """
        declared = table_named(table)
        stored = self.columns(table)
        columns = [c for c in stored if (raw or c != "raw") and (only is None or c in only)]
        if not columns:
            return [{} for _ in range(self.count(table))] if stored else []
        select = ", ".join(f'"{c}"' for c in columns)
        try:
            found = self.db.execute(f'SELECT {select} FROM "{table}" ORDER BY rowid').fetchall()
        except sqlite3.DatabaseError as exc:  # met before the integrity check reports it
            raise SnapshotError(f"{self.path} is damaged ({exc}).") from exc
        decode = json_columns(declared)
        flags = {name for name, kind in declared.columns.items() if kind is bool}
        if not found or not (decode.intersection(columns) or flags.intersection(columns)):
            return [dict(zip(columns, row, strict=True)) for row in found]
        cells: list[Any] = list(zip(*found, strict=True))  # column by column
        for i, name in enumerate(columns):
            if name in decode:
                cells[i] = _decode_column(cells[i], self.path, table)
            elif name in flags:
                cells[i] = [None if v is None else bool(v) for v in cells[i]]
        return [dict(zip(columns, row, strict=True)) for row in zip(*cells, strict=True)]

    def columns(self, table: str) -> list[str]:
        """The stored columns of a table, in order; empty when the snapshot lacks the table.

        Read with one PRAGMA, without sqlite-utils' introspection (a dozen queries a table).
        """
        return [row[1] for row in self.db.execute(f'PRAGMA table_info("{table}")').fetchall()]

    def count(self, table: str) -> int:
        return self.db[table].count

    def undeclared(self) -> dict[str, int]:
        """Tables the file holds that this version does not declare (a kind a newer or older
        crawler read), with their row counts: reported, never silently read as nothing."""
        names = [row[0] for row in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()]  # fmt: skip
        known = {t.name for t in (*CORE_TABLES, *data_tables())}
        return {name: self.count(name) for name in sorted(names) if name not in known}

    def close(self) -> None:
        if self.integrity is not None:
            self.integrity.wait()
        self.db.conn.close()


def _decode_column(cells: tuple[Any, ...], path: Path, table: str) -> list[Any]:
    """A column's JSON cells parsed as one JSON array (one call instead of one per cell), or
    cell by cell when that fails, so a bad cell is found and named."""
    try:
        values = orjson.loads("[" + ",".join("null" if c is None else c for c in cells) + "]")
    except (orjson.JSONDecodeError, TypeError):
        values = None  # a cell that is not JSON text, or JSON only Python's parser reads
    if isinstance(values, list) and len(values) == len(cells):
        return values
    return [None if cell is None else _loads(cell, path, table) for cell in cells]


def _loads(text: Any, path: Path, table: str) -> Any:
    try:
        return decode_json(text)
    except ValueError as exc:
        raise SnapshotError(f"{path} is damaged (table {table} holds invalid JSON).") from exc


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection (`mode=ro`): analysis can never change a snapshot."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)


def read_meta(conn: sqlite3.Connection, name: str) -> dict[str, Any]:
    """The meta table as a dict, or SnapshotError when the file is not a snapshot."""
    try:
        pairs = conn.execute("SELECT key, value FROM meta").fetchall()
    except sqlite3.DatabaseError as exc:
        if "no such table" in str(exc):
            raise SnapshotError(f"{name} is not a snapshot (it has no meta table).") from exc
        if str(getattr(exc, "sqlite_errorname", "")).startswith("SQLITE_CORRUPT"):
            raise SnapshotError(f"{name} is damaged ({exc}).") from exc
        raise SnapshotError(f"{name} is not a snapshot (not a readable SQLite file).") from exc
    try:
        return {key: json.loads(value) if value is not None else None for key, value in pairs}
    except (TypeError, ValueError, RecursionError) as exc:
        raise SnapshotError(f"{name} is damaged (its meta table is not valid JSON).") from exc


def check_meta(meta: dict[str, Any], name: str) -> None:
    """Refuse unknown schema versions and incomplete crawls."""
    version = meta.get("schema_version")
    if version != SCHEMA_VERSION:
        raise SnapshotError(
            f"{name} has snapshot schema version {version!r}; this explorer reads version "
            f"{SCHEMA_VERSION}."
        )
    if meta.get("complete") is not True:
        raise SnapshotError(f"{name} is an incomplete snapshot (its crawl did not finish).")


def open_snapshot(path: Path | str, check_in_background: bool = False) -> Snapshot:
    """Open a snapshot that passes the one verdict every command and the app rely on, or raise
    SnapshotError with one clear sentence: a file, whole (not cut short), with a meta table of
    the schema version this explorer reads from a crawl that finished, every table and
    declared column present, every page sound (`PRAGMA quick_check`) and every JSON cell valid
    and of its column's type.

    The last two read the whole file. With `check_in_background` they run on their own
    connection in a thread (SQLite works without the GIL, so on another core) while the caller
    reads, and `Snapshot.verify()` waits for their verdict: the caller must verify before it
    trusts what it read (`analyze` does, once the graph is built).
    """
    path = Path(path)
    if not path.is_file():
        raise SnapshotError(f"{path} does not exist or is not a file.")
    name = str(path)
    try:
        check_length(path, name)
        conn = connect_readonly(path)
    except (OSError, sqlite3.Error) as exc:
        raise SnapshotError(f"{path} could not be read ({exc}).") from exc
    try:
        meta = read_meta(conn, name)
        check_meta(meta, name)
        stored = check_shape(conn, name)
        if not check_in_background:
            check_contents(conn, name, stored)
    except BaseException:
        conn.close()
        raise
    integrity = IntegrityCheck(path, stored) if check_in_background else None
    return Snapshot(path=path, db=sqlite_utils.Database(conn), meta=meta, integrity=integrity)


class IntegrityCheck:
    """`check_contents` (page integrity, JSON cells) of a snapshot on a thread of its own."""

    def __init__(self, path: Path, stored: Stored) -> None:
        self._path, self._stored = path, stored
        self._error: SnapshotError | None = None
        self._thread = threading.Thread(target=self._run, name="snapshot-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            conn = connect_readonly(self._path)
        except sqlite3.Error as exc:
            self._error = SnapshotError(f"{self._path} is damaged ({exc}).")
            return
        try:
            check_contents(conn, str(self._path), self._stored)
        except SnapshotError as exc:
            self._error = exc
        except Exception as exc:  # the verdict fails closed: an unchecked file is not passed
            self._error = SnapshotError(f"{self._path} could not be checked ({exc!r}).")
        finally:
            conn.close()

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> None:
        """Wait for the verdict; raise SnapshotError if the file is damaged."""
        self.wait()
        if self._error is not None:
            raise self._error
