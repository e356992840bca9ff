"""Issue 15: an escalation finding's path says how each hop is taken, and the blast radius's
Access column, path line and Reached-by rows agree with one another (on the demo snapshot)."""

from __future__ import annotations

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
