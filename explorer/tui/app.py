"""`ExplorerApp`: the Textual application; the main screen does the work."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from explorer.safetext import safe
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
        self.error: BaseException | None = None
        """The unexpected error that ended the app, if one did (`explorer open` reports it)."""

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app with return code 1, as Textual does; its traceback
        is not printed on exit (it would show locals on the terminal): the caller logs it."""
        self.error = self.error or error
        super()._handle_exception(error)
        self._exit_renderables.clear()  # what Textual prints on exit: the traceback

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.snapshot_path, self.cache_dir))

    @property
    def main(self) -> MainScreen | None:
        """The main screen (under any views pushed on top)."""
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:  # fmt: skip
        """The palette's "Screenshot": an SVG of the screen (account data) saved mode 0600 in
        the current folder, rather than Textual's default (the umask's mode)."""
        from explorer.tui.private_file import write_private

        stamp = datetime.now().strftime(time_format or "%Y-%m-%dT%H_%M_%S")
        name = filename or f"explorer-screenshot-{stamp}.svg"
        target = Path(path or ".").expanduser() / name
        try:
            write_private(target, self.export_screenshot())
        except OSError as exc:
            self.notify(safe(f"could not write {target}: {exc.strerror or exc}"),
                        severity="error", markup=False)  # fmt: skip
            return None
        self.notify(safe(target), title="Screenshot saved", markup=False)
        return str(target)

    def action_help(self) -> None:
        from explorer.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
