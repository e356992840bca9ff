"""Every node and every finding renders: on the demo snapshot and on one full of hostile shapes.

One app run per snapshot: each item is shown through the real main screen (`go`), and every
line of its detail is rendered by the real DetailView to strips, so a lookup of an id that is
not a node, a bad shape or a raw control character fails the test wherever it hides. Chains,
blast radius, copy and export run on every finding's item too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.analysis.blast import blast_radius, reached_by
from explorer.tui.details import detail_lines
from explorer.tui.export import FORMATS, findings_view, render
from explorer.tui.screens.blast import BlastScreen
from explorer.tui.screens.chain import DOWN, UP, ChainScreen
from explorer.tui.screens.main import MainScreen
from explorer.tui.screens.statement import StatementScreen
from explorer.tui.view_model import FINDING_PREFIX
from explorer.tui.widgets.bars import Breadcrumb
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.helpers import detail, detail_text, model_of
from tests.tui.hostile_estate import META, UNCRAWLED_API, tables, write_hostile

RAW = {chr(c) for c in range(32)} | {"\x7f", "\x9b"}
"""Characters that must never reach the terminal from a view."""


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


def _render_detail(main: MainScreen) -> str:
    """Every line of the detail through the DetailView's own renderer, as text."""
    view = detail(main)
    style = view.get_visual_style("option-list--option")
    strips = [strip for option in view.options for strip in view._get_option_render(option, style)]
    return "".join(strip.text for strip in strips)


def _assert_clean(shown: str, item: str) -> None:
    leaked = RAW & set(shown.replace("\n", ""))
    assert not leaked, f"raw control characters {leaked!r} reach the terminal for {item!r}"


async def _show_every_item(pilot, main: MainScreen) -> list[str]:
    model = main.model
    items = [*model.g.nodes, *(f"{FINDING_PREFIX}{i}" for i in range(len(model.findings)))]
    for item in items:
        main.go(item, remember=False)
        assert main.item == item
        _assert_clean(_render_detail(main), item)
        for option in detail(main).options:
            if option.line.statement:
                role, refs = option.line.statement
                shown = StatementScreen(main.model, role, refs, option.line.copy or "")._lines()
                _assert_clean("".join(line.plain for line in shown), item)
        _assert_clean(main.query_one(Breadcrumb).render().plain, item)
    await pilot.pause()
    return items


def _chain_and_blast_lines(main: MainScreen, node: str) -> None:
    """The chain view's labels and the blast view's rows and paths for a node, built by the
    screens' own methods (pushing two screens per node would take minutes)."""
    model = main.model
    chain = ChainScreen(model, node)
    for direction in (UP, DOWN):
        for step, edge, via in chain._steps(node, direction):
            _assert_clean(chain._label(step, edge, direction, via).plain, node)
    blast = BlastScreen(model, node)
    for reach in [*blast_radius(model.g, node)[:50], *reached_by(model.g, node)[:50]]:
        cells = "".join(cell.plain for cell in blast._cells(reach))
        _assert_clean(cells + blast._path(reach).plain, node)


async def _press_chain_and_blast(pilot, main: MainScreen, item: str) -> None:
    """`c` then `b` on the item, through the keys; a view that opens is closed again."""
    main.go(item, remember=False)
    for key in ("c", "b"):
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not isinstance(pilot.app.screen, MainScreen):
            await pilot.press("escape")
    assert isinstance(pilot.app.screen, MainScreen)


def _odd_findings(main: MainScreen) -> list[str]:
    """Findings that name an id that is not a node."""
    model = main.model
    return [f"{FINDING_PREFIX}{i}" for i, f in enumerate(model.findings)
            if any(n not in model.g for n in (f.resource, *f.path))]  # fmt: skip


async def _every_detail_renders(path: Path) -> MainScreen:
    async with app_for(path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        assert main.model.findings_error is None
        await _show_every_item(pilot, main)
        for node in main.model.g:
            _chain_and_blast_lines(main, node)
        findings = [f"{FINDING_PREFIX}{i}" for i in range(len(main.model.findings))]
        for item in [findings[0], *_odd_findings(main)]:
            await _press_chain_and_blast(pilot, main, item)
        main.go(findings[0], remember=False)
        main.node_list("findings").table.focus()
        await pilot.press("y")
        view = findings_view(main.model, findings)
        for fmt in FORMATS:
            _assert_clean(render(view, main.model, fmt), fmt)
        await pilot.pause()
        return main


async def test_every_node_and_finding_of_the_demo_renders(demo_path):
    await _every_detail_renders(demo_path)


async def test_every_node_and_finding_of_a_hostile_snapshot_renders(hostile_path):
    await _every_detail_renders(hostile_path)


def test_every_detail_of_the_hostile_estate_with_its_credential_columns_is_clean():
    # the file holds users' credential columns only once its format declares them: here the
    # estate is held in memory with all of them (hostile keys, dates, statuses)
    model, _ = model_of(tables(), META)

    for item in [*model.g.nodes, *(f"{FINDING_PREFIX}{i}" for i in range(len(model.findings)))]:
        _assert_clean("".join(line.content.plain for line in detail_lines(model, item)), item)


async def test_the_demo_stage_finding_opens_from_the_findings_tab(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("5", "ctrl+f", *"access logging", "enter")

        await pilot.press("enter")
        await pilot.pause()

        assert "no access logging" in detail_text(main)
        assert main.item.startswith(FINDING_PREFIX)


async def test_an_id_that_is_not_a_node_is_shown_as_text(hostile_path):
    async with app_for(hostile_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        [stage] = [
            i
            for i, f in enumerate(main.model.findings)
            if UNCRAWLED_API in f.resource and f.rule == "no-api-access-logging"
        ]
        main.go(f"{FINDING_PREFIX}{stage}", remember=False)

        shown = detail_text(main)

        assert f"{UNCRAWLED_API}/stages/prod  (not in the graph)" in shown
        assert not [o for o in detail(main).options if o.line.target == f"{UNCRAWLED_API}"]


async def test_a_huge_name_leaves_the_other_columns_in_view(hostile_path):
    async with app_for(hostile_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)

        await pilot.press("5")

        table = main.node_list("findings").table
        widths = [column.get_render_width(table) for column in table.ordered_columns]
        assert sum(widths[:3]) < main.node_list("findings").size.width  # Title is in view


async def test_a_narrowed_input_says_from_where_only_in_the_function_and_queue(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        [worker] = [n for n, d in main.model.g.nodes(data=True)
                    if d.get("name") == "pixmart-order-worker"]  # fmt: skip
        main.go(worker, remember=False)
        await pilot.pause()

        shown = detail_text(main)

        assert "anonymous, only from 203.0.113.7/32 from internet via pixmart-orders" in shown
        assert (
            "exposed to internet ‹anonymous›  origin  anonymous, only from 203.0.113.7/32" in shown
        )


async def test_the_every_function_hub_reads_once_as_who_stands_behind_it(demo_path):
    async with app_for(demo_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        [worker] = [n for n, d in main.model.g.nodes(data=True)
                    if d.get("name") == "pixmart-order-worker"]  # fmt: skip
        main.go(worker, remember=False)
        await pilot.press("c")
        await pilot.pause()
        up, down = pilot.app.screen.query_one("#chain").root.children

        labels = [c.label.plain for c in up.children]
        hub = [label for label in labels if "every function" in label]

        assert len(hub) == 1 and "principals may invoke every function" in hub[0]
        assert any("via role pixmart-order-worker-role" in c.label.plain for c in down.children)
