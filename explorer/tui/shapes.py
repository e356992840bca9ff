"""Snapshot values in the shape a view expects: a row column that holds something else (None, a
string where a dict belongs, a list of numbers) reads as empty, so a view never fails on it."""

from __future__ import annotations

from typing import Any


def mapping(value: Any) -> dict[Any, Any]:
    """`value` if it is a dict, else an empty one."""
    return value if isinstance(value, dict) else {}


def sequence(value: Any) -> list[Any]:
    """`value` as a list if it is a list or tuple, else an empty one."""
    return list(value) if isinstance(value, list | tuple) else []
