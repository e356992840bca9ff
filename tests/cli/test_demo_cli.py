"""`explorer demo --no-tui`: the Quick start's first command, run as a user runs it."""

from __future__ import annotations

import sqlite3

from tests.cli.test_cli import explorer


def test_demo_deploys_crawls_and_writes_a_complete_snapshot(tmp_path):
    result = explorer("demo", "--no-tui", "--cache-dir", str(tmp_path))

    assert result.returncode == 0, result.stderr
    path = result.stdout.strip().splitlines()[-1]
    with sqlite3.connect(path) as conn:
        functions = conn.execute("SELECT count(*) FROM functions").fetchone()[0]
        complete = conn.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()[0]
    assert functions >= 15 and complete == "true"
    assert "coverage: complete" in result.stderr
    assert "HTTP/1.1" not in result.stderr  # the embedded server's request log stays quiet
    assert "Traceback" not in result.stderr  # nor its report of operations moto lacks
