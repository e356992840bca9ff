"""The main screen's keys that open views on top of it: search, chains, blast radius, findings
filter, statements, coverage gaps, copy, export, snapshot picker and diff."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.widgets import TabbedContent

from explorer.safetext import safe
from explorer.tui.listview import ListState
from explorer.tui.messages import StatementRequested
from explorer.tui.view_model import FINDINGS, Model

if TYPE_CHECKING:
    from explorer.tui.history import History, Place
    from explorer.tui.widgets.node_list import NodeList


class ViewActions:
    """Mixed into MainScreen: each action checks there is something to show, then pushes the
    view; views that pick an item report it back to `go()`."""

    model: Model | None
    item: str | None
    history: History
    cache_dir: Path
    snapshot_path: Path | None

    if TYPE_CHECKING:
        app: Any
        active_tab: str

        def notify(self, *args: Any, **kwargs: Any) -> None: ...
        def query_one(self, *args: Any) -> Any: ...
        def node_list(self, tab: str) -> NodeList: ...
        def go(self, item: str, remember: bool = True) -> None: ...
        def load(self, path: Path | None) -> None: ...
        def _place(self) -> Place: ...
        def _show(self, item: str | None, keep_line: int | None = None) -> None: ...

    def _need_model(self) -> Model | None:
        if self.model is None:
            self.notify("the snapshot is still loading (or could not be opened)", timeout=3)
        return self.model

    def _need_item(self) -> str | None:
        if self._need_model() and not self.item:
            self.notify("select something first", timeout=3)
        return self.item if self.model else None

    def _need_node(self) -> str | None:
        """The selected node of the graph (for a finding, the node showing it), or None with
        a note saying why there is none."""
        item, model = self._need_item(), self.model
        if not item or model is None:
            return None
        finding = model.finding(item)
        node = model.carriers(finding)[0] if finding is not None else item
        if node not in model.g:
            self.notify(f"{safe(node)} is not in the graph: it has no chains or blast radius",
                        severity="warning", timeout=4, markup=False)  # fmt: skip
            return None
        return node

    def action_search(self) -> None:
        from explorer.tui.screens.search import SearchScreen

        if model := self._need_model():
            self.app.push_screen(SearchScreen(model), self._jump)

    def _jump(self, item: str | None) -> None:
        if item:
            self.go(item)

    def action_chain(self) -> None:
        from explorer.tui.screens.chain import ChainScreen

        if (node := self._need_node()) and self.model:
            self.app.push_screen(ChainScreen(self.model, node), self._jump)

    def action_blast(self) -> None:
        from explorer.tui.screens.blast import BlastScreen

        if (node := self._need_node()) and self.model:
            self.app.push_screen(BlastScreen(self.model, node), self._jump)

    def action_findings_filter(self) -> None:
        from explorer.tui.screens.findings_filter import FindingsFilterScreen

        if (model := self._need_model()) and model.findings is None:
            self.notify("findings are still being computed", timeout=3)
        elif model:
            state = self.node_list(FINDINGS).state
            self.app.push_screen(FindingsFilterScreen(model, state), self._filter_findings)

    def _filter_findings(self, state: ListState | None) -> None:
        if state is not None:
            self.history.push(self._place())
            self.query_one(TabbedContent).active = f"tab-{FINDINGS}"
            self.node_list(FINDINGS).restore(state)
            self.node_list(FINDINGS).table.focus()
            self._show(self.node_list(FINDINGS).current)

    def on_statement_requested(self, message: StatementRequested) -> None:
        from explorer.tui.screens.statement import StatementScreen

        if self.model:
            self.app.push_screen(StatementScreen(self.model, message.role, message.refs,
                                                 message.action))  # fmt: skip

    def action_gaps(self) -> None:
        from explorer.tui.screens.gaps import GapsScreen

        if model := self._need_model():
            self.app.push_screen(GapsScreen(model))

    def action_copy(self) -> None:
        from explorer.tui.copying import copy_focused

        copy_focused(self)

    def action_export(self) -> None:
        from explorer.tui.screens.export import ExportScreen

        if model := self._need_model():
            self.app.push_screen(ExportScreen(model, self.export_view()))

    def export_view(self):
        from explorer.tui.export import main_view

        return main_view(self.model, self.item, self.active_tab, self.node_list(self.active_tab))

    def action_snapshots(self) -> None:
        from explorer.tui.screens.snapshots import SnapshotPicker

        picker = SnapshotPicker(self.cache_dir, "Open a snapshot", self._open_path())
        self.app.push_screen(picker, self._open)

    def _open_path(self) -> Path | None:
        """The snapshot on screen (the newest one when none was named)."""
        return self.model.path if self.model else self.snapshot_path

    def _open(self, path: Path | None) -> None:
        if path is not None:
            self.snapshot_path = path
            self.load(path)

    def action_diff(self) -> None:
        from explorer.tui.screens.snapshots import SnapshotPicker

        if self._need_model():
            title = "Diff: pick the OLDER snapshot to compare with"
            picker = SnapshotPicker(self.cache_dir, title, self._open_path())
            self.app.push_screen(picker, self._diff)

    def _diff(self, path: Path | None) -> None:
        from explorer.tui.screens.diff import DiffScreen

        if path is not None and self.model:
            self.app.push_screen(DiffScreen(self.model, path), self._jump)
