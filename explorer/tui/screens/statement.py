"""The statements that decided a permission: policy, index, Sid, effect and the statement text."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList

from explorer.tui import text
from explorer.tui.details.common import document
from explorer.tui.details.permissions import statement_documents
from explorer.tui.view_model import Model


def statement_of(documents: dict[str, Any], ref: Any) -> Any:
    """The statement a reference points at, or None when its policy is not in the snapshot."""
    doc = documents.get(ref.policy)
    statements = doc.get("Statement") if isinstance(doc, dict) else None
    if isinstance(statements, dict):
        statements = [statements]
    if isinstance(statements, list) and 0 <= ref.index < len(statements):
        return statements[ref.index]
    return None


class StatementScreen(ModalScreen[None]):
    """Every statement behind one grant, allow and deny, shown literally."""

    DEFAULT_CSS = """
    StatementScreen { align: center middle; }
    StatementScreen > Vertical { width: 90%; height: 80%; border: thick $accent;
                                 background: $surface; }
    StatementScreen OptionList, StatementScreen OptionList:focus { height: 1fr; border: none; }
    """
    """A large centred box."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]
    """Escape closes."""

    def __init__(self, model: Model, role: str, refs: tuple[Any, ...], action: str) -> None:
        super().__init__()
        self.model, self.role, self.refs, self.action = model, role, refs, action

    def compose(self) -> ComposeResult:
        title = text.join([("Why ", "bold"), text.literal(self.model.name(self.role)),
                           (" may ", "bold"), text.literal(self.action or "do this"),
                           ("   Esc: close", text.DIM)])  # fmt: skip
        with Vertical():
            yield Label(title)
            yield OptionList(*self._lines(), markup=False)

    def _lines(self) -> list:
        documents = statement_documents(self.model, self.role)
        lines: list = []
        for ref in dict.fromkeys(self.refs):
            role = f"  ({ref.kind or 'identity'} policy)"
            lines.append(text.join([text.literal(f"{ref.effect} ", "bold"), text.literal(str(ref)),
                                    (role, text.DIM)]))  # fmt: skip
            statement = statement_of(documents, ref)
            found = document(statement) if statement is not None else []
            lines += [line.content for line in found] or [text.literal("  (not in the snapshot)")]
        return lines or [text.literal("no statement recorded")]
