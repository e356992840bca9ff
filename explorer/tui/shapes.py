"""Snapshot values in the shape a view expects: a row column that holds something else (None, a
string where a dict belongs, a list of numbers) reads as empty, so a view never fails on it.
The same helpers the analysis reads rows with (`explorer.analysis.shapes`), and JSON text for
showing any value."""

from __future__ import annotations

import json
from typing import Any

from explorer.analysis.shapes import deeper_than, mapping, mappings, sequence, strings, text

__all__ = ["dumps", "mapping", "mappings", "sequence", "shown", "strings", "text"]

TOO_DEEP = "(nested too deeply to show)"
"""Shown for a value nested deeper than Python's JSON encoder can follow."""
PRETTY_DEPTH = 100
"""Values nested deeper are shown compact: indenting costs time and space growing as the square
of the depth (Python's indenting encoder is pure Python)."""


def dumps(value: Any, indent: int | None = None) -> str:
    """A snapshot value as JSON text (keys sorted, anything else as str), or `TOO_DEEP`."""
    if indent is not None and deeper_than(value, PRETTY_DEPTH):
        indent = None
    try:
        return json.dumps(value, indent=indent, sort_keys=True, default=str)
    except RecursionError:
        return TOO_DEEP


def shown(value: Any) -> str:
    """A snapshot value as one line of text: a string as it is, a list or object as JSON."""
    return dumps(value) if isinstance(value, dict | list | tuple) else str(value)
