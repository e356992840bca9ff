"""`/`: fuzzy search over every node by name and ARN, results as you type; Enter jumps there."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from explorer.tui import text
from explorer.tui.view_model import Model


class SearchScreen(ModalScreen[str | None]):
    """A query box over a result list; up/down move through results while typing."""

    DEFAULT_CSS = """
    SearchScreen { align: center top; }
    SearchScreen > Vertical { width: 90%; height: 80%; margin-top: 2; border: thick $accent;
                              background: $surface; }
    SearchScreen Input { margin: 0 1; }
    SearchScreen .status { padding: 0 2; color: $text-muted; }
    SearchScreen OptionList { height: 1fr; border: none; }
    """
    """A large centred box."""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("enter", "choose", "Go there"),
    ]
    """Typing filters; arrows move; Enter jumps; Escape closes."""

    def __init__(self, model: Model, query: str = "") -> None:
        super().__init__()
        self.model, self.initial = model, query
        self.items: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Input(self.initial, placeholder="search every node by name or ARN")
            yield Label("", classes="status")
            results = OptionList(markup=False)
            # The box keeps the focus: a click picks a result without focusing the list, whose
            # focus border would shift the results a line down between the press and the click.
            results.can_focus = False
            yield results

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._search(self.initial)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_choose()

    def _search(self, query: str) -> None:
        hits = self.model.search.search(query)
        self.items = [hit.node for hit in hits]
        results = self.query_one(OptionList)
        results.set_options(Option(self._display(hit.node, hit.tier)) for hit in hits)
        results.highlighted = 0 if hits else None
        total = len(self.model.search)
        status = (f"{len(hits)} best of {total:,} nodes" if query.strip()
                  else f"type to search {total:,} nodes")  # fmt: skip
        self.query_one(".status", Label).update(status)

    def _display(self, node: str, tier: str):
        model = self.model
        trust = model.trust.get(node)
        parts: list = [text.literal(model.name(node), "bold"), "  ", (model.kind(node), text.DIM)]
        if trust:
            parts += ["  ", text.trust_badge(trust)]
        parts += ["\n  ", text.literal(node, text.DIM)]
        if tier == "fuzzy":
            parts += [("  (close match)", text.DIM)]
        return text.join(parts)

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if self.items:
            current = results.highlighted or 0
            results.highlighted = max(0, min(len(self.items) - 1, current + step))

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        self.dismiss(self.items[index] if index is not None and self.items else None)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.items[event.option_index])

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
