"""`explorer open` through the CLI entry point: a file that is not a usable snapshot is refused
before the app starts, and an unexpected error in a real app run ends it with one sentence,
a crash log, and a non-zero exit."""

from __future__ import annotations

import os
import shutil
import signal
import stat
import threading
from pathlib import Path

import pytest
import textual.constants

from explorer.cli import main, open_cmd
from explorer.tui import details

HEADLESS = "textual.drivers.headless_driver:HeadlessDriver"


@pytest.fixture
def app_never_starts(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records any start of the app (none is expected)."""
    started: list[Path] = []
    monkeypatch.setattr(open_cmd, "open_app", lambda path, folder: started.append(path) or 0)
    return started


def _truncated(mini_path: Path, folder: Path) -> Path:
    copy = folder / mini_path.name
    shutil.copy(mini_path, copy)
    os.truncate(copy, copy.stat().st_size // 2)
    return copy


def _with_a_damaged_page(mini_path: Path, folder: Path) -> Path:
    """A copy whose meta still reads (so the cache lists it) but whose last page is garbage."""
    copy = folder / "123456789012-20990101T000000Z.sqlite"
    shutil.copy(mini_path, copy)
    size = copy.stat().st_size
    with copy.open("r+b") as out:
        out.seek(size - 4096)
        out.write(b"\xff" * 4096)
    return copy


@pytest.mark.parametrize("kind", ["empty", "passwd", "truncated"])
def test_open_refuses_a_file_that_is_not_a_usable_snapshot(
    kind, mini_path, tmp_path, capsys, app_never_starts
):
    files = {"empty": tmp_path / "empty.sqlite", "passwd": Path("/etc/passwd"),
             "truncated": _truncated(mini_path, tmp_path)}  # fmt: skip
    files["empty"].touch()

    code = main(["open", str(files[kind]), "--cache-dir", str(tmp_path)])

    err = capsys.readouterr().err
    assert code == 2 and app_never_starts == []
    assert err.startswith("explorer: ") and err.count("\n") == 1 and "Traceback" not in err
    assert str(files[kind]) in err


def test_open_refuses_a_cache_whose_only_snapshot_is_damaged(
    mini_path, tmp_path, capsys, app_never_starts
):
    damaged = _with_a_damaged_page(mini_path, tmp_path)

    code = main(["open", "--cache-dir", str(tmp_path)])

    err = capsys.readouterr().err.splitlines()
    assert code == 2 and app_never_starts == []
    assert err[0].startswith("explorer: warning: passed over a newer file: ")
    assert str(damaged) in err[0] and "damaged" in err[0]
    assert "no complete snapshot" in err[1] and len(err) == 2


def test_open_passes_over_a_damaged_newest_snapshot_and_says_so(
    mini_path, tmp_path, capsys, app_never_starts
):
    good = tmp_path / "123456789012-20200101T000000Z.sqlite"
    shutil.copy(mini_path, good)
    damaged = _with_a_damaged_page(mini_path, tmp_path)

    code = main(["open", "--cache-dir", str(tmp_path)])

    err = capsys.readouterr().err
    assert code == 0 and app_never_starts == [good]
    assert "passed over a newer file" in err and str(damaged) in err


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real app runs without a terminal; a run that does not end in 60 s is interrupted."""
    monkeypatch.setattr(textual.constants, "DRIVER", HEADLESS)
    timer = threading.Timer(60, lambda: os.kill(os.getpid(), signal.SIGINT))
    timer.start()
    yield
    timer.cancel()


def test_an_unexpected_error_ends_the_app_with_one_sentence_a_log_and_exit_1(
    mini_path, tmp_path, capsys, monkeypatch, headless
):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def exploding(model, item):
        raise KeyError("arn:aws:apigateway:us-east-1::/restapis/x/stages/prod")

    monkeypatch.setattr(details, "detail_lines", exploding)

    code = main(["open", str(mini_path), "--cache-dir", str(tmp_path)])

    err = capsys.readouterr().err
    [log] = (tmp_path / "state").rglob("crash-*.log")
    assert code == 1
    said = "the app stopped on an unexpected error (KeyError); the traceback is in"
    assert err == f"explorer: {said} {log}, please report it.\n"
    assert "exploding" in log.read_text() and "Traceback" in log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
