"""A snapshot table this version does not declare (another version's crawl filled it) is
reported by `explorer info`, never silently read as nothing, and the file still opens."""

from __future__ import annotations

import json
import shutil
import sqlite3

from explorer.cli import main
from explorer.store.reader import open_snapshot


def _with_extra_table(demo_path, tmp_path):
    copy = tmp_path / demo_path.name
    shutil.copy(demo_path, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("CREATE TABLE alb_target_groups (arn TEXT PRIMARY KEY, raw TEXT)")
        conn.executemany("INSERT INTO alb_target_groups VALUES (?, ?)", [("a", "{}"), ("b", "{}")])
    copy.chmod(0o600)
    return copy


def test_an_undeclared_table_is_listed_with_its_rows(demo_path, tmp_path):
    copy = _with_extra_table(demo_path, tmp_path)

    snapshot = open_snapshot(copy)
    try:
        assert snapshot.undeclared() == {"alb_target_groups": 2}
        assert snapshot.rows("functions")  # the rest reads as before
    finally:
        snapshot.close()


def test_info_reports_it_in_text_and_json(demo_path, tmp_path, capsys):
    copy = str(_with_extra_table(demo_path, tmp_path))

    assert main(["info", "--snapshot", copy]) == 0
    text = capsys.readouterr().out
    assert main(["info", "--snapshot", copy, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)

    assert "tables this version does not read" in text and "alb_target_groups (2 rows)" in text
    assert document["undeclared_tables"] == {"alb_target_groups": 2}


def test_a_snapshot_of_this_version_has_none(demo_path):
    snapshot = open_snapshot(demo_path)
    try:
        assert snapshot.undeclared() == {}
    finally:
        snapshot.close()
