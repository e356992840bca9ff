"""Esc does one thing everywhere in the main screen: it clears the filter, leaves an empty filter
for its list, and leaves the detail for the list (issue 15: it did nothing in the filter and
moved to the tab strip from the detail). The filter shows what is typed."""

from __future__ import annotations

from textual.widgets import Input

from explorer.tui.widgets.detail_view import DetailView
from explorer.tui.widgets.node_list import RowTable
from tests.tui.conftest import SIZE, app_for, loaded


async def test_esc_clears_the_filter_then_returns_to_the_list(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot, findings=False)
        functions = main.node_list("functions")
        await pilot.press("ctrl+f", *"order")
        box = functions.query_one("#filter", Input)
        narrowed = len(functions.shown.rows)

        await pilot.press("escape")
        assert (box.value, box.has_focus) == ("", True)
        assert len(functions.shown.rows) > narrowed

        await pilot.press("escape")
        assert isinstance(pilot.app.focused, RowTable)
        assert pilot.app.focused is functions.table


async def test_typed_filter_text_is_drawn_in_the_box(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot, findings=False)
        await pilot.press("ctrl+f", *"order")
        await pilot.pause()

        box = main.node_list("functions").query_one("#filter", Input)
        assert box.region.height == 1 and "order" in box.render_line(0).text


async def test_esc_in_the_detail_returns_to_the_list(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot, findings=False)
        main.query_one(DetailView).focus()
        await pilot.pause()

        await pilot.press("escape")
        assert pilot.app.focused is main.node_list("functions").table
