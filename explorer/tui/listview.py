"""A list's filter, sort, toggles and cursor, and the rows they leave: pure, so it is fast and
testable, and so Backspace can restore exactly what was on screen."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field, replace

from explorer.tui.data import FINDINGS
from explorer.tui.lists import ListData, Row, severity_rank

SHOWN = 500
"""Rows put in the table at once; the counts say how many more match (filter to narrow)."""


@dataclass(frozen=True)
class ListState:
    """What a person set on a list; restored by Backspace."""

    query: str = ""
    sort: int = 0
    reverse: bool = False
    problems_only: bool = False
    severities: frozenset[str] = field(default_factory=frozenset)
    """Findings tab: severities to show (empty: all)."""
    owasp: frozenset[str] = field(default_factory=frozenset)
    """Findings tab: OWASP categories to show (empty: all)."""
    cursor: str | None = None
    """The highlighted item."""

    def with_(self, **changes: object) -> ListState:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Visible:
    """The rows a state leaves: the first `SHOWN` of them, and honest counts."""

    rows: list[Row]
    matching: int
    total: int

    def counts(self) -> str:
        shown = len(self.rows)
        if self.matching == self.total:
            return f"{shown:,} of {self.total:,}" if shown < self.total else f"{self.total:,}"
        return f"{shown:,} shown of {self.matching:,} matching ({self.total:,} in all)"


def visible(data: ListData, state: ListState, limit: int = SHOWN) -> Visible:
    """Filter, then sort, then keep the top `limit` (the cursor's row is always kept)."""
    facets = data.tab == FINDINGS
    rows = [r for r in data.rows if _keeps(r, state, facets)]
    key = _sort_key(state.sort)
    if len(rows) > limit:
        pick = heapq.nlargest if state.reverse else heapq.nsmallest
        top = pick(limit, rows, key=key)
        if state.cursor and not any(r.item == state.cursor for r in top):
            top += [r for r in rows if r.item == state.cursor]
    else:
        top = sorted(rows, key=key, reverse=state.reverse)
    return Visible(top, len(rows), len(data.rows))


def _sort_key(column: int):
    def key(row: Row) -> tuple:
        return (row.keys[column], row.keys[0], row.item)

    return key


def _keeps(row: Row, state: ListState, facets: bool) -> bool:
    if state.problems_only and not row.problem:
        return False
    if facets and state.severities and row.keys[0] not in _ranks(state.severities):
        return False
    if facets and state.owasp and row.cells[1][0] not in state.owasp:
        return False
    return all(word in row.haystack for word in state.query.lower().split())


def _ranks(severities: frozenset[str]) -> set[int]:
    return {severity_rank(s) for s in severities}
