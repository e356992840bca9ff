"""A newer file of the cache that is not a usable snapshot is passed over for the next usable
one, and every command says so: an older snapshot never stands in for the newest silently."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import explorer


@pytest.fixture
def cache_with_a_damaged_newest(demo_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    older = tmp_path / "400000000001-20200101T000000Z.sqlite"
    shutil.copy(demo_path, older)
    newer = tmp_path / "400000000001-20990101T000000Z.sqlite"
    shutil.copy(demo_path, newer)
    with sqlite3.connect(newer) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'functions'"
        ).fetchone()
    with newer.open("r+b") as out:  # meta still reads; the functions table's root is garbage
        out.seek((root[0] - 1) * size)
        out.write(b"\xff" * size)
    return older, newer


@pytest.mark.parametrize(
    "command", [["info"], ["findings", "--min-severity", "critical"], ["chains"]]
)
def test_a_damaged_newest_snapshot_is_passed_over_aloud(cache_with_a_damaged_newest, command):
    older, newer = cache_with_a_damaged_newest

    result = explorer(*command, "--cache-dir", str(older.parent))

    assert result.returncode == 0, result.stderr
    warning = result.stderr.splitlines()[0]
    assert warning.startswith("explorer: warning: passed over a newer file: ")
    assert str(newer) in warning and "damaged" in warning
