"""The coverage bar, the gaps view (g) and the title bar say what the snapshot lacks: what the
crawler does not read (or that it did not record it), "complete" only as "every call made
succeeded", and loudly when the file holds secret values."""

from __future__ import annotations

from textual.widgets import DataTable, Label

from explorer.safetext import safe
from explorer.tui.screens.gaps import NOT_RECORDED, GapsScreen
from explorer.tui.widgets.bars import SECRETS_KEPT, CoverageBar, TitleBar
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import HOSTILE, TABLE, write_mini
from tests.tui.helpers import detail_text

NOT_READ = [
    {"what": "EventBridge Scheduler schedules", "why": "no crawler for the service yet"},
    {"what": HOSTILE, "why": "left out by --service"},
]


def _bar(main) -> str:
    return main.query_one(CoverageBar).render().plain


async def test_the_bar_says_every_call_succeeded_and_counts_what_is_not_read(tmp_path):
    path = write_mini(tmp_path, failed_call=False, partial=False, not_read=NOT_READ)
    async with app_for(path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        bar = _bar(main)

        assert "every API call the crawl made succeeded" in bar
        assert "not read at all: 2 kinds of data" in bar
        assert "everything" not in bar and "complete" not in bar


async def test_g_lists_what_the_crawler_does_not_read_literally(tmp_path):
    path = write_mini(tmp_path, not_read=NOT_READ)
    async with app_for(path).run_test(size=SIZE) as pilot:
        await loaded(pilot)

        await pilot.press("g")

        table = pilot.app.screen.query_one("#not-read", DataTable)
        rows = [[cell.plain for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows == [[safe(e["what"]), e["why"]] for e in NOT_READ]


async def test_a_snapshot_without_the_list_says_it_was_not_recorded(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        assert "what the crawler does not read: not recorded" in _bar(main)

        await pilot.press("g")

        screen = pilot.app.screen
        assert isinstance(screen, GapsScreen)
        assert screen.query_one("#not-recorded", Label).render().plain == NOT_RECORDED


async def test_the_title_warns_when_the_file_holds_secret_values(tmp_path):
    path = write_mini(tmp_path, secret_values_kept=True)
    async with app_for(path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        title = main.query_one(TitleBar)

        assert title.render().plain.startswith(SECRETS_KEPT) and title.has_class("-secrets")


async def test_the_title_has_no_warning_when_values_were_redacted(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        title = main.query_one(TitleBar)

        assert "SECRET" not in title.render().plain and not title.has_class("-secrets")


async def test_exposure_of_a_resource_whose_policy_could_not_be_read_is_unknown(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        reason = f"its resource policy could not be read {HOSTILE}"
        main.model.g.nodes[TABLE]["exposure_unknown"] = [reason]  # set by the analysis

        main.go(TABLE, remember=False)

        shown = detail_text(main)
        assert "unknown — the policy could not be read: " + safe(reason) in shown
        assert "nobody outside the account" not in shown
