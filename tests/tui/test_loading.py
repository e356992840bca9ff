"""Loading: the first screen at once, progress, and clear messages instead of tracebacks."""

from __future__ import annotations

import argparse
import threading

import pytest

from explorer.cli import main, open_cmd
from explorer.cli.errors import UserError
from explorer.store.reader import SnapshotError
from explorer.tui.screens import main as main_module
from explorer.tui.widgets.bars import CoverageBar, LoadingPanel
from tests.tui.conftest import SIZE, app_for, loaded


def _panel_text(app) -> str:
    return str(app.main.query_one(LoadingPanel).query_one(".step").render())


async def _failed(pilot) -> str:
    for _ in range(100):
        if pilot.app.main.query_one(LoadingPanel).has_class("-failed"):
            return _panel_text(pilot.app)
        await pilot.pause(0.05)
    raise AssertionError("no failure shown")


async def test_first_screen_and_function_rows_appear_before_analysis_ends(mini_path, monkeypatch):
    release = threading.Event()
    real = main_module.analyse

    def slow(snapshot, report):
        release.wait(10)
        return real(snapshot, report)

    monkeypatch.setattr(main_module, "analyse", slow)
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        main = pilot.app.main
        functions = main.node_list("functions")

        assert main.model is None and main.query_one(LoadingPanel).display
        assert len(functions.shown.rows) == 4 and functions.data.pending
        release.set()
        await loaded(pilot)
        assert not main.query_one(LoadingPanel).display


async def test_a_missing_snapshot_gives_one_clear_sentence(tmp_path):
    async with app_for(tmp_path / "gone.sqlite", tmp_path).run_test(size=SIZE) as pilot:
        message = await _failed(pilot)

        assert "does not exist" in message and "press s" in message
        assert pilot.app.is_running


async def test_a_path_holding_markup_is_shown_literally(tmp_path):
    gone = tmp_path / "[/] [b]gone[/b].sqlite"
    async with app_for(gone, tmp_path).run_test(size=SIZE, notifications=True) as pilot:
        message = await _failed(pilot)
        await pilot.pause(0.3)

        assert "[/] [b]gone[/b].sqlite" in message
        assert pilot.app.is_running and pilot.app._notifications


async def test_a_damaged_snapshot_gives_one_clear_sentence(tmp_path):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    async with app_for(broken, tmp_path).run_test(size=SIZE) as pilot:
        message = await _failed(pilot)

        assert "broken.sqlite" in message and "Traceback" not in message


async def test_an_empty_cache_says_how_to_make_a_snapshot(tmp_path):
    async with app_for(None, tmp_path).run_test(size=SIZE) as pilot:
        message = await _failed(pilot)

        assert "no complete snapshot" in message and "explorer demo" in message


async def test_keys_that_need_a_snapshot_say_so_while_none_is_open(tmp_path):
    async with app_for(None, tmp_path).run_test(size=SIZE) as pilot:
        await _failed(pilot)

        await pilot.press("slash", "c", "b")

        assert any("loading" in n.message for n in pilot.app._notifications)


async def test_failing_findings_leave_the_rest_of_the_app_working(mini_path, monkeypatch):
    def broken(model, lists):
        raise ValueError("rule exploded")

    monkeypatch.setattr(main_module, "compute_findings", broken)
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        assert "findings unavailable" in str(main.query_one(CoverageBar).render())
        assert len(main.node_list("functions").shown.rows) == 4


def _args(**values) -> argparse.Namespace:
    return argparse.Namespace(**{"cache_dir": None, "snapshot": None, "file": None, **values})


def test_explorer_open_refuses_a_missing_file_in_one_line(tmp_path):
    with pytest.raises(SnapshotError, match="does not exist"):
        open_cmd.run(_args(snapshot=str(tmp_path / "nope.sqlite")))


def test_explorer_open_refuses_an_empty_cache_in_one_line(tmp_path):
    with pytest.raises(SnapshotError, match="no complete snapshot"):
        open_cmd.run(_args(cache_dir=str(tmp_path)))


def test_explorer_open_takes_the_snapshot_as_an_argument_too(tmp_path, capsys):
    missing = tmp_path / "nope.sqlite"

    assert main(["open", str(missing)]) == 2
    assert f"{missing} does not exist" in capsys.readouterr().err


def test_explorer_open_refuses_two_different_snapshots(tmp_path):
    with pytest.raises(UserError, match="give the snapshot once"):
        open_cmd.run(_args(file=str(tmp_path / "a.sqlite"), snapshot=str(tmp_path / "b.sqlite")))
