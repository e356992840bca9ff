"""Snapshots for the app's tests, built once per session, and a helper that waits for loading."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot

from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from tests.tui.estate import write_mini

DEMO_ACCOUNT = "400000000001"
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
def demo_path(moto_endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo deployed into a fresh moto account and crawled for real, once per session."""
    from explorer.cli.crawling import crawl_to_snapshot
    from explorer.crawl.client import Target
    from explorer.crawl.runner import CrawlOptions
    from explorer.demo.account import deploy
    from tests.conftest import session_credentials
    from tests.demo.test_account import account_session

    patch = pytest.MonkeyPatch()
    patch.setenv("EXPLORER_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    try:
        session = account_session(moto_endpoint, DEMO_ACCOUNT)
        deploy(session, moto_endpoint, "us-east-1")
        target = Target(endpoint_url=moto_endpoint, credentials=session_credentials(session))
        options = CrawlOptions(target=target, regions=("us-east-1",), workers=4)
        outcome = crawl_to_snapshot(options, tmp_path_factory.mktemp("demo"), quiet=True)
        yield outcome.path
    finally:
        patch.undo()


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
