"""The verdict on a snapshot file, beyond its meta table: the whole file is there, every table
and declared column exists, SQLite's own integrity check passes, and every JSON cell reads.

Each check raises SnapshotError with one sentence naming the first fault it meets. The shape and
length checks are cheap (one PRAGMA per table); `check_contents` reads the whole file, so
`open_snapshot` can run it on a thread of its own beside the caller's first reads.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import orjson

from explorer.store.errors import SnapshotError
from explorer.store.schema import CORE_TABLES, all_columns, data_tables, json_columns

SQLITE_MAGIC = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite database file."""


def check_length(path: Path, name: str) -> None:
    """Refuse a file shorter than the page count its own header declares (a cut-off copy)."""
    with path.open("rb") as f:
        header = f.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return  # not SQLite at all: reading the meta table says so
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if page_size < 512 or page_size & (page_size - 1) or header[24:28] != header[92:96]:
        return  # a header SQLite itself would not trust: reading the file says what is wrong
    expected, actual = pages * page_size, path.stat().st_size
    if actual < expected:
        raise SnapshotError(f"{name} is damaged (truncated: {actual} of {expected} bytes).")


def check_shape(conn: sqlite3.Connection, name: str) -> None:
    """Every core and data table present, each with every column the schema declares (bar those
    added after schema 1, which older snapshots lack: `Table.later`)."""
    for table in (*CORE_TABLES, *data_tables()):
        try:
            rows = conn.execute(f'PRAGMA table_info("{table.name}")').fetchall()
        except sqlite3.DatabaseError as exc:
            raise SnapshotError(f"{name} is damaged ({exc}).") from exc
        stored = {row[1] for row in rows}
        if not stored:
            raise SnapshotError(f"{name} is damaged (table {table.name} is missing).")
        lacking = [c for c in all_columns(table) if c not in stored and c not in table.later]
        if lacking:
            raise SnapshotError(
                f"{name} is damaged (table {table.name} lacks column {', '.join(lacking)})."
            )


def check_contents(conn: sqlite3.Connection, name: str) -> None:
    """SQLite's `quick_check` of every page, then every JSON cell of every table."""
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise SnapshotError(f"{name} is damaged ({exc}).") from exc
    if not result or result[0] != "ok":
        raise SnapshotError(f"{name} is damaged (SQLite integrity check failed).")
    for table in (*CORE_TABLES, *data_tables()):
        stored = {row[1] for row in conn.execute(f'PRAGMA table_info("{table.name}")')}
        _check_json(conn, name, table.name, sorted(json_columns(table) & stored))


def _check_json(conn: sqlite3.Connection, name: str, table: str, columns: list[str]) -> None:
    """SQLite's `json_valid` picks the cells that might be bad (C speed, no GIL held); each is
    then judged as the reader decodes it, since Python also reads what our writer may write
    and SQLite refuses (NaN, Infinity). Only stored columns may be named: SQLite reads a quoted
    name that is no column as a string literal."""
    if not columns:
        return
    suspect = " OR ".join(f'json_valid("{c}") = 0' for c in columns)
    select = ", ".join(f'"{c}"' for c in columns)
    try:
        found = conn.execute(f'SELECT {select} FROM "{table}" WHERE {suspect}').fetchall()
    except sqlite3.DatabaseError as exc:
        raise SnapshotError(f"{name} is damaged ({exc}).") from exc
    for row in found:
        for column, cell in zip(columns, row, strict=True):
            if cell is not None and not readable_json(cell):
                raise SnapshotError(
                    f"{name} is damaged (table {table} holds invalid JSON in column {column})."
                )


def readable_json(cell: Any) -> bool:
    """Whether the reader can decode this cell: JSON text, by orjson or else Python's json."""
    try:
        decode_json(cell)
    except ValueError:
        return False
    return True


def decode_json(cell: Any) -> Any:
    """A JSON cell's value; ValueError for anything that is neither JSON text the reader takes
    nor a number (which SQLite's `json_valid` also takes)."""
    if isinstance(cell, int | float):
        return cell
    if not isinstance(cell, str):
        raise ValueError("not JSON text")
    try:
        return orjson.loads(cell)
    except orjson.JSONDecodeError:
        pass  # NaN, or an integer beyond 64 bits: valid to Python's json
    try:
        return json.loads(cell)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
