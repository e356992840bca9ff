"""Snapshots written before a table or column was added stay usable: re-analysis of old files
must work (DESIGN §2), so the verdict requires only the tables and columns of schema 1 and those
not marked `later_table` / `later`."""

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
        if not table.later_table
    }

    assert {name: cols for name, cols in unmarked.items() if cols} == {}


def test_exactly_the_tables_added_after_schema_1_are_marked_later_table():
    first = json.loads(SCHEMA_1.read_text())

    marked = {t.name for t in (*CORE_TABLES, *data_tables()) if t.later_table}
    added = {t.name for t in (*CORE_TABLES, *data_tables()) if t.name not in first}

    assert marked == added


def _schema_1_copy(source: Path, target: Path) -> Path:
    """A copy of a snapshot cut down to exactly the tables and columns schema 1 wrote."""
    first = json.loads(SCHEMA_1.read_text())
    shutil.copy(source, target)
    with sqlite3.connect(target) as conn:
        for table in (*CORE_TABLES, *data_tables()):
            if table.name not in first:
                conn.execute(f'DROP TABLE "{table.name}"')
                continue
            for column in sorted(set(all_columns(table)) - set(first[table.name])):
                conn.execute(f'ALTER TABLE "{table.name}" DROP COLUMN "{column}"')
    return target


def test_a_snapshot_of_schema_1_opens_and_is_analysed(demo_path, tmp_path):
    old = _schema_1_copy(demo_path, tmp_path / "old.sqlite")

    snapshot = open_snapshot(old, check_in_background=True)
    analysis = analyze(snapshot)
    try:
        findings = analysis.findings
    finally:
        analysis.estate.close()

    assert analysis.graph.number_of_nodes() > 0
    assert findings


def test_a_table_added_after_schema_1_reads_as_absent_in_an_older_snapshot(demo_path, tmp_path):
    old = _schema_1_copy(demo_path, tmp_path / "old.sqlite")

    snapshot = open_snapshot(old)
    try:
        found = (snapshot.columns("ec2_instances"), snapshot.rows("ec2_instances"))
        user_columns = set(snapshot.columns("iam_users"))
    finally:
        snapshot.close()

    assert found == ([], [])
    assert "access_keys" not in user_columns and "arn" in user_columns


def test_a_snapshot_lacking_a_schema_1_column_is_still_damaged(demo_path, tmp_path):
    damaged = tmp_path / "damaged.sqlite"
    shutil.copy(demo_path, damaged)
    with sqlite3.connect(damaged) as conn:
        conn.execute('ALTER TABLE "functions" DROP COLUMN "runtime"')

    with pytest.raises(SnapshotError, match="table functions lacks column runtime"):
        open_snapshot(damaged).close()


UNRECORDED_RULES = {"no-reserved-concurrency", "low-reserved-concurrency", "no-lambda-data-events"}
"""Rules on data older snapshots never recorded (reserved concurrency, trails)."""


def test_an_older_snapshot_claims_nothing_it_never_recorded(demo_path, tmp_path):
    old = _schema_1_copy(demo_path, tmp_path / "old.sqlite")

    analysis = analyze(open_snapshot(old))
    analysis.finish_reading()  # closed, as the app holds it: absence must survive the close
    rules = {f.rule for f in analysis.findings}

    assert not analysis.estate.recorded("trails")
    assert rules & UNRECORDED_RULES == set()


def test_a_current_snapshot_records_its_trails_table(demo_path):
    analysis = analyze(open_snapshot(demo_path))
    try:
        assert analysis.estate.recorded("trails")
    finally:
        analysis.estate.close()
