"""Views on top of the main screen: chains, blast radius, findings filter, statements, gaps."""

from __future__ import annotations

from textual.widgets import DataTable

from explorer.tui.screens.blast import BlastScreen
from explorer.tui.screens.chain import ChainScreen
from explorer.tui.screens.findings_filter import FindingsFilterScreen
from explorer.tui.screens.gaps import GapsScreen
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.statement import StatementScreen
from explorer.tui.widgets.literal_tree import LiteralTree
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import QUEUE, ROUTE, TABLE, fn
from tests.tui.helpers import detail, line_index, names


async def test_c_shows_upstream_and_downstream_expanded_lazily(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)

        await pilot.press("c")
        screen = pilot.app.screen
        tree = screen.query_one(LiteralTree)
        up, down = tree.root.children
        assert ROUTE in [c.data.node for c in up.children]
        queue_node = next(c for c in down.children if c.data.node == QUEUE)
        assert "writes→ orders" in queue_node.label.plain.replace("─", "")
        assert "via role" in queue_node.label.plain  # the role's grant, read in one step
        assert not queue_node.children  # not built until expanded
        tree.move_cursor(queue_node)
        await pilot.press("space")
        await pilot.pause()

        assert isinstance(screen, ChainScreen)
        assert fn("order-worker") in [c.data.node for c in queue_node.children]


async def test_enter_in_the_chain_view_goes_to_that_node(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        await pilot.press("c")
        tree = pilot.app.screen.query_one(LiteralTree)
        tree.move_cursor(tree.root.children[0].children[0])

        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(pilot.app.screen, MainScreen)
        assert main.item == ROUTE and len(main.history) == 1


async def test_b_lists_what_the_selection_reaches_and_enter_goes_there(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("order-worker"), remember=False)

        await pilot.press("b")
        await pilot.pause(0.3)
        screen = pilot.app.screen
        assert isinstance(screen, BlastScreen)
        reached = [r.node for r in screen.reach["reaches"]]
        assert TABLE in reached
        table = screen.query_one("#t-reaches", DataTable)
        table.move_cursor(row=reached.index(TABLE))
        await pilot.press("enter")
        await pilot.pause()

        assert main.item == TABLE


async def test_f_filters_findings_by_severity_and_owasp(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        await pilot.press("f")
        assert isinstance(pilot.app.screen, FindingsFilterScreen)
        await pilot.press("space")  # critical
        await pilot.press("enter")
        await pilot.pause()

        findings = main.node_list("findings")
        assert main.active_tab == "findings"
        severities = {main.model.finding(r.item).severity for r in findings.shown.rows}
        assert severities == {"critical"}
        assert "filtered" in str(findings.query_one(".counts").render())


async def test_findings_filter_by_owasp_category(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        await pilot.press("f", "tab", "down", "space", "enter")  # A2 Broken Authentication
        await pilot.pause()

        findings = main.node_list("findings")
        owasp = {main.model.finding(r.item).owasp for r in findings.shown.rows}
        assert owasp == {"A2"}


async def test_enter_on_a_permission_shows_the_deciding_statement(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        view = detail(main)
        view.focus()
        view.highlighted = line_index(main, contains="SendMessage", grant=True)

        await pilot.press("enter")
        await pilot.pause()

        screen = pilot.app.screen
        assert isinstance(screen, StatementScreen)
        shown = "\n".join(o.prompt.plain for o in screen.query_one("OptionList").options)
        assert "shop-role-inline#0" in shown and '"sqs:SendMessage"' in shown


async def test_wildcard_grants_are_marked(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        main.go(fn("nightly"), remember=False)

        line = detail(main).options[line_index(main, contains="every service")].prompt.plain
        assert "WILDCARD" in line


async def test_coverage_gaps_are_on_the_main_screen_and_g_lists_them(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        bar = str(main.query_one("#coverage").render())
        assert "1 failed API calls" in bar and "s3" in bar and "PARTIAL" in bar

        await pilot.press("g")

        screen = pilot.app.screen
        assert isinstance(screen, GapsScreen)
        assert screen.query_one(DataTable).row_count == 1


async def test_resources_tab_lists_exposed_queue_first_when_sorted_by_exposure(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("3", "o", "o")  # Kind, then Exposed to

        assert names(main, main.node_list("resources"))[0] == "orders"


async def test_right_expands_and_left_collapses_in_the_chain_view(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        await pilot.press("c")
        tree = pilot.app.screen.query_one(LiteralTree)
        role_node = tree.root.children[1].children[0]
        tree.move_cursor(role_node)

        await pilot.press("right")
        await pilot.pause()
        assert role_node.is_expanded and role_node.children
        await pilot.press("left")

        assert not role_node.is_expanded
