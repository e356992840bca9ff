"""`explorer crawl` refuses arguments that would fail later: one sentence, exit 2, and no AWS
call; and it warns once when the snapshot's folder is open to other users."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from explorer.cli import main
from tests.cli.test_cli import _aws_env
from tests.crawl.faults import hung_endpoint


@pytest.fixture
def endpoint():
    """An endpoint that would hang any call sent to it: reaching it at all is the failure."""
    with hung_endpoint() as hung:
        yield hung


def _crawl(endpoint_url: str, *args: str) -> int:
    return main(["crawl", "--endpoint-url", endpoint_url, "--quiet", *args])


def _one_sentence(capsys) -> str:
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    return err.strip()


@pytest.mark.parametrize("url", ["not a url", "ftp://host", "localhost:4566", "http://h:99999"])
def test_endpoint_that_is_not_a_url_is_refused(url, tmp_path, capsys):
    code = _crawl(url, "--region", "us-east-1", "--cache-dir", str(tmp_path / "cache"))

    assert code == 2
    assert _one_sentence(capsys) == (
        f"explorer: --endpoint-url '{url}' is not an http(s) URL with a valid host and port, "
        "such as http://localhost:4566."
    )
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("region", ["", "us east 1", "US-EAST-1", "useast1", "us-east-1\n"])
def test_region_that_is_not_a_region_name_is_refused(region, endpoint, tmp_path, capsys):
    code = _crawl(endpoint.url, "--region", region, "--cache-dir", str(tmp_path))

    assert code == 2
    assert "is not a region name, such as us-east-1 or eu-west-2." in _one_sentence(capsys)
    assert endpoint.connections == []


def test_out_that_is_a_folder_is_refused_before_any_call(endpoint, tmp_path, capsys):
    code = _crawl(endpoint.url, "--region", "us-east-1", "--out", str(tmp_path))

    assert code == 2
    assert _one_sentence(capsys) == (
        f"explorer: cannot write the snapshot to {tmp_path}: it is a folder; name a file in it, "
        f"such as {tmp_path / 'snapshot.sqlite'}."
    )
    assert endpoint.connections == [] and list(tmp_path.iterdir()) == []


def test_out_in_a_folder_that_cannot_be_created_is_refused(endpoint, tmp_path, capsys):
    (tmp_path / "file").write_text("a file, not a folder")
    out = tmp_path / "file" / "sub" / "x.sqlite"

    code = _crawl(endpoint.url, "--region", "us-east-1", "--out", str(out))

    assert code == 2
    assert _one_sentence(capsys) == (
        f"explorer: cannot create the folder {out.parent} (not a directory)."
    )
    assert endpoint.connections == []


@pytest.fixture
def unwritable_folder(tmp_path) -> Path:
    """A folder this process cannot create files in (for root, a read-only system folder)."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir(mode=0o500)
        yield folder
        folder.chmod(0o700)
        return
    for candidate in (Path("/sys"), Path("/proc")):
        try:
            os.close(os.open(candidate / ".explorer-probe", os.O_CREAT | os.O_WRONLY, 0o600))
        except OSError:
            yield candidate
            return
        os.unlink(candidate / ".explorer-probe")
    pytest.skip("no folder is unwritable for root here")


def test_out_in_a_folder_that_cannot_be_written_is_refused(endpoint, unwritable_folder, capsys):
    code = _crawl(
        endpoint.url, "--region", "us-east-1", "--out", str(unwritable_folder / "x.sqlite")
    )

    assert code == 2
    assert _one_sentence(capsys).startswith(
        f"explorer: cannot write a snapshot in {unwritable_folder} ("
    )
    assert endpoint.connections == []


def test_crawl_into_a_shared_folder_warns_once_and_leaves_it_alone(
    account_session, moto_endpoint, tmp_path, capsys, monkeypatch
):
    for name, value in _aws_env(account_session).items():
        monkeypatch.setenv(name, value)
    shared = tmp_path / "project"
    shared.mkdir()
    shared.chmod(0o755)
    (shared / "README").write_text("someone else's file")

    code = _crawl(
        moto_endpoint, "--region", "us-east-1", "--service", "lambda",
        "--out", str(shared / "x.sqlite"),
    )  # fmt: skip

    warnings = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert code == 0
    assert warnings == [
        f"explorer: warning: {shared} can be read by other users (mode 0755); each snapshot in "
        f"it is private (0600), but their names (account ids, times) are not: "
        f"`chmod 700 {shared}` or choose another folder."
    ]
    assert shared.stat().st_mode & 0o777 == 0o755
