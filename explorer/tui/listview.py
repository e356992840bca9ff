"""A list's filter, sort, toggles and cursor, and the rows they leave: pure, so it is fast and
testable, and so Backspace can restore exactly what was on screen."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from explorer.tui.levels import severity_rank
from explorer.tui.lists import ListData, Row, finding_cell
from explorer.tui.view_model import FINDINGS

PAGE = 500
"""Rows put in the table at once (adding tens of thousands is slow): the list is read a page at
a time, the keys past a page's edge bring the next (see NodeList), and the counts say which."""


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
    """The rows a state leaves, every one of them sorted, and the page of them in the table."""

    rows: list[Row]
    """Every matching row, in order."""
    total: int
    """Rows in the list, before the filter."""
    start: int = 0
    """The index of the table's first row."""
    page: int = PAGE

    @property
    def matching(self) -> int:
        return len(self.rows)

    @property
    def window(self) -> list[Row]:
        """The rows in the table."""
        return self.rows[self.start : self.start + self.page]

    def index(self, item: str | None) -> int | None:
        """Where `item` is among the matching rows."""
        return next((i for i, r in enumerate(self.rows) if r.item == item), None)

    def at(self, index: int) -> Visible:
        """The page that holds row `index`."""
        index = max(0, min(index, self.matching - 1))
        return replace(self, start=index // self.page * self.page)

    def counts(self) -> str:
        """How many rows there are, and, past one page, which are in the table and how to
        reach the others: "1-500 of 10,000 (PgDn: more)"."""
        matching, total = self.matching, self.total
        if matching <= self.page:
            if matching == total:
                return f"{total:,}"
            return f"{matching:,} shown of {matching:,} matching ({total:,} in all)"
        first, last = self.start + 1, self.start + len(self.window)
        of = f"{matching:,}" if matching == total else f"{matching:,} matching ({total:,} in all)"
        hint = "PgDn: more" if last < matching else "PgUp: back"
        return f"{first:,}-{last:,} of {of} ({hint})"


def visible(data: ListData, state: ListState, page: int = PAGE) -> Visible:
    """Filter, then sort every row; the page shown is the one that holds the cursor's row."""
    facets = data.tab == FINDINGS
    rows = [r for r in data.rows if _keeps(data, r, state, facets)]
    rows.sort(key=_sort_key(data, state.sort), reverse=state.reverse)
    shown = Visible(rows, len(data.rows), page=page)
    index = shown.index(state.cursor) if state.cursor else None
    return shown.at(index) if index else shown


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
