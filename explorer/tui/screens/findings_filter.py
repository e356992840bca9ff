"""`f`: findings filtered by severity and OWASP category (none ticked: all of them)."""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from explorer.analysis.findings.finding import OWASP, SEVERITIES
from explorer.tui.listview import ListState
from explorer.tui.view_model import Model


class FindingsFilterScreen(ModalScreen[ListState | None]):
    """Two tick lists with counts; Enter applies (and shows the Findings tab)."""

    DEFAULT_CSS = """
    FindingsFilterScreen { align: center middle; }
    FindingsFilterScreen > Vertical { width: 90%; height: auto; max-height: 90%;
                                      border: thick $accent; background: $surface; padding: 0 1; }
    FindingsFilterScreen Horizontal { height: auto; }
    FindingsFilterScreen SelectionList { width: 1fr; height: auto; max-height: 20; }
    FindingsFilterScreen .hint { color: $text-muted; }
    """
    """Severities left, OWASP categories right."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "apply", "Apply", priority=True),
        Binding("x", "clear", "Clear all"),
    ]
    """Space ticks; Enter applies; x clears; Escape leaves the filter as it was."""

    def __init__(self, model: Model, state: ListState) -> None:
        super().__init__()
        self.model, self.state = model, state

    def compose(self) -> ComposeResult:
        findings = self.model.findings or []
        by_severity = Counter(f.severity for f in findings)
        by_owasp = Counter(f.owasp for f in findings)
        with Vertical():
            yield Label("Filter findings: tick what to show (nothing ticked: everything)")
            with Horizontal():
                yield SelectionList[str](*[
                    Selection(f"{s} ({by_severity[s]})", s, s in self.state.severities)
                    for s in SEVERITIES], id="severities")  # fmt: skip
                yield SelectionList[str](*[
                    Selection(f"{code} {name} ({by_owasp[code]})", code, code in self.state.owasp)
                    for code, name in OWASP.items()], id="owasp")  # fmt: skip
            yield Label("Space: tick · Tab: other list · Enter: apply · x: clear · Esc: cancel",
                        classes="hint")  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#severities", SelectionList).focus()

    def _ticked(self, list_id: str) -> frozenset[str]:
        return frozenset(self.query_one(f"#{list_id}", SelectionList).selected)

    def action_apply(self) -> None:
        self.dismiss(self.state.with_(severities=self._ticked("severities"),
                                      owasp=self._ticked("owasp"), cursor=None))  # fmt: skip

    def action_clear(self) -> None:
        for selection in self.query(SelectionList):
            selection.deselect_all()

    def action_cancel(self) -> None:
        self.dismiss(None)
