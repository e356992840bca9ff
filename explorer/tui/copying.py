"""`y`: copy the selected name or ARN (never a secret value), and say so, or say why not."""

from __future__ import annotations

from textual.screen import Screen

from explorer.safetext import safe
from explorer.tui.widgets.detail_view import DetailView
from explorer.tui.widgets.node_list import NodeList, RowTable

NOTHING = "nothing to copy: select a row or a line that names something"


def copy_focused(screen: Screen) -> str | None:
    """Copy what the focused widget points at; returns the copied text (None: refused)."""
    text, note = _what(screen)
    if text is None:
        screen.notify(note or NOTHING, title="Not copied", severity="warning", timeout=4)
        return None
    screen.app.copy_to_clipboard(text)
    said = f"{safe(text)}" + (f"\n{note}" if note else "")
    screen.notify(said, title="Copied to the clipboard (OSC 52)", timeout=4, markup=False)
    return text


def _what(screen: Screen) -> tuple[str | None, str | None]:
    focused = screen.focused
    if isinstance(focused, DetailView):
        line = focused.current_line
        return (line.copy, line.note) if line else (None, None)
    item = getattr(screen, "item", None)
    if isinstance(focused, RowTable) and isinstance(focused.parent, NodeList):
        item = focused.parent.current
    return _item_text(screen, item)


def _item_text(screen: Screen, item: str | None) -> tuple[str | None, str | None]:
    model = getattr(screen, "model", None)
    if not item or model is None:
        return None, None
    finding = model.finding(item)
    if finding is not None:
        return finding.resource, "the ARN of the finding's resource"
    return item, None
