"""Issue 15: an escalation finding's path says how each hop is taken, and the blast radius's
Access column, path line and Reached-by rows agree with one another (on the demo snapshot)."""

from __future__ import annotations

from textual.widgets import DataTable, Static, TabbedContent

from explorer.tui.screens.blast import BlastScreen
from explorer.tui.view_model import FINDING_PREFIX
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.helpers import detail_text


def _hops(shown: str) -> list[str]:
    return [line.strip() for line in shown.splitlines() if line.strip().startswith("└")]


async def test_an_escalation_finding_names_each_hop_and_its_technique(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("5", "ctrl+f", *"escalate", "enter")
        await pilot.press("enter")
        await pilot.pause()
        assert main.item.startswith(FINDING_PREFIX)
        assert main.model.finding(main.item).rule == "privilege-escalation"

        hops = _hops(detail_text(main))

        assert hops and all(hop.startswith("└ becomes (") for hop in hops), hops
        # every multi-hop escalation of the demo too: a verb and a technique on each step
        multi = [f for f in main.model.findings
                 if f.rule == "privilege-escalation" and len(f.path) > 2]  # fmt: skip
        assert multi
        for finding in multi:
            main.go(main.model.finding_item(finding), remember=False)
            await pilot.pause()
            hops = _hops(detail_text(main))
            assert len(hops) == len(finding.path) - 1
            assert all("→ →" not in hop and hop.startswith("└ becomes (") for hop in hops), hops


async def _blast_of(pilot, main, name: str) -> BlastScreen:
    [node] = [n for n in main.model.g if main.model.name(n) == name]
    main.go(node, remember=False)
    await pilot.press("b")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BlastScreen)
    return screen


def _path_line(screen: BlastScreen) -> str:
    return str(screen.query_one("#path", Static).render()).strip()


async def test_blast_access_is_the_access_its_path_ends_with_and_the_path_line_follows_the_tab(
    demo_path,
):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        screen = await _blast_of(pilot, main, "pixmart-order-worker")
        reaches, reached = screen.reach["reaches"], screen.reach["reached"]

        # every row of both tables: an Access, led by the verb the shown path ends with
        for reach in [*reaches, *reached]:
            assert reach.access and reach.access[0] == reach.edges[-1], reach
        # a read is where a compromise stops: no path goes on past one
        assert not [r for r in reaches if "reads" in r.edges[:-1]]
        table = screen.query_one("#t-reaches", DataTable)
        for row, reach in enumerate(reaches[:20]):
            assert str(table.get_row_at(row)[3]).startswith(reach.access[0])

        table.move_cursor(row=3)
        await pilot.pause()
        assert main.model.name(reaches[3].node) in _path_line(screen)

        screen.query_one(TabbedContent).active = "reached"
        await pilot.pause()
        # the path line is the visible table's highlighted row's, not the other tab's
        shown = _path_line(screen)
        assert main.model.name(reached[0].node) in shown
        assert shown.endswith("pixmart-order-worker") or "pixmart-order-worker" in shown
        assert main.model.name(reaches[3].node) not in shown or reaches[3].node in reached[0].path

        screen.query_one(TabbedContent).active = "reaches"
        await pilot.pause()
        assert main.model.name(reaches[3].node) in _path_line(screen)


async def test_reached_by_leaves_out_the_function_reading_itself_through_its_role(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        g = main.model.g
        for name in ("pixmart-order-worker", "pixmart-payment-webhook"):
            screen = await _blast_of(pilot, main, name)
            target = screen.item
            own = {v for _, v, d in g.out_edges(target, data=True) if d.get("kind") == "assumes"}
            for reach in screen.reach["reached"]:
                assert reach.access, reach
                assert not (reach.node in own and reach.edges == ("reads",)), reach
            await pilot.press("escape")
            await pilot.pause()
