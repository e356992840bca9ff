"""`g`: every API call the crawl could not make: a coverage gap, never read as "safe"."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from explorer.safetext import safe
from explorer.tui.data import Model

COLUMNS = ("service", "region", "operation", "resource", "code", "message")


class GapsScreen(ModalScreen[None]):
    """A table of failed calls."""

    DEFAULT_CSS = """
    GapsScreen { align: center middle; }
    GapsScreen > Vertical { width: 95%; height: 80%; border: thick $warning; background: $surface; }
    GapsScreen DataTable { height: 1fr; }
    """
    """A large centred box with a warning border."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]
    """Escape closes."""

    def __init__(self, model: Model) -> None:
        super().__init__()
        self.model = model

    def compose(self) -> ComposeResult:
        errors = self.model.errors
        note = (
            f"{len(errors)} API calls failed: what they would have returned is missing"
            if errors
            else "No API call failed: the crawl read everything it asked for."
        )
        with Vertical():
            yield Label(note + "   Esc: close")
            yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*COLUMNS)
        for error in self.model.errors:
            table.add_row(*[Text(safe(error.get(c) or "-")) for c in COLUMNS])
        table.focus()
