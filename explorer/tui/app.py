"""`ExplorerApp`: the Textual application; the main screen does the work."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from explorer.tui.commands import ItemCommands, ViewCommands
from explorer.tui.screens.main import MainScreen


class ExplorerApp(App[None]):
    """Browse one snapshot: `snapshot_path` (None: the newest in `cache_dir`)."""

    TITLE = "Serverless Chain Explorer"
    COMMANDS = App.COMMANDS | {ItemCommands, ViewCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Keys"),
        Binding("ctrl+p", "command_palette", "Palette", show=False),
    ]
    """Keys that work everywhere (except while typing in a box)."""

    def __init__(self, snapshot_path: Path | None, cache_dir: Path) -> None:
        super().__init__()
        self.snapshot_path, self.cache_dir = snapshot_path, cache_dir

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.snapshot_path, self.cache_dir))

    @property
    def main(self) -> MainScreen | None:
        """The main screen (under any views pushed on top)."""
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def action_help(self) -> None:
        from explorer.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
