"""Where the synthetic account's API handlers register: what a handler answers, and HANDLERS.

The handler modules (`answers.py`, `answers_more.py`, `answers_iam.py`) import this module and
file each handler under its (service, operation) with `@handles`; `answers.answer` looks calls
up in HANDLERS. This module imports no handler module, so the imports run one way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.synthetic.account import RegionData, SyntheticAccount

Params = dict[str, Any]


@dataclass(frozen=True)
class ApiError:
    """An error response: the AWS error code and HTTP status."""

    code: str
    status: int = 400
    message: str = ""


@dataclass
class Paged:
    """A list result to be paged: result key -> items, plus keys repeated on every page."""

    lists: dict[str, list[Any]]
    size: int = 100
    extra: dict[str, Any] = field(default_factory=dict)
    flat: bool = False
    """Page the lists as one sequence (GetAccountAuthorizationDetails), not side by side."""


Answer = dict[str, Any] | ApiError | Paged
Handler = Callable[[SyntheticAccount, RegionData, Params], Answer]
HANDLERS: dict[tuple[str, str], Handler] = {}


def handles(service: str, operation: str) -> Callable[[Handler], Handler]:
    """Register a handler for one operation (service as botocore names it)."""

    def register(handler: Handler) -> Handler:
        HANDLERS[(service, operation)] = handler
        return handler

    return register


def not_found(what: str, status: int = 404, code: str = "ResourceNotFoundException") -> ApiError:
    return ApiError(code, status, f"{what} not found")
