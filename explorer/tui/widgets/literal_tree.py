"""A Tree whose labels are never markup: Content is converted, plain strings kept literal."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Tree

from explorer.safetext import safe
from explorer.tui.text import rich


class LiteralTree(Tree):
    """Tree labels from the account (names, ids) are shown as they are."""

    def process_label(self, label: object) -> Text:
        if isinstance(label, Content):
            text = rich(label)
        elif isinstance(label, Text):
            text = label
        else:
            text = Text(safe(label))
        return text.split()[0] if text.plain else text
