"""The export dialog: pick JSON, DOT or Mermaid and a file; Enter writes it."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet

from explorer.safetext import safe
from explorer.tui import text
from explorer.tui.export import FORMATS, ExportView, default_path, write
from explorer.tui.view_model import Model


class ExportScreen(ModalScreen[Path | None]):
    """Format and file name for the current view."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 80%; height: auto; border: thick $accent;
                              background: $surface; padding: 1 2; }
    ExportScreen RadioSet { width: 1fr; layout: horizontal; }
    ExportScreen .hint { color: $text-muted; }
    """
    """A small centred dialog."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "save", "Write file", priority=True),
        Binding("ctrl+s", "save", "Write file", show=False),
    ]
    """Enter writes wherever the focus is (the format buttons take space to pick one: Enter
    would otherwise only press a button there, though the dialog says it writes); Escape
    cancels."""

    def __init__(self, model: Model | None, view: ExportView) -> None:
        super().__init__()
        self.model, self.view = model, view
        self.fmt = "json"

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(text.join([("Export ", "bold"), text.literal(self.view.name)]))
            with RadioSet(id="format"):
                for fmt in FORMATS:
                    yield RadioButton(fmt.upper() if fmt != "mermaid" else "Mermaid",
                                      value=fmt == "json", name=fmt)  # fmt: skip
            yield Input(str(default_path(self.view, self.fmt)), id="path")
            yield Label("←/→ and space pick the format · Enter writes the file · Esc cancels",
                        classes="hint")  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed)
    def _format(self, event: RadioSet.Changed) -> None:
        self.fmt = event.pressed.name or "json"
        self.query_one("#path", Input).value = str(default_path(self.view, self.fmt))

    def action_save(self) -> None:
        path = Path(self.query_one("#path", Input).value).expanduser()
        try:
            written = write(self.view, self.model, self.fmt, path)
        except OSError as exc:
            message = safe(f"could not write {path}: {exc.strerror or exc}")
            self.notify(message, severity="error", markup=False)
            return
        self.notify(safe(written), title=f"Exported {self.fmt.upper()}", markup=False)
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
