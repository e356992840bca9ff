"""Ctrl-C, SIGTERM and SIGHUP during a crawl leave no partial file and never touch earlier
snapshots; a crawl killed outright is listed as interrupted and can be removed."""

from __future__ import annotations

import _thread
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from explorer.cli import main
from explorer.store.writer import SnapshotWriter
from tests.cli.test_cli import _aws_env as aws_env
from tests.crawl.faults import LIST_FUNCTIONS, hanging_proxy, hung_endpoint
from tests.crawl.test_lambda import _function


def _interrupt_main(**_):
    """A `before-call` hook that does what Ctrl-C does: KeyboardInterrupt in the main thread."""
    _thread.interrupt_main()


def test_interrupted_crawl_leaves_earlier_snapshots_and_no_complete_file(
    account_session, moto_endpoint, crawl_account, tmp_path
):
    for n in range(3):
        _function(account_session, moto_endpoint, f"fn{n}")
    earlier = crawl_account().path
    digest = hashlib.sha256(earlier.read_bytes()).hexdigest()

    with pytest.raises(KeyboardInterrupt):
        crawl_account(hooks=(("before-call.lambda.GetPolicy", _interrupt_main),))

    cache = earlier.parent
    assert sorted(p.name for p in cache.iterdir()) == [earlier.name]
    assert hashlib.sha256(earlier.read_bytes()).hexdigest() == digest


def _crawl_process(endpoint: str, cache, env: dict[str, str]) -> subprocess.Popen:
    """`explorer crawl` as a user starts it: a real process (not a terminal)."""
    return subprocess.Popen(
        [sys.executable, "-m", "explorer", "crawl", "--endpoint-url", endpoint,
         "--region", "us-east-1", "--service", "lambda", "--quiet", "--cache-dir", str(cache)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **env},
    )  # fmt: skip


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_stop_signal_mid_crawl_leaves_earlier_snapshots_and_no_partial_file(
    sig, account_session, moto_endpoint, crawl_account
):
    for n in range(5):
        _function(account_session, moto_endpoint, f"fn{n}")
    earlier = crawl_account(services=("lambda",)).path
    digest = _digest(earlier)

    with hanging_proxy(moto_endpoint, LIST_FUNCTIONS) as proxy:
        crawl = _crawl_process(proxy.url, earlier.parent, aws_env(account_session))
        assert proxy.held.wait(60), "the crawl reached lambda:ListFunctions"
        crawl.send_signal(sig)
        proxy.release()
        _, stderr = crawl.communicate(timeout=60)

    assert crawl.returncode == 128 + sig
    assert stderr == f"explorer: interrupted by {sig.name}.\n"
    assert sorted(p.name for p in earlier.parent.iterdir()) == [earlier.name]
    assert _digest(earlier) == digest


def test_stop_signal_while_the_probe_waits_leaves_no_partial_file(tmp_path):
    with hung_endpoint() as endpoint:
        crawl = _crawl_process(
            endpoint.url, tmp_path, {"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y"}
        )
        assert endpoint.accepted.wait(60), "the crawl sent its first call"
        crawl.send_signal(signal.SIGTERM)
        _, stderr = crawl.communicate(timeout=60)

    assert (crawl.returncode, stderr) == (143, "explorer: interrupted by SIGTERM.\n")
    assert list(tmp_path.iterdir()) == []


def _killed_crawl(cache) -> int:
    """A crawl killed outright (SIGKILL) mid-way, as after a power cut; returns its pid."""
    with hung_endpoint() as endpoint:
        crawl = _crawl_process(
            endpoint.url, cache, {"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y"}
        )
        assert endpoint.accepted.wait(60), "the crawl sent its first call"
        crawl.kill()
        crawl.wait()
    return crawl.pid


def test_killed_crawl_is_listed_as_interrupted(tmp_path, capsys):
    pid = _killed_crawl(tmp_path)

    code = main(["snapshots", "--cache-dir", str(tmp_path), "--format", "json"])

    [interrupted] = json.loads(capsys.readouterr().out)["interrupted"]
    assert code == 0
    assert (interrupted["pid"], interrupted["complete"]) == (pid, False)
    assert Path(interrupted["path"]).name.startswith(f".crawl-{pid}-")


def test_interrupted_crawls_are_removed_on_request_but_a_running_one_is_kept(tmp_path, capsys):
    _killed_crawl(tmp_path)
    with SnapshotWriter(tmp_path) as running:
        main(["snapshots", "--cache-dir", str(tmp_path)])
        listed = capsys.readouterr()

        code = main(["snapshots", "--cache-dir", str(tmp_path), "--remove-interrupted"])

        assert code == 0
        assert [p.name for p in tmp_path.iterdir()] == [running.path.name]
    assert "interrupted crawl (pid" in listed.out and running.path.name not in listed.out
    assert "explorer snapshots --remove-interrupted" in listed.err
    assert capsys.readouterr().out.startswith("removed ")
