"""Text from the account is shown literally: no markup, control characters made visible."""

from __future__ import annotations

from explorer.tui.widgets.literal_tree import LiteralTree
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import HOSTILE_NAME, RULE, fn, role
from tests.tui.helpers import detail_text

SHOWN_NAME = "[bold red]evil[/]\\x1b[31m"
SHOWN_DESCRIPTION = "[bold red]x[/] \\x1b[2J"


async def test_list_rows_show_markup_and_escapes_literally(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        screen = pilot.app.export_screenshot().replace("&#160;", " ")

        assert SHOWN_NAME in screen
        assert "\x1b" not in screen
        assert main.node_list("functions").table.get_row(fn(HOSTILE_NAME))[0].plain == SHOWN_NAME


async def test_detail_shows_names_descriptions_and_tags_literally(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        main.go(fn(HOSTILE_NAME), remember=False)
        text = detail_text(main)

        assert SHOWN_NAME in text and f"description: {SHOWN_DESCRIPTION}" in text
        assert "\x1b" not in text
        main.go(fn("shop-api"), remember=False)
        assert f"owner: {SHOWN_DESCRIPTION}" in detail_text(main)
        main.go(role("shop-role"), remember=False)
        assert f"team: {SHOWN_DESCRIPTION}" in detail_text(main)
        main.go(RULE, remember=False)
        assert f"description: {SHOWN_DESCRIPTION}" in detail_text(main)


async def test_search_results_and_chain_labels_are_literal(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("slash", *"evil")
        shown = [o.prompt.plain for o in pilot.app.screen.query_one("OptionList").options]
        assert any(SHOWN_NAME in s for s in shown)
        await pilot.press("enter")

        await pilot.press("c")
        tree = pilot.app.screen.query_one(LiteralTree)

        assert SHOWN_NAME in tree.root.label.plain
        assert main.item == fn(HOSTILE_NAME)


async def test_findings_mentioning_a_hostile_name_are_literal(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("5")
        findings = main.node_list("findings")
        cells = [c.plain for r in range(findings.table.row_count)
                 for c in findings.table.get_row_at(r)]  # fmt: skip

        assert any(SHOWN_NAME in c for c in cells)
        assert not any("\x1b" in c for c in cells)
