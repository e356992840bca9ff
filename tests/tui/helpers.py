"""Small helpers the app tests share: finding lines in the detail, reading list rows."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from textual.pilot import Pilot

from explorer.analysis.analyze import Analysis
from explorer.analysis.build import build_graph
from explorer.analysis.estate import Estate
from explorer.analysis.taint import untrusted_inputs
from explorer.tui.lists import ListData, build_lists, with_findings
from explorer.tui.screens.main import MainScreen
from explorer.tui.view_model import Model, build_model
from explorer.tui.widgets.detail_view import DetailView, LineOption
from explorer.tui.widgets.node_list import NodeList


def function_count(path: Path) -> int:
    """How many functions a snapshot holds (the demo's grows with each trigger source)."""
    with closing(sqlite3.connect(path)) as db:
        return int(db.execute("SELECT count(*) FROM functions").fetchone()[0])


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


def model_of(tables: dict[str, list[dict]], meta: dict) -> tuple[Model, dict[str, ListData]]:
    """The app's view model and lists, findings included, of an estate held in memory (built by
    the same steps as the loader's): for columns the snapshot format may not declare yet."""
    estate = Estate(meta=dict(meta), tables=tables)
    graph = build_graph(estate).g
    analysis = Analysis(estate, graph, untrusted_inputs(graph))
    model = build_model(Path("in-memory.sqlite"), analysis)
    model.set_findings(list(analysis.findings))
    return model, with_findings(model, build_lists(model))
