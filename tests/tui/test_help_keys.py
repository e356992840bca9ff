"""The key list of `?` names keys as the keyboard shows them, and each key once per meaning
(issue 15: it showed `right_square_bracket` and listed ctrl+p twice)."""

from __future__ import annotations

from collections import Counter

from explorer.tui.screens.help import key_rows


def test_keys_are_shown_as_typed():
    keys = {key for key, _, _ in key_rows()}

    assert {"]", "?", "/", "esc"} <= keys
    assert not any("_" in key for key in keys)  # no Textual key names such as question_mark


def test_ctrl_p_is_listed_once_and_no_row_twice():
    rows = key_rows()

    assert [key for key, _, _ in rows].count("ctrl+p") == 1
    assert [row for row, n in Counter(rows).items() if n > 1] == []
