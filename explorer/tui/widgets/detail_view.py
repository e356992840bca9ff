"""The right-hand detail: one option per line, so the cursor walks lines and Enter follows links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from explorer.tui.messages import LinkFollowed, StatementRequested

if TYPE_CHECKING:
    from explorer.tui.details import Line


class LineOption(Option):
    """An option that remembers its detail line."""

    def __init__(self, line: Line) -> None:
        super().__init__(line.content)
        self.line = line


class DetailView(OptionList):
    """Lines of a detail; Enter or a click on a link follows it, on a grant shows its statement."""

    DEFAULT_CSS = """
    DetailView { height: 1fr; border: tall $background; padding: 0 1; }
    DetailView:focus { border: tall $border; }
    DetailView > .option-list--option-highlighted { background: $accent 30%; }
    """
    """The same border width focused or not, so a click never shifts the lines under it."""

    BINDINGS = [
        Binding("enter", "select", "Follow"),
        Binding("right_square_bracket", "section(1)", "Next section"),
        Binding("left_square_bracket", "section(-1)", "Previous section", show=False),
        Binding("escape", "leave", "Back to list", show=False),
    ]
    """Enter follows the link (or opens the statement) on the highlighted line."""

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.item: str | None = None

    def show(self, item: str | None, lines: list[Line], keep_line: int | None = None) -> None:
        """Replace the lines; keep the highlighted line when re-showing the same item."""
        same = item == self.item
        line = keep_line if keep_line is not None else (self.highlighted if same else None)
        self.item = item
        self.set_options(LineOption(line) for line in lines)
        target = line if line is not None and line < self.option_count else self._first_link()
        self.highlighted = target
        if target is not None:
            self.scroll_to_highlight(top=keep_line is not None)

    def _first_link(self) -> int | None:
        return 0 if self.option_count else None

    @property
    def current_line(self) -> Line | None:
        option = self.highlighted_option
        return option.line if isinstance(option, LineOption) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option = event.option
        if not isinstance(option, LineOption):
            return
        line = option.line
        if line.target:
            self.post_message(LinkFollowed(line.target))
        elif line.statement:
            role, refs = line.statement
            self.post_message(StatementRequested(role, refs, line.copy or ""))
        else:
            self.notify("nothing to follow on this line", timeout=2)

    def line_of(self, title: str) -> int | None:
        """The index of the first section heading that starts with `title`."""
        for index, option in enumerate(self.options):
            heading = isinstance(option, LineOption) and option.line.heading
            if heading and option.prompt.plain.startswith(title):
                return index
        return None

    def action_section(self, step: int) -> None:
        """Move to the next (or previous) section heading, shown at the top."""
        start = self.highlighted if self.highlighted is not None else -1
        indexes = range(start + step, self.option_count if step > 0 else -1, step)
        for index in indexes:
            option = self.options[index]
            if isinstance(option, LineOption) and option.line.heading:
                self.highlighted = index
                self.scroll_to_highlight(top=True)
                return

    def action_leave(self) -> None:
        """Esc goes back to the list the detail belongs to (the screen says which), else on."""
        focus_list = getattr(self.screen, "action_focus_list", None)
        if focus_list is not None:
            focus_list()
        else:
            self.screen.focus_next()
