"""The remaining keys: copy, export, help, snapshot picker, diff, quit, and the footer."""

from __future__ import annotations

import html
import json
import shutil

import pytest
from textual.widgets import DataTable, Input, RadioSet

from explorer.tui.screens.diff import DiffScreen
from explorer.tui.screens.export import ExportScreen
from explorer.tui.screens.help import HelpScreen
from explorer.tui.screens.snapshots import SnapshotPicker
from explorer.tui.widgets.literal_tree import LiteralTree
from tests.tui.conftest import SIZE, app_for, loaded
from tests.tui.estate import QUEUE, TABLE, fn
from tests.tui.helpers import detail, line_index


def _messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_y_copies_the_selected_arn_and_says_so(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.node_list("functions").select(fn("shop-api"))
        main.node_list("functions").table.focus()

        await pilot.press("y")

        assert pilot.app.clipboard == fn("shop-api")
        assert any(fn("shop-api") in m for m in _messages(pilot.app))


async def test_y_on_a_link_in_the_detail_copies_its_target(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("order-worker"), remember=False)
        detail(main).focus()
        detail(main).highlighted = line_index(main, target=QUEUE)

        await pilot.press("y")

        assert pilot.app.clipboard == QUEUE


async def test_y_on_an_environment_variable_copies_only_its_name(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        detail(main).focus()
        detail(main).highlighted = line_index(main, contains="DB_PASSWORD  [redacted")

        await pilot.press("y")

        assert pilot.app.clipboard == "DB_PASSWORD"
        assert any("values are never copied" in m for m in _messages(pilot.app))


async def test_y_says_why_it_copied_nothing(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        detail(main).focus()
        detail(main).highlighted = line_index(main, contains="Configuration")

        await pilot.press("y")

        assert pilot.app.clipboard == ""
        assert any("nothing to copy" in m for m in _messages(pilot.app))


async def test_e_exports_the_current_view_in_each_format(mini_path, tmp_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("shop-api"), remember=False)
        written = {}
        for index, fmt in enumerate(("json", "dot", "mermaid")):
            await pilot.press("e")
            screen = pilot.app.screen
            assert isinstance(screen, ExportScreen)
            screen.query_one(RadioSet).query("RadioButton")[index].value = True
            await pilot.pause()
            screen.query_one(Input).value = str(tmp_path / f"out-{fmt}")
            await pilot.press("enter")
            await pilot.pause()
            written[fmt] = (tmp_path / f"out-{fmt}").read_text()

        doc = json.loads(written["json"])
        assert doc["node"] == fn("shop-api") and doc["upstream"][0]["trust"][0] == "anonymous"
        assert written["dot"].startswith("digraph") and "anonymous" in written["dot"]
        assert written["mermaid"].startswith("flowchart LR")


async def test_e_reports_a_file_it_cannot_write(mini_path, tmp_path):
    async with app_for(mini_path).run_test(size=SIZE, notifications=True) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        target = tmp_path / "missing [/] dir" / "x.json"  # markup once crashed the notice
        pilot.app.screen.query_one(Input).value = str(target)

        await pilot.press("enter")
        await pilot.pause(0.3)

        assert isinstance(pilot.app.screen, ExportScreen)
        assert any("could not write" in m for m in _messages(pilot.app))
        shown = html.unescape(pilot.app.export_screenshot()).replace("\xa0", " ")
        assert "could not write" in shown and "missing [/] dir" in shown


async def test_question_mark_lists_every_key_and_filters_as_you_type(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await loaded(pilot)

        await pilot.press("question_mark")
        screen = pilot.app.screen
        assert isinstance(screen, HelpScreen)
        everything = screen.query_one(DataTable).row_count
        await pilot.press(*"blast")

        assert everything > 30
        assert 0 < screen.query_one(DataTable).row_count < everything


async def test_s_opens_another_snapshot_from_the_cache(mini_path, demo_path, tmp_path):
    shutil.copy(mini_path, tmp_path / "a-mini.sqlite")
    shutil.copy(demo_path, tmp_path / "b-demo.sqlite")
    (tmp_path / "c-broken.sqlite").write_bytes(b"not a database")
    async with app_for(tmp_path / "a-mini.sqlite", tmp_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot, findings=False)

        await pilot.press("s")
        picker = pilot.app.screen
        assert isinstance(picker, SnapshotPicker)
        names = [i.path.name for i in picker.infos]
        table = picker.query_one(DataTable)
        assert table.cursor_row == names.index("a-mini.sqlite")  # starts on the open one
        assert "(open)" in str(table.get_row_at(table.cursor_row)[0])
        table.move_cursor(row=names.index("c-broken.sqlite"))
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, SnapshotPicker)  # unusable: says why, stays
        picker.query_one(DataTable).move_cursor(row=names.index("b-demo.sqlite"))
        await pilot.press("enter")
        main = await loaded(pilot, findings=False)

        assert main.model.path.name == "b-demo.sqlite"
        crawled = main.model.analysis.estate.rows("functions")
        assert len(main.node_list("functions").shown.rows) == len(crawled) >= 20


async def test_d_diffs_against_an_older_snapshot(mini_path, demo_path, tmp_path):
    shutil.copy(mini_path, tmp_path / "mini.sqlite")
    shutil.copy(demo_path, tmp_path / "demo.sqlite")
    async with app_for(tmp_path / "mini.sqlite", tmp_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("d")
        picker = pilot.app.screen
        names = [i.path.name for i in picker.infos]
        picker.query_one(DataTable).move_cursor(row=names.index("demo.sqlite"))
        await pilot.press("enter")
        screen = pilot.app.screen
        assert isinstance(screen, DiffScreen)
        for _ in range(200):
            if screen.diff is not None:
                break
            await pilot.pause(0.1)

        tree = screen.query_one(LiteralTree)
        labels = [str(node.label) for node in tree.root.children]
        assert labels[0].startswith("added (") and labels[1].startswith("removed (")
        added_nodes = {e["node"] for e in screen.diff["added"]["nodes"]}
        assert fn("shop-api") in added_nodes and main.model is not None
        await pilot.press("e")  # the diff view exports itself
        pilot.app.screen.query_one(Input).value = str(tmp_path / "diff.json")
        await pilot.press("enter")
        await pilot.pause()
        exported = json.loads((tmp_path / "diff.json").read_text())
        assert fn("shop-api") in {e["node"] for e in exported["added"]["nodes"]}


async def test_footer_shows_the_keys_of_the_focused_widget(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.node_list("functions").table.focus()
        await pilot.pause()
        list_keys = set(main.active_bindings)
        detail(main).focus()
        await pilot.pause()
        detail_keys = set(main.active_bindings)

        assert {"o", "p", "slash", "backspace", "q"} <= list_keys
        assert "o" not in detail_keys and "enter" in detail_keys


async def test_q_quits(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await loaded(pilot, findings=False)

        await pilot.press("q")
        await pilot.pause()

        assert pilot.app._exit


async def test_y_on_a_finding_copies_its_resources_arn(mini_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        await pilot.press("5")
        finding = main.model.finding(main.node_list("findings").current)

        await pilot.press("y")

        assert pilot.app.clipboard == finding.resource
        assert any("the ARN of the finding's resource" in m for m in _messages(pilot.app))


@pytest.mark.parametrize(("key", "view", "field"), [("c", "chains", "downstream"),
                                                     ("b", "blast", "reachable")])  # fmt: skip
async def test_e_in_a_view_exports_that_view(mini_path, tmp_path, key, view, field):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        main = await loaded(pilot)
        main.go(fn("order-worker"), remember=False)
        await pilot.press(key)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

        await pilot.press("e")
        screen = pilot.app.screen
        assert isinstance(screen, ExportScreen) and screen.view.name == f"{view}-order-worker"
        screen.query_one(Input).value = str(tmp_path / "out.json")
        await pilot.press("enter")
        await pilot.pause()

        doc = json.loads((tmp_path / "out.json").read_text())
        assert doc["node"] == fn("order-worker")
        assert TABLE in {hop for entry in doc[field] for hop in entry["path"]}


async def test_enter_on_the_format_buttons_writes_the_picked_format(mini_path, tmp_path):
    async with app_for(mini_path).run_test(size=SIZE) as pilot:
        await loaded(pilot)
        await pilot.press("e")
        screen = pilot.app.screen
        screen.query_one(Input).value = str(tmp_path / "view.dot")
        screen.query_one(RadioSet).query("RadioButton")[1].value = True  # DOT
        await pilot.pause()
        screen.query_one(Input).value = str(tmp_path / "view.dot")
        screen.query_one(RadioSet).focus()

        await pilot.press("enter")
        await pilot.pause()

        assert not isinstance(pilot.app.screen, ExportScreen)
        assert (tmp_path / "view.dot").read_text().startswith("digraph")
