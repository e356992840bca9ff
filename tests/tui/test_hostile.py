"""Text from the account is shown literally: no markup, control characters made visible.

Each test looks at the text the widgets hold and at the rendered screen (the SVG export keeps
any raw escape character a widget lets through, so a leak would show there).
"""

from __future__ import annotations

import html

from textual.command import CommandList, CommandPalette

from explorer.tui.screens.blast import BlastScreen
from explorer.tui.screens.statement import StatementScreen
from explorer.tui.widgets.bars import Breadcrumb
from explorer.tui.widgets.literal_tree import LiteralTree
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import HOSTILE_NAME, RULE, fn, role
from tests.tui.helpers import detail, detail_text, follow, line_index

SHOWN_NAME = "[bold red]evil[/]\\x1b[31m"
SHOWN_DESCRIPTION = "[bold red]x[/] \\x1b[2J"
SHOWN_KEY = "[b]KEY[/b]\\x1b]0;pwned\\x07"
SHOWN_SID_IN_JSON = '"Sid": "[bold red]x[/] \\u001b[2J"'
RAW = ("\x1b", "\x07")


def _screen(app) -> str:
    """The text on screen (from the SVG export), entities decoded, non-breaking spaces as spaces."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def _clean(shown: str) -> bool:
    return not any(char in shown for char in RAW)


async def test_list_rows_show_markup_and_escapes_literally(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        screen = _screen(pilot.app)

        assert SHOWN_NAME in screen and _clean(screen)
        assert main.node_list("functions").table.get_row(fn(HOSTILE_NAME))[0].plain == SHOWN_NAME


async def test_detail_shows_names_descriptions_and_tags_literally(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        main.go(fn(HOSTILE_NAME), remember=False)
        text = detail_text(main)

        assert SHOWN_NAME in text and f"description: {SHOWN_DESCRIPTION}" in text
        assert _clean(text) and _clean(_screen(pilot.app))
        main.go(fn("shop-api"), remember=False)
        assert f"owner: {SHOWN_DESCRIPTION}" in detail_text(main)
        main.go(role("shop-role"), remember=False)
        assert f"team: {SHOWN_DESCRIPTION}" in detail_text(main)
        main.go(RULE, remember=False)
        assert f"description: {SHOWN_DESCRIPTION}" in detail_text(main)


async def test_detail_shows_environment_variable_names_literally(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn(HOSTILE_NAME), remember=False)

        detail(main).highlighted = line_index(main, contains=SHOWN_KEY)
        await pilot.pause()

        assert f"{SHOWN_KEY}  [redacted, 8 chars]" in detail_text(main)
        assert SHOWN_KEY in _screen(pilot.app) and _clean(_screen(pilot.app))


async def test_policy_text_is_literal_in_the_role_detail(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(role("worker-role"), remember=False)

        detail(main).highlighted = line_index(main, contains='"Sid"')
        await pilot.pause()

        assert SHOWN_SID_IN_JSON in detail_text(main)
        assert SHOWN_SID_IN_JSON in _screen(pilot.app) and _clean(_screen(pilot.app))


async def test_policy_text_is_literal_in_the_deciding_statement(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn(HOSTILE_NAME), remember=False)
        view = detail(main)
        view.focus()
        view.highlighted = line_index(main, contains="PutItem", grant=True)

        await pilot.press("enter")
        await pilot.pause()

        screen = pilot.app.screen
        assert isinstance(screen, StatementScreen)
        shown = "\n".join(o.prompt.plain for o in screen.query_one("OptionList").options)
        assert f"worker-role-inline#1 ({SHOWN_DESCRIPTION}) Allow" in shown
        assert SHOWN_SID_IN_JSON in shown
        assert _clean(shown) and _clean(_screen(pilot.app))


async def test_search_results_and_chain_labels_are_literal(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("slash", *"evil")
        shown = [o.prompt.plain for o in pilot.app.screen.query_one("OptionList").options]
        assert any(SHOWN_NAME in s for s in shown) and _clean(_screen(pilot.app))
        await pilot.press("enter")

        await pilot.press("c")
        tree = pilot.app.screen.query_one(LiteralTree)

        assert SHOWN_NAME in tree.root.label.plain and _clean(_screen(pilot.app))
        assert main.item == fn(HOSTILE_NAME)


async def test_command_palette_hits_are_literal(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await loaded(pilot)

        await pilot.press("ctrl+p", *"evil")
        await pilot.pause(0.5)

        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        hits = [option.hit for option in palette.query_one(CommandList).options]
        assert any(SHOWN_NAME in str(hit.prompt) for hit in hits)
        assert all(_clean(str(hit.text)) for hit in hits)  # what selecting puts in the box
        assert SHOWN_NAME in _screen(pilot.app) and _clean(_screen(pilot.app))


async def test_blast_view_breadcrumb_and_copy_notice_are_literal(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn(HOSTILE_NAME), remember=False)
        await follow(pilot, main, role("worker-role"))
        assert f"{SHOWN_NAME} › worker-role" in str(main.query_one(Breadcrumb).render())
        main.go(fn(HOSTILE_NAME), remember=False)
        main.node_list("functions").table.focus()

        await pilot.press("y")
        await pilot.pause()
        notice = pilot.app._notifications
        await pilot.press("b")
        await pilot.pause(0.3)

        assert any(SHOWN_NAME in n.message and _clean(n.message) for n in notice)
        assert isinstance(pilot.app.screen, BlastScreen)
        assert SHOWN_NAME in _screen(pilot.app) and _clean(_screen(pilot.app))


async def test_findings_mentioning_a_hostile_name_are_literal(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("5")
        findings = main.node_list("findings")
        cells = [c.plain for r in range(findings.table.row_count)
                 for c in findings.table.get_row_at(r)]  # fmt: skip

        assert any(SHOWN_NAME in c for c in cells)
        assert all(_clean(c) for c in cells) and _clean(_screen(pilot.app))
