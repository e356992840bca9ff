"""File names and snapshot meta reach the terminal made safe, like account text: a snapshot
someone sent you may be named to write the clipboard (OSC 52) or clear the screen."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_cli import _aws_env, explorer
from tests.crawl.test_lambda import _function

HOSTILE = "x\x1b]52;c;ZXZpbA==\x07\u202e.sqlite"
"""An OSC 52 clipboard write, then a right-to-left override."""


def _obeyable(text: str) -> bool:
    return any(c in text for c in "\x1b\x07\u202e")


@pytest.fixture
def hostile_snapshot(demo_path: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    path = folder / HOSTILE
    shutil.copy(demo_path, path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["info"],
        ["findings", "--min-severity", "critical"],
        ["inputs", "pixmart-thumbnailer"],
        ["inputs", "no-such-function"],
    ],
)
def test_a_hostile_snapshot_name_is_printed_escaped(hostile_snapshot, command):
    result = explorer(*command, "--snapshot", str(hostile_snapshot))

    assert not _obeyable(result.stdout + result.stderr)


def test_info_prints_the_path_with_visible_escapes(hostile_snapshot):
    result = explorer("info", "--snapshot", str(hostile_snapshot))

    assert result.returncode == 0, result.stderr
    assert "x\\x1b]52;c;ZXZpbA==\\x07\\u202e.sqlite" in result.stdout


def test_snapshots_lists_a_hostile_name_escaped(hostile_snapshot):
    result = explorer("snapshots", "--cache-dir", str(hostile_snapshot.parent))

    assert result.returncode == 0, result.stderr
    assert "\\x1b]52" in result.stdout
    assert not _obeyable(result.stdout + result.stderr)


def test_a_missing_hostile_path_is_one_escaped_sentence(tmp_path):
    result = explorer("info", "--snapshot", str(tmp_path / HOSTILE))

    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1
    assert not _obeyable(result.stderr)


def test_hostile_meta_values_are_printed_escaped(hostile_snapshot):
    with sqlite3.connect(hostile_snapshot) as conn:
        conn.execute("""UPDATE meta SET value = '"\\u001b[2J"' WHERE key = 'partition'""")
        conn.execute(
            """UPDATE meta SET value = '["\\u001b]0;pwned\\u0007"]' WHERE key = 'regions'"""
        )

    result = explorer("info", "--snapshot", str(hostile_snapshot))

    assert result.returncode == 0, result.stderr
    assert not _obeyable(result.stdout)
    assert "\\x1b[2J" in result.stdout


def test_crawl_prints_a_hostile_out_path_escaped(account_session, moto_endpoint, tmp_path):
    _function(account_session, moto_endpoint, "safe-path-fn")

    result = explorer(
        "crawl", "--endpoint-url", moto_endpoint, "--region", "us-east-1", "--quiet",
        "--service", "lambda", "--out", str(tmp_path / HOSTILE), env=_aws_env(account_session),
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert (tmp_path / HOSTILE).is_file()
    assert not _obeyable(result.stdout + result.stderr)
