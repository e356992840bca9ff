"""The footer, with the keys for help and quit first: a narrow terminal cuts the footer's end,
and those two must stay visible at any width."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST = ("help", "quit")
"""Actions whose keys lead the footer, in this order."""


class KeysFooter(Footer):
    """Textual's footer with `?` (keys) and `q` (quit) moved to its start."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        first = sorted(
            (w for w in widgets if isinstance(w, FooterKey) and w.action in FIRST),
            key=lambda w: FIRST.index(w.action),
        )
        yield from first
        yield from (w for w in widgets if w not in first)
