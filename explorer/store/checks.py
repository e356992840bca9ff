"""The verdict on a snapshot file, beyond its meta table: the whole file is there, every table
and declared column exists, SQLite's own integrity check passes, and every JSON cell reads and
holds the type its column declares (an object or a list, or null).

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

from explorer.schema.records import Table
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


Stored = dict[str, frozenset[str]]
"""The columns each table of a file has, by table name (none: the table is missing)."""


def stored_columns(conn: sqlite3.Connection, name: str) -> Stored:
    """The columns of every core and data table as the file holds them."""
    found: Stored = {}
    for table in (*CORE_TABLES, *data_tables()):
        try:
            rows = conn.execute(f'PRAGMA table_info("{table.name}")').fetchall()
        except sqlite3.DatabaseError as exc:
            raise SnapshotError(f"{name} is damaged ({exc}).") from exc
        found[table.name] = frozenset(row[1] for row in rows)
    return found


def check_shape(conn: sqlite3.Connection, name: str) -> Stored:
    """Every core and data table present, each with every column the schema declares (bar the
    tables and columns added after schema 1, which older snapshots lack: `Table.later_table`,
    `Table.later`); returns what is stored."""
    stored = stored_columns(conn, name)
    for table in (*CORE_TABLES, *data_tables()):
        if not stored[table.name] and table.later_table:
            continue
        if not stored[table.name]:
            raise SnapshotError(f"{name} is damaged (table {table.name} is missing).")
        have = stored[table.name]
        lacking = [c for c in all_columns(table) if c not in have and c not in table.later]
        if lacking:
            raise SnapshotError(
                f"{name} is damaged (table {table.name} lacks column {', '.join(lacking)})."
            )
    return stored


def check_contents(conn: sqlite3.Connection, name: str, stored: Stored | None = None) -> None:
    """SQLite's `quick_check` of every page, then every JSON cell of every table: valid, and
    of its column's declared type (readers trust a list column to hold a list).

    Two statements in all, whatever the number of tables: run on a thread beside a busy main
    thread, each statement waits for the GIL to start and to return, so one statement per
    table made the check outlast the graph build it runs beside."""
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise SnapshotError(f"{name} is damaged ({exc}).") from exc
    if not result or result[0] != "ok":
        raise SnapshotError(f"{name} is damaged (SQLite integrity check failed).")
    _check_json(conn, name, stored_columns(conn, name) if stored is None else stored)


DOCUMENT_COLUMNS = frozenset(
    {
        "policy", "trust_policy", "document", "delivery_policy", "filter_policy",
        "redrive_policy", "redrive_allow_policy", "stream_policy", "event_pattern",
    }
)  # fmt: skip
"""Columns the crawl fills with a document parsed from the JSON text AWS sent
(`crawl.util.parse_policy`), which keeps text it cannot parse as it is: any JSON value there is
what the account holds, and the analysis reads one that is not an object as unreadable."""

JSON_TYPES = {dict: ("object", "null"), list: ("array", "null")}
"""A declared column type -> the values of SQLite's `json_type` its cells may have."""

SHAPE_WORDS = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
"""How a sentence names a JSON value's type (any other: a number)."""


def expected_shape(table: Table, column: str) -> type | None:
    """The JSON type every cell of a column must hold, or null (None: any JSON value)."""
    kind = table.columns.get(column)
    return kind if kind in JSON_TYPES and column not in DOCUMENT_COLUMNS else None


def _suspect(table: Table, column: str) -> str:
    """SQL true for a cell that may be bad: not text (SQLite's JSON functions read a blob as
    text, the reader does not), not JSON to SQLite, or JSON of the wrong type. A cell it picks
    is judged in Python, one GIL handoff each, so sound cells (nulls) must not be picked."""
    shape = expected_shape(table, column)
    if shape is None:  # a null cell is sound (json_valid(NULL) is 0 in SQLite 3.40)
        return (
            f"(CASE typeof(\"{column}\") WHEN 'null' THEN 0 WHEN 'blob' THEN 1 "
            f'ELSE json_valid("{column}") = 0 END)'
        )
    allowed = ", ".join(f"'{t}'" for t in JSON_TYPES[shape])
    return (
        f"(CASE WHEN typeof(\"{column}\") = 'blob' THEN 1 "
        f'WHEN json_valid("{column}") THEN json_type("{column}") NOT IN ({allowed}) '
        f'ELSE "{column}" IS NOT NULL END)'
    )


def _check_json(conn: sqlite3.Connection, name: str, stored: Stored) -> None:
    """SQLite's `json_valid` and `json_type` pick the cells that might be bad, in one query over
    every table (C speed, no GIL held); each row they pick is then judged as the reader decodes
    it, since Python also reads what our writer may write and SQLite refuses (NaN, Infinity).
    Only stored columns may be named: SQLite reads a quoted name that is no column as a string
    literal."""
    checked = [
        (table, sorted(json_columns(table) & stored.get(table.name, frozenset())))
        for table in (*CORE_TABLES, *data_tables())
    ]
    checked = [(table, columns) for table, columns in checked if columns]
    selects = [
        f'SELECT {index}, rowid FROM "{table.name}" WHERE '
        + " OR ".join(_suspect(table, c) for c in columns)
        for index, (table, columns) in enumerate(checked)
    ]
    try:
        found = conn.execute(" UNION ALL ".join(selects)).fetchall() if selects else []
        for index, rowid in found:
            _judge_row(conn, name, *checked[index], rowid)
    except sqlite3.DatabaseError as exc:
        raise SnapshotError(f"{name} is damaged ({exc}).") from exc


def _judge_row(
    conn: sqlite3.Connection, name: str, table: Table, columns: list[str], rowid: int
) -> None:
    """Judge each JSON cell of one row that SQLite's functions picked as suspect."""
    select = ", ".join(f'"{c}"' for c in columns)
    row = conn.execute(f'SELECT {select} FROM "{table.name}" WHERE rowid = ?', (rowid,)).fetchone()
    for column, cell in zip(columns, row, strict=True):
        _judge(name, table, column, cell)


def _judge(name: str, table: Table, column: str, cell: Any) -> None:
    """SnapshotError unless the cell is null, or JSON the reader decodes to the declared type."""
    if cell is None:
        return
    try:
        value = decode_json(cell)
    except ValueError as exc:
        raise SnapshotError(
            f"{name} is damaged (table {table.name} holds invalid JSON in column {column})."
        ) from exc
    shape = expected_shape(table, column)
    if shape is not None and value is not None and not isinstance(value, shape):
        raise SnapshotError(
            f"{name} is damaged (table {table.name} holds {shape_word(value)} in column "
            f"{column}, where {SHAPE_WORDS[shape]} belongs)."
        )


def shape_word(value: Any) -> str:
    """A JSON value's type as a sentence names it: `a list`, `a number`, `null`."""
    if value is None:
        return "null"
    return next((w for t, w in SHAPE_WORDS.items() if isinstance(value, t)), "a number")


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
