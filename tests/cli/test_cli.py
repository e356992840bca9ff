"""The `explorer` command as a user runs it: real processes, real files, one-line errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import session_credentials
from tests.crawl.test_lambda import _function


def explorer(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explorer", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def _aws_env(session) -> dict[str, str]:
    creds = session_credentials(session)
    return {
        "AWS_ACCESS_KEY_ID": creds["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": creds["aws_secret_access_key"],
        "AWS_SESSION_TOKEN": creds["aws_session_token"],
    }


def test_crawl_prints_the_snapshot_path_last(account_session, moto_endpoint, tmp_path):
    arn = _function(account_session, moto_endpoint, "cli-fn")

    result = explorer(
        "crawl", "--endpoint-url", moto_endpoint, "--region", "us-east-1",
        "--cache-dir", str(tmp_path), env=_aws_env(account_session),
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    path = result.stdout.strip().splitlines()[-1]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT arn FROM functions").fetchall() == [(arn,)]
    assert "coverage: complete" in result.stderr


def test_info_lists_what_the_snapshot_holds(account_session, moto_endpoint, tmp_path):
    _function(account_session, moto_endpoint, "info-fn")
    explorer(
        "crawl", "--endpoint-url", moto_endpoint, "--region", "us-east-1", "--quiet",
        "--cache-dir", str(tmp_path), env=_aws_env(account_session),
    )  # fmt: skip

    result = explorer("info", "--cache-dir", str(tmp_path), "--format", "json")

    assert result.returncode == 0, result.stderr
    assert '"functions": 1' in result.stdout


@pytest.mark.parametrize(
    ("content", "phrase"),
    [(b"not sqlite at all" * 100, "is not a snapshot"), (b"SQLite format 3\x00" + b"\x01" * 5000,
      "not a snapshot")],
)  # fmt: skip
def test_unusable_snapshot_is_one_line_and_exit_2(tmp_path, content, phrase):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(content)

    result = explorer("info", "--snapshot", str(path))

    assert result.returncode == 2
    assert phrase in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_snapshot_file_is_one_line_and_exit_2(tmp_path):
    result = explorer("info", "--snapshot", str(tmp_path / "nope.sqlite"))

    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"explorer: {tmp_path / 'nope.sqlite'} does not exist or is not a file."
    )


def test_bad_flag_is_one_line_and_exit_2():
    result = explorer("crawl", "--regoin", "us-east-1")

    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreachable_endpoint_is_one_line(tmp_path):
    result = explorer(
        "crawl", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1",
        "--cache-dir", str(tmp_path), env={"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y"},
    )  # fmt: skip

    assert result.returncode == 2
    assert "cannot read the caller identity" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
