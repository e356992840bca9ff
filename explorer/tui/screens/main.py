"""The main screen: list tabs on the left, the selected item's detail on the right.

It owns navigation (links, Backspace, breadcrumb) and the loading workers; every other view is
a screen pushed on top that reports back with `go()`.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane
from textual.worker import Worker, WorkerState, get_current_worker

from explorer.safetext import safe
from explorer.tui.coverage import not_read
from explorer.tui.history import History, Place
from explorer.tui.lists import ListData
from explorer.tui.loader import (
    STEPS,
    analyse,
    compute_findings,
    describe_failure,
    meta_line,
    open_checked,
    prepare,
    preview_functions,
    resolve_path,
)
from explorer.tui.messages import (
    FindingsComputed,
    FindingsFailed,
    FunctionsPreviewed,
    ItemHighlighted,
    ItemOpened,
    LinkFollowed,
    LoadProgressed,
    SnapshotFailed,
    SnapshotLoaded,
)
from explorer.tui.screens.open_views_mixin import ViewActions
from explorer.tui.view_model import TABS, Model, tab_of
from explorer.tui.widgets.bars import Breadcrumb, CoverageBar, LoadingPanel, TitleBar
from explorer.tui.widgets.detail_view import DetailView
from explorer.tui.widgets.keys_footer import KeysFooter
from explorer.tui.widgets.node_list import NodeList

TAB_TITLES = {"functions": "Functions", "entries": "Entry points", "resources": "Resources",
              "principals": "Principals", "findings": "Findings"}  # fmt: skip


def _empty(tab: str) -> ListData:
    from explorer.tui.lists import Column

    return ListData(tab, (Column("Name"),), (), pending=True)


class MainScreen(ViewActions, Screen):
    """Lists and detail; `go(item)` is the one way to navigate."""

    DEFAULT_CSS = """
    MainScreen #body { height: 1fr; }
    MainScreen #left { width: 45%; min-width: 40; }
    MainScreen #right { width: 1fr; border-left: tall $primary 50%; }
    MainScreen TabbedContent { height: 1fr; }
    MainScreen TabPane { padding: 0; }
    """
    """Lists take a bit under half the width; the detail the rest."""

    BINDINGS = [
        Binding(
            "slash", "search", "Search", tooltip="fuzzy search over every node by name and ARN"
        ),
        Binding(
            "backspace",
            "back",
            "Back",
            tooltip="go back; restores the list filter, sort and cursor",
        ),
        Binding(
            "c", "chain", "Chains", tooltip="chain view: what flows into and out of the selection"
        ),
        Binding(
            "b",
            "blast",
            "Blast",
            tooltip="blast radius: what the selection reaches, and who reaches it",
        ),
        Binding(
            "f", "findings_filter", "Findings", tooltip="findings by severity and OWASP category"
        ),
        Binding(
            "y", "copy", "Copy", tooltip="copy the selected name or ARN (never a secret value)"
        ),
        Binding("e", "export", "Export", tooltip="export the current view as JSON, DOT or Mermaid"),
        Binding("s", "snapshots", "Open", tooltip="open another snapshot from the cache folder"),
        Binding("d", "diff", "Diff", tooltip="diff against an older snapshot"),
        Binding(
            "g",
            "gaps",
            "Coverage gaps",
            show=False,
            tooltip="the API calls the crawl could not make",
        ),
        Binding("1", "tab('functions')", "Functions", show=False),
        Binding("2", "tab('entries')", "Entry points", show=False),
        Binding("3", "tab('resources')", "Resources", show=False),
        Binding(
            "4",
            "tab('principals')",
            "Principals",
            show=False,
            tooltip="Principals tab: users (keys, password), groups and roles; who escalates",
        ),
        Binding("5", "tab('findings')", "Findings", show=False),
    ]
    """Screen-wide keys; list and detail keys live on those widgets (the footer shows both)."""

    def __init__(self, snapshot_path: Path | None, cache_dir: Path) -> None:
        super().__init__()
        self.snapshot_path, self.cache_dir = snapshot_path, cache_dir
        self.model: Model | None = None
        self.history = History()
        self.item: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar("Serverless Chain Explorer", id="title")
        yield Breadcrumb("", id="breadcrumb")
        yield CoverageBar("", id="coverage")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield LoadingPanel(id="loading")
                with TabbedContent(id="tabs"):
                    for tab in TABS:
                        with TabPane(TAB_TITLES[tab], id=f"tab-{tab}"):
                            yield NodeList(_empty(tab), id=f"list-{tab}")
            with Vertical(id="right"):
                yield DetailView(id="detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.node_list("functions").table.focus()
        self.load(self.snapshot_path)

    # -- loading ---------------------------------------------------------------------------

    def load(self, path: Path | None) -> None:
        """Open a snapshot in a worker; the screen stays usable meanwhile."""
        self.model, self.item = None, None
        self.history.clear()
        loading = self.query_one(LoadingPanel)
        loading.remove_class("-failed")
        loading.display = True
        self._load(path)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load")
    def _load(self, path: Path | None) -> None:
        worker, started, total = get_current_worker(), time.perf_counter(), len(STEPS)

        def report(step: str, done: int, steps: int) -> None:
            self.post_message(LoadProgressed(step, done, steps))

        try:
            report(STEPS[0], 0, total)
            real = resolve_path(path, self.cache_dir)
            snapshot = open_checked(real)
            try:
                report(STEPS[1], 1, total)
                self.post_message(
                    FunctionsPreviewed(real, snapshot.meta, preview_functions(snapshot))
                )
            except BaseException:
                snapshot.close()
                raise
            analysis = analyse(snapshot, report)  # owns the snapshot from here
            if worker.is_cancelled:
                analysis.estate.close()
            else:
                model, lists = prepare(real, analysis, report)
                self.post_message(SnapshotLoaded(model, lists, time.perf_counter() - started))
        except Exception as exc:  # one sentence on screen, never a traceback
            self.post_message(SnapshotFailed(path, describe_failure(exc)))

    @work(
        thread=True, exclusive=True, group="findings", exit_on_error=False, description="findings"
    )
    def _findings(self, model: Model, lists: dict[str, ListData]) -> None:
        try:
            lists = compute_findings(model, lists)
        except Exception as exc:
            self.post_message(FindingsFailed(model, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(FindingsComputed(model, lists))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one handler for worker errors the workers did not turn into messages."""
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            message = safe(f"{event.worker.group} failed: {error}")
            self.notify(message, severity="error", timeout=10, markup=False)

    def on_load_progressed(self, message: LoadProgressed) -> None:
        self.query_one(LoadingPanel).progress(message.step, message.done, message.total)

    def on_functions_previewed(self, message: FunctionsPreviewed) -> None:
        self._show_title(message.meta, message.path)
        self.node_list("functions").set_data(message.functions)

    def on_snapshot_failed(self, message: SnapshotFailed) -> None:
        self.query_one(LoadingPanel).fail(message.reason)
        self.query_one(DetailView).show(None, [])
        self.notify(safe(message.reason), title="Snapshot not opened", severity="error", timeout=15,
                    markup=False)  # fmt: skip

    def on_snapshot_loaded(self, message: SnapshotLoaded) -> None:
        self.model = message.model
        self.query_one(LoadingPanel).display = False
        self._show_title(self.model.meta, self.model.path)
        self._set_lists(message.lists)
        self._update_coverage("findings: computing…")
        current = self.node_list(self.active_tab).current
        self._show(current)
        self._findings(self.model, message.lists)

    def on_findings_computed(self, message: FindingsComputed) -> None:
        if message.model is not self.model:
            return
        self._set_lists(message.lists)
        count = len(message.model.findings or [])
        self._update_coverage(f"{count:,} findings")
        self._refresh_detail()

    def on_findings_failed(self, message: FindingsFailed) -> None:
        if message.model is self.model:
            message.model.findings_error = f"findings unavailable: {message.reason}"
            self._update_coverage(message.model.findings_error)
            self._refresh_detail()

    def _show_title(self, meta: dict, path: Path) -> None:
        secrets = meta.get("secret_values_kept") is True
        self.query_one(TitleBar).show(meta_line(meta, path), secrets=secrets)

    def _set_lists(self, lists: dict[str, ListData]) -> None:
        active = self.active_tab
        for tab, data in lists.items():
            self.node_list(tab).set_data(data, draw=tab == active)
        for tab in TABS:
            pane = self.query_one(TabbedContent).get_tab(f"tab-{tab}")
            pane.label = f"{TAB_TITLES[tab]} {len(lists[tab].rows):,}"

    def _update_coverage(self, findings: str) -> None:
        if self.model:
            meta = self.model.meta
            bar = self.query_one(CoverageBar)
            bar.show(self.model.errors, bool(meta.get("partial")), findings, not_read(meta))

    # -- navigation ------------------------------------------------------------------------

    @property
    def active_tab(self) -> str:
        return (self.query_one(TabbedContent).active or "tab-functions").removeprefix("tab-")

    def node_list(self, tab: str) -> NodeList:
        return self.query_one(f"#list-{tab}", NodeList)

    def _place(self) -> Place:
        tab = self.active_tab
        return Place(
            tab, self.node_list(tab).state, self.item, self.query_one(DetailView).highlighted
        )

    def go(self, item: str, remember: bool = True) -> None:
        """Show `item`: its tab and row when it has one, its detail always; remember the way."""
        if self.model is None or not self.model.exists(item):
            self.notify("that item is not in this snapshot", severity="warning")
            return
        if remember and item != self.item:
            self.history.push(self._place())
        tab = tab_of(self.model, item)
        if tab:
            self.query_one(TabbedContent).active = f"tab-{tab}"
            self.node_list(tab).select(item)
        self._show(item)

    def action_focus_list(self) -> None:
        """Focus the open tab's list (Esc in the detail)."""
        self.node_list(self.active_tab).table.focus()

    def action_back(self) -> None:
        place = self.history.pop()
        if place is None:
            self.notify("nothing to go back to: this is where you started", timeout=3)
            return
        self.query_one(TabbedContent).active = f"tab-{place.tab}"
        self.node_list(place.tab).restore(place.state)
        self._show(place.item, keep_line=place.line)

    def _show(self, item: str | None, keep_line: int | None = None) -> None:
        from explorer.tui.details import detail_lines  # loaded by the worker (see prepare)

        self.item = item
        lines = detail_lines(self.model, item) if self.model and item else []
        self.query_one(DetailView).show(item, lines, keep_line)
        names = [self.model.name(i) if self.model and i else "-" for i in self.history.items()]
        current = self.model.name(item) if self.model and item else None
        self.query_one(Breadcrumb).show(names, current)

    def _refresh_detail(self) -> None:
        if self.item:
            self._show(self.item, keep_line=self.query_one(DetailView).highlighted)

    def on_item_highlighted(self, message: ItemHighlighted) -> None:
        if self.model and message.item != self.item:
            self._show(message.item)

    def on_item_opened(self, message: ItemOpened) -> None:
        if self.model:
            if message.item != self.item:
                self._show(message.item)
            self.query_one(DetailView).focus()

    def on_link_followed(self, message: LinkFollowed) -> None:
        self.go(message.item)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        tab = (event.pane.id or "").removeprefix("tab-")
        if tab in TABS:
            self.node_list(tab).freshen()
        current = self.node_list(tab).current if tab in TABS else None
        if self.model and current and current != self.item:
            self._show(current)

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{tab}"
        self.node_list(tab).freshen()
        self.node_list(tab).table.focus()
