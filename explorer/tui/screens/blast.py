"""`b`: the blast radius of the selection (what it reaches if compromised) and who reaches it."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static, TabbedContent, TabPane

from explorer.analysis.blast import Reach, blast_radius, reached_by
from explorer.safetext import safe
from explorer.tui import text
from explorer.tui.details.common import fold, hop_labels
from explorer.tui.trust import hop_trusts
from explorer.tui.view_model import Model
from explorer.tui.widgets.keys_footer import KeysFooter

SHOWN = 500
"""Rows shown per table (nearest first); the title says how many there are in all."""


class BlastScreen(Screen[str | None]):
    """Two tables, reaches and reached-by, with the highlighted row's path under them."""

    DEFAULT_CSS = """
    BlastScreen .title { padding: 0 1; background: $primary 40%; width: 1fr; }
    BlastScreen TabbedContent { height: 1fr; }
    BlastScreen #path { height: auto; max-height: 8; padding: 0 1; border-top: solid $primary; }
    """
    """Tables above, the explaining path below."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("e", "export", "Export"),
    ]
    """Enter on a row goes to that node's detail."""

    def __init__(self, model: Model, item: str) -> None:
        super().__init__()
        self.model, self.item = model, item
        self.reach: dict[str, list[Reach]] = {"reaches": [], "reached": []}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title("computing…"), classes="title")
            with TabbedContent():
                with TabPane("Reaches", id="reaches"):
                    yield DataTable(cursor_type="row", id="t-reaches")
                with TabPane("Reached by", id="reached"):
                    yield DataTable(cursor_type="row", id="t-reached")
            yield Static("", id="path")
        yield KeysFooter()

    def _title(self, note: str) -> Content:
        return text.join([("Blast radius of ", "bold"), text.literal(self.model.name(self.item)),
                          "  ", (note, text.DIM)])  # fmt: skip

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_columns("Kind", "Name", "Trust", "Access", "Hops")
        self._compute()

    @work(thread=True, exclusive=True, exit_on_error=False, description="blast radius")
    def _compute(self) -> None:
        reaches = blast_radius(self.model.g, self.item)
        reached = reached_by(self.model.g, self.item)
        self.app.call_from_thread(self._fill, reaches, reached)

    def _fill(self, reaches: list[Reach], reached: list[Reach]) -> None:
        self.reach = {"reaches": reaches, "reached": reached}
        for key, found in self.reach.items():
            table = self.query_one(f"#t-{key}", DataTable)
            with self.app.batch_update():
                for reach in found[:SHOWN]:
                    table.add_row(*self._cells(reach), key=reach.node)
        note = (f"reaches {len(reaches):,} nodes, reached by {len(reached):,}"
                f"{f' (first {SHOWN} shown)' if max(len(reaches), len(reached)) > SHOWN else ''}"
                "   Enter: go there · Esc: close")  # fmt: skip
        self.query_one(".title", Label).update(self._title(note))
        self.query_one("#t-reaches", DataTable).focus()

    def _cells(self, reach: Reach) -> list[Text]:
        name = safe(self.model.name(reach.node))
        trust = self.model.trust.get(reach.node)
        return [Text(reach.kind, style=text.DIM), Text(name), text.trust_cell(trust),
                Text.assemble(reach.access[0] if reach.access else "-",
                              (", ".join(("", *reach.access[1:])), text.DIM)),
                Text(str(max(len(reach.path) - 1, 0)), justify="right")]  # fmt: skip

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = (event.data_table.id or "").removeprefix("t-")
        if key == self.query_one(TabbedContent).active:
            self._show_path(key, event.cursor_row)

    @on(TabbedContent.TabActivated)
    def _switched(self, event: TabbedContent.TabActivated) -> None:
        """The path line follows the visible sub-tab: its highlighted row's path, or nothing."""
        key = event.pane.id or ""
        table = self.query_one(f"#t-{key}", DataTable)
        self._show_path(key, table.cursor_row if table.row_count else -1)

    def _show_path(self, key: str, row: int) -> None:
        found = self.reach.get(key, [])
        shown = self._path(found[row]) if 0 <= row < len(found) else Content("")
        self.query_one("#path", Static).update(shown)

    def _path(self, reach: Reach) -> Content:
        nodes, edges = fold(self.model, reach.path, reach.edges)
        names = [self.model.name(n) for n in nodes]
        labels = [label or "→" for label in hop_labels(self.model, nodes, edges)]
        return text.join([("path: ", text.DIM),
                          text.path_line(names, labels, hop_trusts(self.model.g, self.model.trust,
                                                                   nodes))])  # fmt: skip

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key and event.row_key.value:
            self.dismiss(event.row_key.value)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        from explorer.tui.export import blast_view
        from explorer.tui.screens.export import ExportScreen

        view = blast_view(self.model, self.item, self.reach["reaches"], self.reach["reached"])
        self.app.push_screen(ExportScreen(self.model, view))
