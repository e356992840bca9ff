"""At 80x24 the footer's end is cut: the keys for help and quit lead it, on every screen that
has a footer, so no width hides them (issue 15: they were cut after `b Blast`)."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from explorer.tui.widgets.keys_footer import KeysFooter
from tests.tui.conftest import app_for, loaded

NARROW = (80, 24)


def _visible_keys(screen) -> list[str]:
    footer = screen.query_one(KeysFooter)
    keys = [k for k in footer.query(FooterKey) if k.region.width and k.region.right <= NARROW[0]]
    return [k.key for k in sorted(keys, key=lambda k: k.region.x)]


async def test_help_and_quit_lead_the_footer_of_the_main_screen(demo_path):
    async with app_for(demo_path).run_test(size=NARROW) as pilot:
        main = await loaded(pilot, findings=False)
        await pilot.pause()

        assert _visible_keys(main)[:2] == ["question_mark", "q"]


async def test_help_and_quit_lead_the_footer_of_the_blast_radius_screen(demo_path):
    async with app_for(demo_path).run_test(size=NARROW) as pilot:
        await loaded(pilot, findings=False)
        await pilot.press("b")
        await pilot.pause()

        assert _visible_keys(pilot.app.screen)[:2] == ["question_mark", "q"]
