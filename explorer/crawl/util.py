"""Small helpers shared by crawl modules: JSON-ish policy text, ARNs, and response cleanup."""

from __future__ import annotations

import json
import urllib.parse
from datetime import UTC, datetime
from typing import Any


def clean(response: dict[str, Any] | None) -> dict[str, Any]:
    """An API response without botocore's transport metadata."""
    return {k: v for k, v in (response or {}).items() if k != "ResponseMetadata"}


def parse_policy(text: Any) -> Any:
    """A policy document from whatever AWS returned: dict, JSON text, URL-encoded or escaped JSON.

    API Gateway sends `{\\"Version\\":...}`: JSON whose quotes are backslash-escaped, with no
    surrounding quotes; it is read as the body of a JSON string. Unparseable text is kept as a
    string so the analysis can report it as malformed.
    """
    if text is None or isinstance(text, dict | list):
        return text
    if not isinstance(text, str):
        return str(text)
    parsed = _parse_text(text)
    if isinstance(parsed, str) and '\\"' in parsed:
        try:
            return _parse_text(json.loads(f'"{parsed}"'))
        except ValueError:
            return parsed
    return parsed


def _parse_text(text: str) -> Any:
    candidate = text
    for _ in range(3):
        try:
            value = json.loads(candidate)
        except ValueError:
            decoded = urllib.parse.unquote(candidate)
            if decoded == candidate:
                return text
            candidate = decoded
            continue
        if isinstance(value, str):  # JSON text escaped inside a JSON string
            candidate = value
            continue
        return value
    return text


def arn_partition(arn: str) -> str:
    """The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`)."""
    parts = arn.split(":", 5)
    return parts[1] if len(parts) > 1 and parts[1] else "aws"


def iso_time(value: Any) -> str | None:
    """A time as UTC ISO 8601 to the second (`2024-05-01T12:00:00+00:00`, as the snapshot's meta
    writes it), from a datetime or ISO text; None for anything else (`N/A`, `no_information`).
    A time without a zone is read as UTC, the zone AWS writes."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC).isoformat(timespec="seconds")
    except (OverflowError, ValueError):  # a time near year 1 or 9999 in another zone
        return None
