"""The read-only guard: a botocore hook that lets through only the operations the crawler uses.

The allow-list is `permissions.OPERATIONS`, the same list that generates the README's
least-privilege policy, so what the guard allows and what the policy grants cannot drift apart.
Anything else (a write, or a read that returns secrets or data, like `ssm:GetParameterHistory`)
is refused before its request is built.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.permissions import OPERATIONS

ALLOWED = frozenset((service, op) for service, ops in OPERATIONS.items() for op in ops)
"""(botocore service name, operation name) pairs the crawler may call."""

GUARD_EVENT = "before-parameter-build.*.*"
"""Emitted by every client call (paginators and waiters included) before parameter validation,
endpoint resolution and the request itself, so a refused call builds nothing."""


class ReadOnlyViolation(RuntimeError):
    """Raised before a request is built when the crawl tries an operation it does not use."""


def is_allowed(service: str, operation: str) -> bool:
    """True for an operation (botocore names, e.g. `lambda`, `ListFunctions`) the crawler uses."""
    return (service, operation) in ALLOWED


def check_service(service: str) -> None:
    """Refuse a client for a service the crawler reads nothing from."""
    if service not in OPERATIONS:
        raise ReadOnlyViolation(f"refused a {service} client: the crawler reads nothing from it")


def refuse_unlisted(model: Any, **_: Any) -> None:
    """`before-parameter-build` hook: raise unless the operation is on the allow-list."""
    service = model.service_model.service_name
    if not is_allowed(service, model.name):
        raise ReadOnlyViolation(
            f"refused {service}:{model.name}: the crawler calls only the operations "
            "listed in explorer.crawl.permissions"
        )
