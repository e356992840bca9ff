"""`/` fuzzy search and the command palette: jump to any node, run any command."""

from __future__ import annotations

import pytest
from textual.actions import parse
from textual.command import CommandPalette

from explorer.tui.app import ExplorerApp
from explorer.tui.commands import APP_COMMANDS, VIEW_COMMANDS
from explorer.tui.screens.chain import ChainScreen
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.search import SearchScreen
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import QUEUE, fn
from tests.tui.helpers import detail_text


async def test_slash_typing_a_name_and_enter_shows_that_functions_detail(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot, findings=False)

        await pilot.press("slash", *"thumbnailer", "enter")
        await pilot.pause()

        assert isinstance(pilot.app.screen, MainScreen)
        assert main.model.name(main.item) == "pixmart-thumbnailer"
        assert main.node_list("functions").current == main.item
        assert "Untrusted inputs" in detail_text(main)


async def test_search_shows_results_as_you_type(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await loaded(pilot)

        await pilot.press("slash", "o", "r", "d")
        screen = pilot.app.screen

        assert isinstance(screen, SearchScreen)
        assert screen.items[:2] == sorted(screen.items[:2], key=len) or screen.items
        assert {fn("order-worker"), QUEUE} <= set(screen.items)


async def test_search_finds_a_node_by_its_arn(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await loaded(pilot)

        await pilot.press("slash", *"sqs:us-east-1")
        screen = pilot.app.screen

        assert screen.items[0] == QUEUE


async def test_search_tolerates_a_typo(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await loaded(pilot)

        await pilot.press("slash", *"ordre-worker")

        assert fn("order-worker") in pilot.app.screen.items


async def test_search_arrows_pick_a_result_and_escape_closes(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        before = main.item

        await pilot.press("slash", "o", "down", "escape")

        assert isinstance(pilot.app.screen, MainScreen)
        assert main.item == before


async def test_command_palette_jumps_to_a_node(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        await pilot.press("ctrl+p")
        assert isinstance(pilot.app.screen, CommandPalette)
        await pilot.press(*"orders-table")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()

        assert main.model.name(main.item) == "orders-table"
        assert main.active_tab == "resources"


async def test_command_palette_runs_a_command(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        await pilot.press("ctrl+p", *"Findings tab")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()

        assert main.active_tab == "findings"


async def test_search_down_then_enter_opens_the_second_result(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("slash", *"order")
        second = pilot.app.screen.items[1]

        await pilot.press("down", "enter")
        await pilot.pause()

        assert isinstance(pilot.app.screen, MainScreen) and main.item == second


async def test_clicking_a_search_result_goes_there(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("slash", *"order")
        second = pilot.app.screen.items[1]

        await pilot.click(f"{SearchScreen.__name__} OptionList", offset=(4, 2))  # 2 lines each
        await pilot.pause()

        assert isinstance(pilot.app.screen, MainScreen) and main.item == second


@pytest.mark.parametrize(("name", "action"), [(n, a) for n, _, a in VIEW_COMMANDS])
def test_every_palette_command_names_a_main_screen_action(name, action):
    _, action_name, _ = parse(action)

    assert callable(getattr(MainScreen, f"action_{action_name}", None)), name


@pytest.mark.parametrize(("name", "action"), [(n, a) for n, _, a in APP_COMMANDS])
def test_every_app_command_names_an_app_action(name, action):
    assert callable(getattr(ExplorerApp, f"action_{action}", None)), name


async def test_command_palette_opens_a_view(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)

        await pilot.press("ctrl+p", *"Chain view")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(pilot.app.screen, ChainScreen) and pilot.app.screen.item == fn("shop-api")
