"""Snapshot values in the shape a reader expects. A snapshot is hostile input: the verdict on a
file holds each JSON column to its declared type (an object, a list), but what is inside may be
anything JSON can say, so readers take the parts of the expected shape and skip the rest.

Each helper is one isinstance check and copies nothing (cheap enough for the graph build's
loops); a reader that skips something security-relevant reports it, it does not hide it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def mapping(value: Any) -> dict[Any, Any]:
    """`value` if it is a dict, else an empty one."""
    return value if isinstance(value, dict) else {}


def sequence(value: Any) -> list[Any] | tuple[Any, ...]:
    """`value` if it is a list or tuple, else an empty list."""
    return value if isinstance(value, list | tuple) else []


def mappings(value: Any) -> list[dict[Any, Any]]:
    """The dicts of a list (other elements skipped)."""
    return [item for item in sequence(value) if isinstance(item, dict)]


def strings(value: Any) -> list[str]:
    """The strings of a list (other elements skipped)."""
    return [item for item in sequence(value) if isinstance(item, str)]


def text(value: Any) -> str | None:
    """`value` if it is a string, else None."""
    return value if isinstance(value, str) else None


def texts_within(value: Any) -> Iterator[str]:
    """Every string value anywhere inside a JSON value, walked without recursion: nesting of
    any depth the reader decoded is read, never a RecursionError."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)


def deeper_than(value: Any, levels: int) -> bool:
    """Whether a JSON value nests more than `levels` lists and objects deep (walked without
    recursion): a reader about to recurse, or to pretty-print, asks first."""
    pending = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list | tuple):
            if depth >= levels:
                return True
            children = item.values() if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return False
