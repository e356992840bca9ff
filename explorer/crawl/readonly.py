"""The read-only guard: a botocore hook that refuses any operation that could change an account."""

from __future__ import annotations

from typing import Any

READ_PREFIXES = ("List", "Get", "Describe")
"""Operation name prefixes that AWS uses for reads."""

REFUSED_READS = frozenset(
    {
        "GetSecretValue",
        "GetParameter",
        "GetParameters",
        "GetParametersByPath",
        "GetObject",
        "GetSessionToken",
        "GetFederationToken",
        "GetRandomPassword",
        "GetFunction",
        "GetLayerVersion",
        "GetExport",
        "GetSdk",
        "GetQueryResults",
    }
)
"""Reads that return secret values, object data, code, or mint credentials: never needed."""


class ReadOnlyViolation(RuntimeError):
    """Raised before a request is sent when a crawl tries a non-read operation."""


def is_read_operation(name: str) -> bool:
    """True when an operation (botocore model name, e.g. `ListFunctions`) only reads metadata."""
    return name.startswith(READ_PREFIXES) and name not in REFUSED_READS


def refuse_writes(model: Any, **_: Any) -> None:
    """`before-call` hook: raise unless the operation is a metadata read."""
    if not is_read_operation(model.name):
        raise ReadOnlyViolation(
            f"refused {model.service_model.service_name}:{model.name}: the crawler is read-only"
        )
