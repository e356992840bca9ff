"""Small helpers the app tests share: finding lines in the detail, reading list rows."""

from __future__ import annotations

from textual.pilot import Pilot

from explorer.tui.screens.main import MainScreen
from explorer.tui.widgets.detail_view import DetailView, LineOption
from explorer.tui.widgets.node_list import NodeList


def detail(main: MainScreen) -> DetailView:
    return main.query_one(DetailView)


def detail_text(main: MainScreen) -> str:
    return "\n".join(str(o.prompt.plain) for o in detail(main).options)


def line_index(
    main: MainScreen, target: str | None = None, contains: str | None = None, grant: bool = False
) -> int:
    """The first detail line linking to `target` (or holding `contains`; with `grant`, only
    lines that open a statement)."""
    for index, option in enumerate(detail(main).options):
        assert isinstance(option, LineOption)
        if target is not None and option.line.target == target:
            return index
        if grant and option.line.statement is None:
            continue
        if contains is not None and contains in option.prompt.plain:
            return index
    raise AssertionError(f"no detail line for {target or contains!r}")


async def follow(pilot: Pilot, main: MainScreen, target: str) -> None:
    """Focus the detail, put the cursor on the link to `target`, press Enter."""
    view = detail(main)
    view.focus()
    view.highlighted = line_index(main, target)
    await pilot.press("enter")
    await pilot.pause()


def rows(node_list: NodeList) -> list[str]:
    return [row.item for row in node_list.shown.rows] if node_list.shown else []


def names(main: MainScreen, node_list: NodeList) -> list[str]:
    return [main.model.name(item) for item in rows(node_list)]
