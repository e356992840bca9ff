"""Navigation: lists, the detail, following links, Backspace and the breadcrumb; the mouse."""

from __future__ import annotations

from explorer.tui.screens.search import SearchScreen
from explorer.tui.widgets.bars import Breadcrumb
from explorer.tui.widgets.detail_view import DetailView
from explorer.tui.widgets.node_list import RowTable
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import QUEUE, ROUTE, TABLE, fn, role
from tests.tui.helpers import detail, detail_text, follow, function_count, line_index, names, rows


async def test_first_screen_lists_functions_with_their_trust_levels(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot, findings=False)
        functions = main.node_list("functions")

        assert len(rows(functions)) == function_count(demo_path)
        upload = next(r for r in functions.shown.rows if r.cells[0][0] == "pixmart-upload-api")
        assert upload.cells[1][0] == "anonymous"


async def test_enter_on_a_row_moves_focus_to_its_detail(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.node_list("functions").select(fn("shop-api"))
        main.node_list("functions").table.focus()

        await pilot.press("enter")

        assert isinstance(main.focused, DetailView)
        assert main.item == fn("shop-api")
        assert "Untrusted inputs" in detail_text(main)


async def test_moving_the_list_cursor_updates_the_detail(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        table = main.node_list("functions").table
        table.focus()
        first = main.item

        await pilot.press("down")
        await pilot.pause()

        assert main.item != first
        assert main.item == rows(main.node_list("functions"))[1]


async def test_following_a_link_switches_tab_and_shows_the_target(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)

        await follow(pilot, main, role("shop-role"))

        assert main.item == role("shop-role")
        assert main.active_tab == "principals"
        assert main.node_list("principals").current == role("shop-role")


async def test_backspace_restores_filter_sort_cursor_and_detail(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        functions = main.node_list("functions")
        functions.table.focus()
        await pilot.press("ctrl+f", *"o", "enter")  # filter "o": shop-api, order-worker
        await pilot.press("o")  # sort by the next column
        await pilot.press("O")  # reversed
        functions.select(fn("order-worker"))
        before = functions.state
        await pilot.press("enter")
        await follow(pilot, main, QUEUE)
        assert main.active_tab == "resources"

        await pilot.press("backspace")
        await pilot.pause()

        assert main.active_tab == "functions"
        assert functions.state.query == "o" and functions.state.sort == 1
        assert functions.state.reverse and functions.state == before
        assert functions.current == fn("order-worker") and main.item == fn("order-worker")


async def test_breadcrumb_shows_the_way_taken_and_shrinks_on_back(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        await follow(pilot, main, ROUTE)
        await follow(pilot, main, "internet")

        trail = str(main.query_one(Breadcrumb).render())
        assert "shop-api › POST /orders › internet" in trail
        await pilot.press("backspace")
        trail = str(main.query_one(Breadcrumb).render())
        assert "shop-api › POST /orders" in trail and "internet" not in trail


async def test_backspace_with_no_history_says_so(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        await pilot.press("backspace")
        await pilot.pause()

        assert any("nothing to go back to" in n.message for n in pilot.app._notifications)
        assert main.active_tab == "functions"


async def test_problems_only_toggle_and_honest_counts(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        principals = main.node_list("principals")
        await pilot.press("4")
        assert principals.shown.counts() == "3"

        await pilot.press("p")

        assert principals.state.problems_only
        assert names(main, principals) == ["admin-role"]
        assert principals.shown.counts() == "1 shown of 1 matching (3 in all)"


async def test_o_sorts_by_the_next_column_and_shift_o_reverses(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        functions = main.node_list("functions")
        functions.table.focus()

        await pilot.press("o")  # Untrusted: anonymous first
        first = names(main, functions)[0]
        await pilot.press("O")

        assert first in ("shop-api", "order-worker")
        assert names(main, functions)[-1] in ("shop-api", "order-worker")
        assert functions.state.sort == 1 and functions.state.reverse


async def test_number_keys_switch_tabs(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        await pilot.press("5")

        assert main.active_tab == "findings"
        assert main.item and main.item.startswith("finding:")


async def test_clicking_a_tab_and_a_detail_link_works(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        await pilot.click("#tabs Tab#--content-tab-tab-principals")
        await pilot.pause()

        assert main.active_tab == "principals"


async def test_clicking_a_link_in_the_detail_follows_it(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        await pilot.pause()
        row = [o.line.target for o in main.query_one(DetailView).options].index(ROUTE)

        await pilot.click(DetailView, offset=(6, row + 1))  # + the border line
        await pilot.pause()

        assert main.item == ROUTE


async def test_clicking_a_row_shows_its_detail_and_a_second_click_opens_it(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        functions = main.node_list("functions")
        row = rows(functions).index(fn("order-worker"))

        await pilot.click(RowTable, offset=(3, row + 1))  # + the header line
        await pilot.pause()
        assert main.item == fn("order-worker") and isinstance(main.focused, RowTable)
        await pilot.click(RowTable, offset=(3, row + 1))
        await pilot.pause()

        assert isinstance(main.focused, DetailView) and main.item == fn("order-worker")


async def test_clicking_a_column_header_sorts_and_a_second_click_reverses(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        functions = main.node_list("functions")
        table = functions.table
        x = table.ordered_columns[0].get_render_width(table) + 2  # inside the second column

        await pilot.click(RowTable, offset=(x, 0))
        await pilot.pause()
        assert functions.state.sort == 1 and not functions.state.reverse
        await pilot.click(RowTable, offset=(x, 0))
        await pilot.pause()

        assert functions.state.sort == 1 and functions.state.reverse
        assert names(main, functions)[-1] in ("shop-api", "order-worker")  # anonymous last


async def test_clicking_a_footer_key_runs_it(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await loaded(pilot)
        for _ in range(100):  # the footer fills in after the focus settles (slower under load)
            keys = [k for k in pilot.app.screen.query("FooterKey") if k.action == "search"]
            if keys:
                break
            await pilot.pause(0.05)
        key = keys[0]

        await pilot.click(key)
        await pilot.pause()

        assert isinstance(pilot.app.screen, SearchScreen)


async def test_backspace_walks_back_through_links_searches_and_palette_jumps(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        await follow(pilot, main, ROUTE)  # a link
        route_line = line_index(main, target="internet")
        detail(main).highlighted = route_line
        await pilot.press("slash", *"orders-table", "enter")  # a search
        await pilot.pause()
        await pilot.press("ctrl+p", *"order-worker")  # the palette
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert main.item == fn("order-worker") and len(main.history) == 3

        seen = []
        for _ in range(3):
            await pilot.press("backspace")
            await pilot.pause()
            seen.append((main.item, main.active_tab))
            if main.item == ROUTE:
                assert detail(main).highlighted == route_line  # the detail cursor too
        await pilot.press("backspace")

        assert seen == [(TABLE, "resources"), (ROUTE, "entries"), (fn("shop-api"), "functions")]
        assert any("nothing to go back to" in n.message for n in pilot.app._notifications)


async def test_brackets_move_between_sections_and_escape_returns_to_the_list(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        view = detail(main)
        view.focus()
        view.highlighted = 0

        await pilot.press("right_square_bracket")
        assert view.highlighted == view.line_of("Triggers")
        await pilot.press("right_square_bracket")
        assert view.highlighted == view.line_of("Untrusted inputs")
        await pilot.press("left_square_bracket")
        assert view.highlighted == view.line_of("Triggers")
        await pilot.press("escape")

        assert not isinstance(main.focused, DetailView)
