"""The snapshot's shape: core tables, one table per crawled kind, indexes. Idempotent to apply."""

from __future__ import annotations

import sqlite_utils

from explorer import schema
from explorer.schema.records import Table

SCHEMA_VERSION = 1
"""Bump with a migration when a table or column changes meaning."""

CORE_TABLES = (
    Table("meta", "key", {"key": str, "value": str}),
    Table(
        "errors",
        "id",
        {
            "id": int,
            "service": str,
            "region": str,
            "operation": str,
            "resource": str,
            "code": str,
            "message": str,
        },
    ),
    Table(
        "api_calls",
        ("service", "operation", "region"),
        {"service": str, "operation": str, "region": str, "count": int, "total_ms": float},
    ),
)

JSON_TYPES = (dict, list)


def data_tables() -> tuple[Table, ...]:
    """Tables filled by the crawl modules; each also has a `raw` JSON column."""
    return schema.tables()


def json_columns(table: Table) -> set[str]:
    """Columns stored as JSON text."""
    extra = set() if table in CORE_TABLES else {"raw"}
    return {name for name, kind in table.columns.items() if kind in JSON_TYPES} | extra


def all_columns(table: Table) -> dict[str, type]:
    """Declared columns plus the primary key and `raw`."""
    pks = (table.pk,) if isinstance(table.pk, str) else table.pk
    columns: dict[str, type] = {pk: str for pk in pks if pk not in table.columns}
    columns.update({k: (str if v in JSON_TYPES else v) for k, v in table.columns.items()})
    if table not in CORE_TABLES:
        columns["raw"] = str
    return columns


def ensure_shape(db: sqlite_utils.Database) -> None:
    """Create every table and index that is missing."""
    for table in (*CORE_TABLES, *data_tables()):
        if not db[table.name].exists():
            db[table.name].create(all_columns(table), pk=table.pk)
        for column in all_columns(table):
            if column.endswith("_arn") or column in ("name", "region"):
                db[table.name].create_index([column], if_not_exists=True)


def table_named(name: str) -> Table:
    """The declaration of a table by name."""
    for table in (*CORE_TABLES, *data_tables()):
        if table.name == name:
            return table
    raise KeyError(name)
