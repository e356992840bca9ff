"""`s` (and `d`): pick a snapshot from the cache folder; unusable ones say why."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from explorer.safetext import safe
from explorer.store.catalog import SnapshotInfo, list_snapshots


class SnapshotPicker(ModalScreen[Path | None]):
    """Every `*.sqlite` in the cache folder, newest first."""

    DEFAULT_CSS = """
    SnapshotPicker { align: center middle; }
    SnapshotPicker > Vertical { width: 95%; height: 70%; border: thick $accent;
                                background: $surface; }
    SnapshotPicker DataTable { height: 1fr; }
    """
    """A large centred box."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    """Enter picks; Escape cancels."""

    def __init__(self, cache_dir: Path, title: str, current: Path | None = None) -> None:
        super().__init__()
        self.cache_dir, self.title_text = cache_dir, title
        self.current = current.resolve() if current else None
        """The snapshot open now: marked in the list, and the cursor starts on it."""
        self.infos: list[SnapshotInfo] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(f"{self.title_text}  ({safe(self.cache_dir)})   Esc: cancel"))
            yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        self.infos = list_snapshots(self.cache_dir)
        table = self.query_one(DataTable)
        table.add_columns("File", "Account", "Finished", "Regions", "Usable")
        for info in self.infos:
            usable = Text("yes", style="#87d787") if info.usable else Text(
                safe(info.problem), style="#ff5f5f")  # fmt: skip
            name = Text(safe(info.path.name))
            if self._is_open(info.path):
                name = Text.assemble("● ", name, (" (open)", "bold"))
            table.add_row(name, Text(info.account or "-"),
                          Text(info.finished or "-"), Text(", ".join(info.regions) or "-"),
                          usable)  # fmt: skip
        opened = [i for i, info in enumerate(self.infos) if self._is_open(info.path)]
        if opened:
            table.move_cursor(row=opened[0])
        if not self.infos:
            self.notify(f"no snapshots in {safe(self.cache_dir)}", severity="warning", markup=False)
        table.focus()

    def _is_open(self, path: Path) -> bool:
        return self.current is not None and path.resolve() == self.current

    @on(DataTable.RowSelected)
    def _picked(self, event: DataTable.RowSelected) -> None:
        info = self.infos[event.cursor_row]
        if not info.usable:
            self.notify(
                safe(info.problem or "unusable"),
                title="Cannot open",
                severity="error",
                markup=False,
            )
            return
        self.dismiss(info.path)

    def action_cancel(self) -> None:
        self.dismiss(None)
