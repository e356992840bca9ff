"""Errors the CLI reports as one sentence and a non-zero exit."""

from __future__ import annotations


class UserError(Exception):
    """Bad input from the user: shown as one line, exit code 2."""

    exit_code = 2
