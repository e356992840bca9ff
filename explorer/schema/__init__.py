"""The snapshot's declared shape, below both the crawler that fills it and the store that reads
it: one module per service with the tables its crawl module fills (`TABLES`), and the records
the crawler hands to its sink. Pure declarations: importing this package imports no crawl
module, no botocore and no SQLite code."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from explorer.schema.records import Table

MODULES = tuple(
    sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "records")
)  # fmt: skip
"""Schema modules, named as the crawl modules that fill their tables: every module of this
package but `records`, found by listing it (a new service is one new file)."""


@cache
def tables() -> tuple[Table, ...]:
    """Every data table of a snapshot, in schema-module order."""
    found: list[Table] = []
    for name in MODULES:
        found += importlib.import_module(f"explorer.schema.{name}").TABLES
    return tuple(found)


def tables_of(module: str) -> tuple[Table, ...]:
    """The tables one crawl module fills (`lambda_`, `s3`, ...)."""
    return importlib.import_module(f"explorer.schema.{module}").TABLES
