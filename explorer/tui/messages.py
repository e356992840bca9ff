"""Messages the app's workers and widgets post, named for what happened (past tense)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.message import Message

from explorer.tui.lists import ListData
from explorer.tui.view_model import Model


class LoadProgressed(Message):
    """A loading step started; `done` of `total` steps are finished."""

    def __init__(self, step: str, done: int, total: int) -> None:
        super().__init__()
        self.step, self.done, self.total = step, done, total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgressed)


class FunctionsPreviewed(Message):
    """The functions table was read: rows to paint before the graph is built."""

    def __init__(self, path: Path, meta: dict[str, Any], functions: ListData) -> None:
        super().__init__()
        self.path, self.meta, self.functions = path, meta, functions


class SnapshotLoaded(Message):
    """The snapshot is analysed and every list is ready."""

    def __init__(self, model: Model, lists: dict[str, ListData], seconds: float) -> None:
        super().__init__()
        self.model, self.lists, self.seconds = model, lists, seconds


class SnapshotFailed(Message):
    """The snapshot could not be opened; `reason` is one sentence for the user."""

    def __init__(self, path: Path | None, reason: str) -> None:
        super().__init__()
        self.path, self.reason = path, reason


class FindingsComputed(Message):
    """Findings are attached to the model; the lists were rebuilt with their severities."""

    def __init__(self, model: Model, lists: dict[str, ListData]) -> None:
        super().__init__()
        self.model, self.lists = model, lists


class FindingsFailed(Message):
    """The findings rules raised (or are not installed); the rest of the app still works."""

    def __init__(self, model: Model, reason: str) -> None:
        super().__init__()
        self.model, self.reason = model, reason


class ItemHighlighted(Message):
    """A list's cursor moved onto an item."""

    def __init__(self, item: str) -> None:
        super().__init__()
        self.item = item


class ItemOpened(Message):
    """Enter (or a second click) on a list row."""

    def __init__(self, item: str) -> None:
        super().__init__()
        self.item = item


class LinkFollowed(Message):
    """Enter (or a click) on a link in a detail or view: go to `item`, remembering the way."""

    def __init__(self, item: str) -> None:
        super().__init__()
        self.item = item


class StatementRequested(Message):
    """Enter on a permission: show the statements that decided it."""

    def __init__(self, role: str, refs: tuple[Any, ...], action: str) -> None:
        super().__init__()
        self.role, self.refs, self.action = role, refs, action
