"""Drive the app headless on a snapshot and write an SVG screenshot of each main view.

    python -m explorer demo --no-tui          # makes ./cache/<account>-<time>.sqlite
    python scripts/export_screenshots.py      # newest snapshot in ./cache -> screenshots/*.svg
    python scripts/export_screenshots.py SNAPSHOT [--out DIR] [--older SNAPSHOT]

`--older` adds the diff view (against that older snapshot).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.pilot import Pilot

from explorer.store.catalog import cache_dir, newest_snapshot
from explorer.tui.app import ExplorerApp
from explorer.tui.screens.main import MainScreen
from explorer.tui.widgets.detail_view import DetailView

SIZE = (140, 40)
FUNCTION = "pixmart-thumbnailer"
"""The demo function most views are shown on: anonymous input, a chain, a deprecated runtime."""

Step = Callable[[Pilot, MainScreen], Awaitable[None]]


async def wait_loaded(pilot: Pilot) -> MainScreen:
    main = pilot.app.main
    while main is None or main.model is None or main.model.findings is None:
        await pilot.pause(0.1)
        main = pilot.app.main
    await pilot.pause(0.3)
    return main


async def settle(pilot: Pilot) -> None:
    await pilot.pause(0.4)
    pilot.app.clear_notifications()
    await pilot.pause(0.1)


def _node(main: MainScreen, name: str) -> str:
    return next(n for n, a in main.model.g.nodes(data=True) if a.get("name") == name)


async def functions(pilot: Pilot, main: MainScreen) -> None:
    main.node_list("functions").table.focus()


async def function_detail(pilot: Pilot, main: MainScreen) -> None:
    main.go(_node(main, FUNCTION))
    await pilot.press("enter")


async def permissions(pilot: Pilot, main: MainScreen) -> None:
    main.go(_node(main, "pixmart-upload-api"))
    view = main.query_one(DetailView)
    view.focus()
    await pilot.pause()
    view.highlighted = view.line_of("Execution role")
    view.scroll_to_highlight(top=True)


async def search(pilot: Pilot, main: MainScreen) -> None:
    await pilot.press("slash", *"thumb")


async def chain(pilot: Pilot, main: MainScreen) -> None:
    main.go(_node(main, FUNCTION))
    await pilot.press("c")


async def blast(pilot: Pilot, main: MainScreen) -> None:
    main.go(_node(main, "pixmart-log-watcher"))
    await pilot.press("b")
    await pilot.pause(0.5)
    await pilot.press("down", "down", "down")


async def entry_points(pilot: Pilot, main: MainScreen) -> None:
    await pilot.press("2", "o")


async def findings(pilot: Pilot, main: MainScreen) -> None:
    await pilot.press("5")


async def findings_filter(pilot: Pilot, main: MainScreen) -> None:
    await pilot.press("f", "space", "down", "space")


async def keys(pilot: Pilot, main: MainScreen) -> None:
    await pilot.press("question_mark")


VIEWS: tuple[tuple[str, Step], ...] = (
    ("01-functions", functions),
    ("02-function-detail", function_detail),
    ("03-permissions", permissions),
    ("04-search", search),
    ("05-chain", chain),
    ("06-blast-radius", blast),
    ("07-entry-points", entry_points),
    ("08-findings", findings),
    ("09-findings-filter", findings_filter),
    ("10-keys", keys),
)
"""(file name, how to get there from a freshly loaded app) for every view."""


async def shoot(snapshot: Path, out: Path, name: str, step: Step) -> Path:
    """A fresh app per view, so each picture starts from the same place."""
    app = ExplorerApp(snapshot, snapshot.parent)
    async with app.run_test(size=SIZE) as pilot:
        main = await wait_loaded(pilot)
        await step(pilot, main)
        await settle(pilot)
        return Path(app.save_screenshot(filename=f"{name}.svg", path=str(out)))


async def diff(snapshot: Path, older: Path, out: Path) -> Path:
    app = ExplorerApp(snapshot, older.parent)
    async with app.run_test(size=SIZE) as pilot:
        main = await wait_loaded(pilot)
        from explorer.tui.screens.diff import DiffScreen

        pilot.app.push_screen(DiffScreen(main.model, older))
        while getattr(pilot.app.screen, "diff", None) is None:
            await pilot.pause(0.2)
        await settle(pilot)
        return Path(app.save_screenshot(filename="11-diff.svg", path=str(out)))


async def run(snapshot: Path, out: Path, older: Path | None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = [await shoot(snapshot, out, name, step) for name, step in VIEWS]
    if older is not None:
        written.append(await diff(snapshot, older, out))
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshot", nargs="?", help="default: the newest snapshot in ./cache")
    parser.add_argument("--out", default="screenshots", help="folder (default: screenshots)")
    parser.add_argument("--older", help="an older snapshot: also shoot the diff view")
    args = parser.parse_args()
    snapshot = Path(args.snapshot) if args.snapshot else newest_snapshot(cache_dir())
    older = Path(args.older) if args.older else None
    for path in asyncio.run(run(snapshot, Path(args.out), older)):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
