"""`g`: what the snapshot lacks: every API call the crawl could not make, and what its crawler
does not read at all. Missing data is never read as "safe"."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from explorer.safetext import safe
from explorer.tui import text
from explorer.tui.coverage import NotRead, not_read
from explorer.tui.view_model import Model

COLUMNS = ("service", "region", "operation", "resource", "code", "message")
NOT_RECORDED = (
    "The crawler that wrote this snapshot did not record what it does not read (an older "
    "version): whole kinds of data may be missing without any failed call."
)


class GapsScreen(ModalScreen[None]):
    """A table of failed calls, then the kinds of data the crawler does not read."""

    DEFAULT_CSS = """
    GapsScreen { align: center middle; }
    GapsScreen > Vertical { width: 95%; height: 80%; border: thick $warning; background: $surface; }
    GapsScreen DataTable { height: 1fr; }
    GapsScreen #not-read { height: auto; max-height: 40%; }
    GapsScreen #not-recorded { width: 1fr; }
    GapsScreen .heading { text-style: bold; padding: 1 0 0 0; }
    """
    """A large centred box with a warning border."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]
    """Escape closes."""

    def __init__(self, model: Model) -> None:
        super().__init__()
        self.model = model
        self.not_read: list[NotRead] | None = not_read(model.meta)

    def compose(self) -> ComposeResult:
        errors = self.model.errors
        note = (
            f"{len(errors)} API calls failed: what they would have returned is missing."
            if errors
            else "Every API call the crawl made succeeded (that is all this says)."
        )
        with Vertical():
            yield Label(note + "   Esc: close")
            yield DataTable(cursor_type="row", id="failed")
            yield Label("Not read at all by the crawler that wrote this snapshot",
                        classes="heading")  # fmt: skip
            if self.not_read is None:
                yield Label(NOT_RECORDED, id="not-recorded")
            else:
                yield DataTable(cursor_type="row", id="not-read")

    def on_mount(self) -> None:
        table = self.query_one("#failed", DataTable)
        table.add_columns(*COLUMNS)
        for error in self.model.errors:
            table.add_row(*[Text(safe(error.get(c) or "-")) for c in COLUMNS])
        if self.not_read is not None:
            missing = self.query_one("#not-read", DataTable)
            missing.add_columns("what", "why")
            for entry in self.not_read:
                missing.add_row(text.cell(entry.what), text.cell(entry.why))
        table.focus()
