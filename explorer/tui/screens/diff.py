"""`d`: what changed between an older snapshot and the open one: nodes, edges, findings, inputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label

from explorer.safetext import safe
from explorer.tui import text
from explorer.tui.loader import describe_failure, load_all
from explorer.tui.view_model import Model
from explorer.tui.widgets.keys_footer import KeysFooter
from explorer.tui.widgets.literal_tree import LiteralTree

SECTIONS = ("nodes", "edges", "findings", "inputs")
SHOWN = 500
"""Entries listed per section; the section label says how many there are."""


def describe(
    entry: dict[str, Any], section: str, name: Callable[[str], str]
) -> tuple[str, str | None]:
    """A line for one diff entry and the node it is about (to go there); `name` turns ids
    into names where the open snapshot knows them."""
    if section == "nodes":
        return f"{entry.get('kind')}  {entry.get('name') or entry.get('node')}", entry.get("node")
    if section == "edges":
        line = f"{name(entry['from'])} -{entry['kind']}-> {name(entry['to'])}"
        return line + (" (conditional)" if entry.get("conditional") else ""), entry.get("from")
    if section == "findings":
        return f"{entry.get('severity')}  {entry.get('title')}", entry.get("resource")
    line = f"{entry.get('trust')} from {name(entry['origin'])} -> {name(entry['function'])}"
    return line, entry.get("function")


class DiffScreen(Screen[str | None]):
    """Added / removed / changed, each by section; Enter goes to the node an entry is about."""

    DEFAULT_CSS = """
    DiffScreen .title { padding: 0 1; background: $primary 40%; width: 1fr; }
    DiffScreen Tree { height: 1fr; }
    """
    """A title strip over the tree."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("e", "export", "Export")]
    """Enter goes to the entry's node; e exports the diff; Escape closes."""

    def __init__(self, model: Model, older: Path) -> None:
        super().__init__()
        self.model, self.older = model, older
        self.diff: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title("comparing…"), classes="title")
            yield LiteralTree(Content("changes"), id="diff")
        yield KeysFooter()

    def _title(self, note: str) -> Content:
        return text.join([("Diff ", "bold"), text.literal(self.older.name), (" → ", "bold"),
                          text.literal(self.model.path.name), "  ", (note, text.DIM)])  # fmt: skip

    def on_mount(self) -> None:
        self._compute()

    @work(thread=True, exclusive=True, exit_on_error=False, description="diff")
    def _compute(self) -> None:
        try:
            from explorer.analysis.diff import diff_analyses
        except ImportError:
            self.app.call_from_thread(self._failed, "the diff module is not installed yet.")
            return
        try:
            old, _, _ = load_all(self.older)
            result = diff_analyses(old.analysis, self.model.analysis)
        except Exception as exc:
            self.app.call_from_thread(self._failed, describe_failure(exc))
            return
        self.app.call_from_thread(self._show, result)

    def _failed(self, reason: str) -> None:
        self.query_one(".title", Label).update(self._title(f"failed: {safe(reason)}"))
        self.notify(safe(reason), title="Diff failed", severity="error", markup=False)

    def _show(self, diff: dict[str, Any]) -> None:
        self.diff = diff
        tree = self.query_one(LiteralTree)
        tree.auto_expand = False
        for change in ("added", "removed", "changed"):
            sections = diff.get(change, {})
            total = sum(len(sections.get(s, [])) for s in SECTIONS)
            branch = tree.root.add(Content.styled(f"{change} ({total})", "bold"), expand=True)
            for section in SECTIONS:
                self._section(branch, section, sections.get(section, []))
        tree.root.expand()
        self.query_one(".title", Label).update(self._title("Enter: go to · Esc: close"))
        tree.focus()

    def _section(self, branch: Any, section: str, entries: list[dict[str, Any]]) -> None:
        node = branch.add(Content(f"{section} ({len(entries)})"), expand=bool(entries))
        for entry in entries[:SHOWN]:
            line, target = describe(entry, section, self.model.name)
            node.add_leaf(text.literal(line), target)
        if len(entries) > SHOWN:
            node.add_leaf(Content.styled(f"… {len(entries) - SHOWN} more (export: e)", text.DIM))

    @on(LiteralTree.NodeSelected)
    def _selected(self, event: LiteralTree.NodeSelected) -> None:
        target = event.node.data
        if isinstance(target, str):
            if target in self.model.g:
                self.dismiss(target)
            else:
                self.notify("that node is gone from the open snapshot", timeout=3)
        else:
            event.node.toggle()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        from explorer.tui.export import diff_view
        from explorer.tui.screens.export import ExportScreen

        if self.diff is not None:
            view = diff_view(self.diff, self.older, self.model.path)
            self.app.push_screen(ExportScreen(self.model, view))
