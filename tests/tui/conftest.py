"""Snapshots for the app's tests, built once per session, and a helper that waits for loading."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest
from textual.pilot import Pilot

from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from tests.tui.estate import write_mini
from tests.tui.principal_estate import write_principals

SIZE = (140, 40)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no async plugin is installed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(scope="session")
def mini_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-built deterministic snapshot (see estate.py)."""
    return write_mini(tmp_path_factory.mktemp("mini"))


@pytest.fixture(scope="session")
def principals_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Users, groups and roles with escalation paths (see principal_estate.py)."""
    return write_principals(tmp_path_factory.mktemp("principals"))


def app_for(path: Path | None, cache: Path | None = None) -> ExplorerApp:
    return ExplorerApp(path, cache or (path.parent if path else Path("/nonexistent")))


async def loaded(pilot: Pilot, findings: bool = True, timeout: float = 30.0) -> MainScreen:
    """Wait until the snapshot (and, by default, its findings) are on screen."""
    main = pilot.app.main
    assert main is not None
    waited = 0.0
    while main.model is None or (findings and main.model.findings is None
                                 and main.model.findings_error is None):  # fmt: skip
        await pilot.pause(0.05)
        waited += 0.05
        assert waited < timeout, "the snapshot did not load in time"
    await pilot.pause()
    return main
