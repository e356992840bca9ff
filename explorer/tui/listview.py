"""A list's filter, sort, toggles and cursor, and the rows they leave: pure, so it is fast and
testable, and so Backspace can restore exactly what was on screen."""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field, replace

from explorer.tui.levels import severity_rank
from explorer.tui.lists import ListData, Row, finding_cell
from explorer.tui.view_model import FINDINGS

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
    rows = [r for r in data.rows if _keeps(data, r, state, facets)]
    key = _sort_key(data, state.sort)
    if len(rows) > limit:
        pick = heapq.nlargest if state.reverse else heapq.nsmallest
        top = pick(limit, rows, key=key)
        if state.cursor and not any(r.item == state.cursor for r in top):
            top += [r for r in rows if r.item == state.cursor]
    else:
        top = sorted(rows, key=key, reverse=state.reverse)
    return Visible(top, len(rows), len(data.rows))


def _sort_key(data: ListData, column: int):
    if data.columns[column].findings:
        return lambda row: (data.key(row, column), row.keys[0], row.item)
    return lambda row: (row.keys[column], row.keys[0], row.item)


def haystack(row: Row) -> str:
    """What the filter searches: a node row's name and id, a finding row's text."""
    if row.haystack:
        return row.haystack
    if row.cells:
        return f"{row.cells[0][0]} {row.item}".lower()
    return (
        " ".join(map(str, row.keys[2:])).lower()
        + f" {finding_cell(row, 0)[0]} "
        + (finding_cell(row, 1)[0].lower())
    )


def _keeps(data: ListData, row: Row, state: ListState, facets: bool) -> bool:
    if state.problems_only and not data.problem(row):
        return False
    if facets and state.severities and row.keys[0] not in _ranks(state.severities):
        return False
    if facets and state.owasp and finding_cell(row, 1)[0] not in state.owasp:
        return False
    words = state.query.lower().split()
    return not words or all(word in haystack(row) for word in words)


def _ranks(severities: frozenset[str]) -> set[int]:
    return {severity_rank(s) for s in severities}
