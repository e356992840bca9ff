"""SVG snapshots of the main views on the demo snapshot.

The demo is deployed and crawled afresh each session, and moto gives it new API ids, function
URL ids, mapping UUIDs and timestamps every time. A copy of the snapshot has those replaced by
stable stand-ins (the same value always gets the same one), so the views compare byte for byte.
Update with `--snapshot-update` after review.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.tui.conftest import SIZE, app_for
from tests.tui.test_svg import _at

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?")
VOLATILE_SQL = (
    "SELECT id, 'rest-' || name FROM rest_apis",
    "SELECT id, 'http-' || name FROM http_apis",
    "SELECT uuid, 'esm-' || function_arn || '-' ||"
    " coalesce(event_source_arn, self_managed_endpoints) FROM event_source_mappings",
    "SELECT substr(url, 9, instr(substr(url, 9), '.') - 1), 'url-' || arn FROM function_urls",
    "SELECT id, 'pool-' || name FROM cognito_user_pools",
    "SELECT client_id, 'client-' || name FROM cognito_user_pool_clients",
)
"""(value moto makes up anew on every deploy, what it stands for) pairs."""


@pytest.fixture(scope="module")
def stable_demo(demo_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo snapshot with every made-up value replaced by a stable one."""
    path = tmp_path_factory.mktemp("stable") / "400000000001-demo.sqlite"
    shutil.copyfile(demo_path, path)
    with sqlite3.connect(path) as db:
        meaning = dict(row for sql in VOLATILE_SQL for row in db.execute(sql) if row[0])
        order = sorted(meaning, key=lambda value: meaning[value])
        stand_in = {value: f"id{n:04d}" for n, value in enumerate(order)}
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        for (table,) in tables:
            _rewrite(db, table, stand_in)
    return path


def _rewrite(db: sqlite3.Connection, table: str, stand_in: dict[str, str]) -> None:
    columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
    for rowid, *cells in db.execute(f'SELECT rowid, * FROM "{table}"').fetchall():
        fixed = [_stable(cell, stand_in) for cell in cells]
        if fixed != cells:
            sets = ", ".join(f'"{c}" = ?' for c in columns)
            db.execute(f'UPDATE "{table}" SET {sets} WHERE rowid = ?', (*fixed, rowid))


def _stable(cell: object, stand_in: dict[str, str]) -> object:
    if not isinstance(cell, str):
        return cell
    for value, replacement in stand_in.items():
        cell = cell.replace(value, replacement)
    return TIMESTAMP.sub("2026-01-01T00:00:00+00:00", cell)


def test_demo_functions_list(snap_compare, stable_demo):
    assert snap_compare(app_for(stable_demo), terminal_size=SIZE, run_before=_at(None))


def test_demo_blast_radius(snap_compare, stable_demo):
    assert snap_compare(app_for(stable_demo), terminal_size=SIZE, run_before=_at(None, "b"))


def test_demo_findings(snap_compare, stable_demo):
    assert snap_compare(app_for(stable_demo), terminal_size=SIZE, run_before=_at(None, "5"))
