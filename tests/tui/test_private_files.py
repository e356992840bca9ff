"""What the app writes describes the account: exports and screenshots are created 0600, even
under a permissive umask and over an existing wider file."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from explorer.tui.private_file import write_private
from explorer.tui.screens.export import ExportScreen
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import fn


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_an_export_is_created_0600(mini_path, tmp_path, permissive_umask):
    target = tmp_path / "chains.json"
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        await pilot.press("e")
        assert isinstance(pilot.app.screen, ExportScreen)
        pilot.app.screen.query_one(Input).value = str(target)

        await pilot.press("enter")
        await pilot.pause()

    assert _mode(target) == 0o600 and target.read_text().startswith("{")


def test_an_export_over_a_wider_file_leaves_it_0600(tmp_path, permissive_umask):
    target = tmp_path / "old.json"
    target.write_text("old")
    target.chmod(0o644)

    write_private(target, "new")

    assert _mode(target) == 0o600 and target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["old.json"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path):
    (tmp_path / "a-folder").mkdir()

    with pytest.raises(OSError):
        write_private(tmp_path / "a-folder", "x")

    assert [p.name for p in tmp_path.iterdir()] == ["a-folder"]


async def test_the_palette_screenshot_is_created_0600(mini_path, tmp_path, permissive_umask):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await loaded(pilot)

        written = pilot.app.deliver_screenshot("shot.svg", str(tmp_path))

    assert written == str(tmp_path / "shot.svg")
    assert _mode(tmp_path / "shot.svg") == 0o600
