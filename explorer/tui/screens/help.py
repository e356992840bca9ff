"""`?`: a searchable list of every key and command, and where each works."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input

from explorer.tui.commands import APP_COMMANDS, VIEW_COMMANDS

NAV_KEYS = (
    ("up/down, pgup/pgdn", "move in a list, detail or tree", "everywhere"),
    ("home / end", "a list's first / last row (past the page in the table)", "lists"),
    ("enter / click", "open a row; follow the link under the cursor", "lists, detail, views"),
    ("tab / shift+tab", "move the focus between filter, list and detail", "main screen"),
    ("ctrl+p", "command palette: jump to any node, run any command", "everywhere"),
    ("mouse", "click tabs, rows, links and column headers (sort)", "everywhere"),
)
"""Keys that come from Textual's own widgets, described here since they have no binding."""


def _where() -> list[tuple[str, list]]:
    from explorer.tui.app import ExplorerApp
    from explorer.tui.screens.blast import BlastScreen
    from explorer.tui.screens.chain import ChainScreen
    from explorer.tui.screens.diff import DiffScreen
    from explorer.tui.screens.main import MainScreen
    from explorer.tui.screens.search import SearchScreen
    from explorer.tui.widgets.detail_view import DetailView
    from explorer.tui.widgets.node_list import NodeList

    return [
        ("everywhere", ExplorerApp.BINDINGS),
        ("main screen", MainScreen.BINDINGS),
        ("lists", NodeList.BINDINGS),
        ("detail", DetailView.BINDINGS),
        ("search (/)", SearchScreen.BINDINGS),
        ("chain view (c)", ChainScreen.BINDINGS),
        ("blast view (b)", BlastScreen.BINDINGS),
        ("diff view (d)", DiffScreen.BINDINGS),
    ]


KEY_NAMES = {
    "question_mark": "?", "slash": "/", "right_square_bracket": "]",
    "left_square_bracket": "[", "colon": ":", "escape": "esc", "backspace": "⌫",
}  # fmt: skip
"""Textual's key names people do not type, as the keyboard shows them."""


def key_display(key: str) -> str:
    """`right_square_bracket` -> `]`; `ctrl+f` stays."""
    return "/".join(KEY_NAMES.get(part, part) for part in key.split(","))


def key_rows() -> list[tuple[str, str, str]]:
    """(key, what it does, where) for every binding and command; a key the navigation rows
    already describe (ctrl+p) is not listed again."""
    rows = [(k, d, w) for k, d, w in NAV_KEYS]
    described = {k for k, _, _ in NAV_KEYS}
    for where, bindings in _where():
        for binding in bindings:
            if isinstance(binding, Binding) and binding.description:
                row = (key_display(binding.key), binding.tooltip or binding.description, where)
                if binding.key not in described and row not in rows:
                    rows.append(row)
    rows += [("palette", f"{name}: {help_text}", "command palette")
             for name, help_text, _ in (*VIEW_COMMANDS, *APP_COMMANDS)]  # fmt: skip
    return rows


class HelpScreen(ModalScreen[None]):
    """Type to filter; Escape closes."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 95%; height: 90%; border: thick $accent; background: $surface; }
    HelpScreen DataTable { height: 1fr; }
    """
    """A large centred box."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]
    """Escape closes."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(placeholder="filter keys and commands (Esc: close)")
            yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("Key", "Does", "Where")
        self._fill("")
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        table = self.query_one(DataTable)
        table.clear()
        words = query.lower().split()
        for key, does, where in key_rows():
            if all(w in f"{key} {does} {where}".lower() for w in words):
                table.add_row(Text(key, style="bold"), Text(does), Text(where, style="#8a8a8a"))
