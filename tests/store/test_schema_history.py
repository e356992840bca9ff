"""Snapshots written before a column was added stay usable: re-analysis of old files must work
(DESIGN §2), so the verdict requires only the columns of schema 1 and those not marked `later`."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from explorer.analysis.analyze import analyze
from explorer.store.reader import SnapshotError, open_snapshot
from explorer.store.schema import CORE_TABLES, all_columns, data_tables

SCHEMA_1 = Path(__file__).parent.parent / "data" / "schema_v1_columns.json"
"""Every table's columns as the first snapshots (schema version 1) were written."""


def test_every_column_added_after_schema_1_is_marked_later():
    first = json.loads(SCHEMA_1.read_text())

    unmarked = {
        table.name: sorted(set(all_columns(table)) - set(first.get(table.name, [])) - table.later)
        for table in (*CORE_TABLES, *data_tables())
    }

    assert {name: cols for name, cols in unmarked.items() if cols} == {}


def test_a_snapshot_without_the_later_columns_opens_and_is_analysed(demo_path, tmp_path):
    old = tmp_path / "old.sqlite"
    shutil.copy(demo_path, old)
    with sqlite3.connect(old) as conn:
        for table in data_tables():
            for column in sorted(table.later):
                conn.execute(f'ALTER TABLE "{table.name}" DROP COLUMN "{column}"')

    analysis = analyze(open_snapshot(old, check_in_background=True))
    try:
        findings = analysis.findings
    finally:
        analysis.estate.close()

    assert analysis.graph.number_of_nodes() > 0
    assert findings


def test_a_snapshot_lacking_a_schema_1_column_is_still_damaged(demo_path, tmp_path):
    damaged = tmp_path / "damaged.sqlite"
    shutil.copy(demo_path, damaged)
    with sqlite3.connect(damaged) as conn:
        conn.execute('ALTER TABLE "functions" DROP COLUMN "runtime"')

    with pytest.raises(SnapshotError, match="table functions lacks column runtime"):
        open_snapshot(damaged).close()
