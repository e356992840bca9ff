"""SVG snapshots of the main views on the hand-built snapshot, which has one of each thing the
app shows (`test_svg_demo.py` takes the demo's). Update with `--snapshot-update` after review."""

from __future__ import annotations

from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import fn, role
from tests.tui.principal_estate import BUCKET


def _at(item: str | None = None, *keys: str):
    async def run_before(pilot) -> None:
        main = await loaded(pilot)
        if item:
            main.go(item, remember=False)
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)

    return run_before


def test_functions_list_and_detail(snap_compare, mini_path):
    assert snap_compare(app_for(mini_path), terminal_size=SIZE, run_before=_at())


def test_function_detail_focused(snap_compare, mini_path):
    run = _at(fn("shop-api"), "enter")
    assert snap_compare(app_for(mini_path), terminal_size=SIZE, run_before=run)


def test_chain_view(snap_compare, mini_path):
    run = _at(fn("shop-api"), "c", "down", "down", "down", "down", "space")
    assert snap_compare(app_for(mini_path), terminal_size=SIZE, run_before=run)


def test_blast_radius_view(snap_compare, mini_path):
    run = _at(fn("shop-api"), "b")
    assert snap_compare(app_for(mini_path), terminal_size=SIZE, run_before=run)


def test_findings_tab(snap_compare, mini_path):
    assert snap_compare(app_for(mini_path), terminal_size=SIZE, run_before=_at(None, "5"))


def test_search(snap_compare, mini_path):
    run = _at(None, "slash", *"order")
    assert snap_compare(app_for(mini_path), terminal_size=SIZE, run_before=run)


def test_principals_tab_and_an_admin_roles_detail(snap_compare, principals_path):
    run = _at(role("admin-role"), "4")
    assert snap_compare(app_for(principals_path), terminal_size=SIZE, run_before=run)


def test_who_can_on_a_bucket(snap_compare, principals_path):
    run = _at(BUCKET)
    assert snap_compare(app_for(principals_path), terminal_size=SIZE, run_before=run)
