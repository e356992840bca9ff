"""Lists longer than a page: every row is reachable from the keyboard, and the counts say which
rows are in the table of how many match, after a sort or a filter too.

The snapshot is a synthetic account crawled by the real crawler (benchmarks/synthetic), with
more functions than a page (listview.PAGE) holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.synthetic.account import Sizes
from benchmarks.synthetic.synth import synthesize
from explorer.tui.listview import PAGE
from explorer.tui.widgets.node_list import NodeList
from tests.tui.conftest import SIZE, app_for, loaded

FUNCTIONS = PAGE + 60


@pytest.fixture(scope="module")
def long_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("long") / "long.sqlite"
    return synthesize(Sizes(functions=FUNCTIONS), out, workers=2).outcome.path


def _counts(node_list: NodeList) -> str:
    return str(node_list.query_one(".counts").render())


def _honest(node_list: NodeList) -> tuple[int, int, int]:
    """The range and total the counts line shows, checked against the table and the rows."""
    shown = node_list.shown
    assert shown is not None
    counts = _counts(node_list)
    found = re.match(r"([\d,]+)-([\d,]+) of ([\d,]+)", counts)
    assert found, counts
    first, last, matching = (int(g.replace(",", "")) for g in found.groups())
    assert node_list.table.row_count == last - first + 1 <= PAGE
    assert matching == shown.matching
    assert [r.item for r in shown.window] == [str(k.value) for k in node_list.table.rows]
    assert shown.rows[first - 1].item == str(
        node_list.table.coordinate_to_cell_key((0, 0))[0].value
    )
    return first, last, matching


async def test_end_and_home_reach_the_last_and_first_rows(long_path):
    async with app_for(long_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        functions = main.node_list("functions")
        functions.table.focus()
        everything = [r.item for r in functions.shown.rows]
        assert len(everything) == FUNCTIONS
        assert _counts(functions) == f"1-{PAGE} of {FUNCTIONS} (PgDn: more)"

        await pilot.press("end")
        await pilot.pause()

        assert functions.current == main.item == everything[-1]
        assert _honest(functions) == (PAGE + 1, FUNCTIONS, FUNCTIONS)
        assert _counts(functions).endswith("(PgUp: back)")

        await pilot.press("home")
        await pilot.pause()
        assert functions.current == main.item == everything[0]


async def test_the_cursor_keys_carry_on_past_a_page_edge(long_path):
    async with app_for(long_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        functions = main.node_list("functions")
        functions.table.focus()
        everything = [r.item for r in functions.shown.rows]
        functions.table.move_cursor(row=PAGE - 1)
        await pilot.pause()

        await pilot.press("down")
        await pilot.pause()
        assert functions.current == main.item == everything[PAGE]
        assert _honest(functions)[0] == PAGE + 1

        await pilot.press("up")
        await pilot.pause()
        assert functions.current == main.item == everything[PAGE - 1]
        assert _honest(functions)[:2] == (1, PAGE)

        for _ in range(FUNCTIONS):  # page down until it stops moving
            before = functions.current
            await pilot.press("pagedown")
            if functions.current == before:
                break
        assert functions.current == everything[-1]


async def test_sorting_and_filtering_keep_the_counts_honest(long_path):
    async with app_for(long_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        functions = main.node_list("functions")
        functions.table.focus()
        await pilot.press("end")
        await pilot.pause()
        chosen = functions.current

        for key in ("o", "O", "o"):  # sorted by another column, reversed, another again
            await pilot.press(key)
            await pilot.pause()
            first, last, matching = _honest(functions)
            assert matching == FUNCTIONS and functions.current == chosen
            assert first <= functions.shown.index(chosen) + 1 <= last

        functions.query_one("#filter").value = "us-east-1"
        await pilot.pause()
        shown = functions.shown
        assert 0 < shown.matching < FUNCTIONS
        assert all("us-east-1" in r.item for r in shown.rows)
        assert _counts(functions) == (
            f"{shown.matching} shown of {shown.matching} matching ({FUNCTIONS} in all)"
        )
        assert functions.table.row_count == shown.matching


async def test_the_findings_tab_reaches_its_last_finding(long_path):
    async with app_for(long_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("5")
        await pilot.pause()
        findings = main.node_list("findings")
        findings.table.focus()
        assert findings.shown.matching > PAGE

        await pilot.press("end")
        await pilot.pause()

        assert findings.current == findings.shown.rows[-1].item
        assert _honest(findings)[1:] == (findings.shown.matching, findings.shown.matching)
