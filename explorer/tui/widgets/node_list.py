"""One list tab: a filter box, honest counts, and a table of the rows the filter and sort leave."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label

from explorer.safetext import safe
from explorer.tui.lists import Cell, Column, ListData, Row
from explorer.tui.listview import ListState, Visible, visible
from explorer.tui.messages import ItemHighlighted, ItemOpened

NAME_WIDTH = 34
"""Widest the first column grows."""
MAX_WIDTH = 40
"""Widest any other column grows (a name from the account can be thousands of characters)."""


def _cell(cell: Cell, column: Column) -> Text:
    """A cell as Rich Text (never markup), control characters made visible."""
    value, style = cell
    return Text(safe(value), style=style, justify="right" if column.numeric else "left", end="")


def _width(index: int, label: Text, rows: list[tuple[str, list[Text]]]) -> int:
    """A column as wide as its label and widest cell, set when the rows are added rather than
    measured by the table later (which left a frame of header-wide columns, cells cut short).
    Names are cut at NAME_WIDTH, other text at MAX_WIDTH, so the other columns stay in view
    (the detail has all)."""
    longest = max((cells[index].cell_len for _, cells in rows), default=0)
    return max(min(longest, NAME_WIDTH if index == 0 else MAX_WIDTH), label.cell_len)


class RowTable(DataTable):
    """One page of the rows; Enter opens the highlighted one. The cursor keys carry on past
    the page's edges: the list brings in the page before or after (see NodeList.goto)."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("ctrl+home", "first", "First", show=False),
        Binding("ctrl+end", "last", "Last", show=False),
    ]
    """Enter opens the row's detail (focus moves there); Home and End go to the list's first
    and last rows, on whichever page."""

    @property
    def _list(self) -> NodeList | None:
        parent = self.parent
        return parent if isinstance(parent, NodeList) else None

    def _beyond(self, step: int) -> bool:
        """Move `step` rows from the cursor when that leaves the page; False if it does not."""
        node_list = self._list
        if node_list is None or node_list.shown is None:
            return False
        target = self.cursor_row + step
        if 0 <= target < self.row_count:
            return False
        return node_list.goto(node_list.shown.start + target)

    def _page_height(self) -> int:
        height = self.scrollable_content_region.height
        return max(1, height - (self.header_height if self.show_header else 0))

    def action_cursor_down(self) -> None:
        if not self._beyond(1):
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if not self._beyond(-1):
            super().action_cursor_up()

    def action_page_down(self) -> None:
        if not self._beyond(self._page_height()):
            super().action_page_down()

    def action_page_up(self) -> None:
        if not self._beyond(-self._page_height()):
            super().action_page_up()

    def action_first(self) -> None:
        if self._list is not None:
            self._list.goto(0)

    def action_last(self) -> None:
        node_list = self._list
        if node_list is not None and node_list.shown is not None:
            node_list.goto(node_list.shown.matching - 1)


class NodeList(Vertical):
    """A tab's list with its own filter, sort, "problems only" toggle and cursor."""

    DEFAULT_CSS = """
    NodeList { height: 1fr; }
    NodeList > Horizontal { height: 1; }
    NodeList Input { border: none; height: 1; width: 1fr; padding: 0 1; }
    NodeList Input:focus { border: none; background: $accent 25%; }
    NodeList .counts { width: auto; padding: 0 1; color: $text-muted; }
    NodeList RowTable { height: 1fr; }
    """
    """A one-line filter bar over the table."""

    BINDINGS = [
        Binding("o", "sort_next", "Sort"),
        Binding("O", "sort_reverse", "Reverse", show=False),
        Binding("p", "toggle_problems", "Problems"),
        Binding("ctrl+f", "focus_filter", "Filter"),
        Binding("escape", "leave_filter", "Clear filter", show=False),
    ]
    """List keys: they work while the list (or its filter) has the focus."""

    def __init__(self, data: ListData, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data = data
        self.state = ListState()
        self.shown: Visible | None = None
        self.stale = False
        """New data not drawn yet (a hidden tab is drawn when it is shown)."""

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Input(placeholder="filter (ctrl+f)", id="filter")
            yield Label("", classes="counts")
        yield RowTable(cursor_type="row", zebra_stripes=True)

    @property
    def table(self) -> RowTable:
        return self.query_one(RowTable)

    def on_mount(self) -> None:
        self.refill(announce=False)

    def set_data(self, data: ListData, draw: bool = True) -> None:
        """New rows (e.g. findings arrived): keep filter, sort and cursor; draw now or later."""
        self.data = data
        self.stale = True
        if draw:
            self.refill(announce=False)

    def freshen(self) -> None:
        """Draw rows that arrived while the tab was hidden."""
        if self.stale:
            self.refill(announce=False)

    def restore(self, state: ListState) -> None:
        """Put back a saved state: filter text, sort, toggles and the cursor's row."""
        self.state = state
        filter_box = self.query_one("#filter", Input)
        if filter_box.value != state.query:
            with filter_box.prevent(Input.Changed):
                filter_box.value = state.query
        self.refill(announce=False)

    def select(self, item: str) -> bool:
        """Move the cursor to `item`, relaxing the filter when it hides the item."""
        if not any(r.item == item for r in self.data.rows):
            return False
        self.restore(self._relaxed(item).with_(cursor=item))
        return True

    def _relaxed(self, item: str) -> ListState:
        state = self.state.with_(cursor=item)
        if any(r.item == item for r in visible(self.data, state).rows):
            return state
        return ListState(sort=state.sort, reverse=state.reverse, cursor=item)

    def refill(self, announce: bool = True) -> None:
        """Recompute the visible rows and redraw the table, the cursor kept on its item.

        The table's own highlight messages are held back; with `announce`, a cursor that had
        to move (its row was filtered out) is reported once, so the detail follows it.
        """
        if not self.is_mounted:
            return
        before, self.stale = self.state.cursor, False
        self.shown = visible(self.data, self.state)
        self._draw()
        if announce and self.current and self.current != before:
            self.post_message(ItemHighlighted(self.current))

    def goto(self, index: int) -> bool:
        """Put the cursor on matching row `index` (clamped), bringing in its page if another
        is in the table; False if there are no rows or the cursor is already there."""
        shown = self.shown
        if shown is None or not shown.rows:
            return False
        index = max(0, min(index, shown.matching - 1))
        item = shown.rows[index].item
        if item == self.current:
            return False
        self.state = self.state.with_(cursor=item)
        if shown.at(index).start != shown.start:
            self.shown = shown.at(index)
            self._draw()
        else:
            self._place_cursor()
        self.post_message(ItemHighlighted(item))
        return True

    def _draw(self) -> None:
        """Put the current page in the table, the cursor on the state's item."""
        table = self.table
        rows = [(row.item, self._cells(row)) for row in self.shown.window] if self.shown else []
        labels = [self._label(i, column) for i, column in enumerate(self.data.columns)]
        with self.app.batch_update(), self.prevent(DataTable.RowHighlighted):
            table.clear(columns=True)
            for index, label in enumerate(labels):
                table.add_column(label, key=str(index), width=_width(index, label, rows))
            for item, cells in rows:
                table.add_row(*cells, key=item)
            self._place_cursor()
        self.state = self.state.with_(cursor=self.current)
        self._update_counts()

    def _cells(self, row: Row) -> list[Text]:
        data = self.data
        return [_cell(data.cell(row, i), column) for i, column in enumerate(data.columns)]

    def _label(self, index: int, column: Column) -> Text:
        arrow = (" ▼" if self.state.reverse else " ▲") if index == self.state.sort else ""
        return Text(column.label + arrow, style="bold")

    def _place_cursor(self) -> None:
        rows = self.shown.window if self.shown else []
        index = next((i for i, r in enumerate(rows) if r.item == self.state.cursor), 0)
        if rows:
            with self.prevent(DataTable.RowHighlighted):
                self.table.move_cursor(row=index, animate=False, scroll=True)

    def _update_counts(self) -> None:
        shown = self.shown
        counts = shown.counts() if shown else ""
        flags = [f for f, on in (("problems only", self.state.problems_only),
                                 ("filtered", bool(self.state.severities or self.state.owasp)),
                                 ("loading…", self.data.pending)) if on]  # fmt: skip
        label = counts + (f"  [{', '.join(flags)}]" if flags else "")
        self.query_one(".counts", Label).update(Text(label))

    @property
    def current(self) -> str | None:
        """The item under the cursor."""
        rows = self.shown.window if self.shown else []
        index = self.table.cursor_row
        return rows[index].item if 0 <= index < len(rows) else None

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.state = self.state.with_(query=event.value)
        self.refill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        item = event.row_key.value if event.row_key else None
        if item:
            self.state = self.state.with_(cursor=item)
            self.post_message(ItemHighlighted(item))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key and event.row_key.value:
            self.post_message(ItemOpened(event.row_key.value))

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = event.column_index
        reverse = not self.state.reverse if column == self.state.sort else False
        self.state = self.state.with_(sort=column, reverse=reverse)
        self.refill()

    def action_sort_next(self) -> None:
        column = (self.state.sort + 1) % len(self.data.columns)
        self.state = self.state.with_(sort=column, reverse=False)
        self.refill()
        self.notify(f"sorted by {self.data.columns[column].label}", timeout=2)

    def action_sort_reverse(self) -> None:
        self.state = self.state.with_(reverse=not self.state.reverse)
        self.refill()

    def action_toggle_problems(self) -> None:
        self.state = self.state.with_(problems_only=not self.state.problems_only)
        self.refill()
        shown = "only items with a problem" if self.state.problems_only else "every item"
        self.notify(f"showing {shown}", timeout=2)

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_leave_filter(self) -> None:
        """Esc clears the filter's text; on an empty filter it goes back to the list."""
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        elif box.has_focus:
            self.table.focus()
