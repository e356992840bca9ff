"""Date values for the Date* condition operators: W3C ISO 8601 forms and epoch seconds."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache

_EPOCH = re.compile(r"^-?\d+(\.\d+)?$")
_MILLIS_THRESHOLD = 100_000_000_000
"""Epoch values above this are taken as milliseconds (seconds would be past year 5000)."""


@lru_cache(maxsize=4096)
def parse_date(text: str) -> float | None:
    """Seconds since the epoch for an ISO 8601 date/time or an epoch number, else None.

    A date or time without a zone is read as UTC, as AWS does.
    """
    text = text.strip()
    if _EPOCH.match(text):
        seconds = float(text)
        return seconds / 1000 if abs(seconds) > _MILLIS_THRESHOLD else seconds
    try:
        moment = datetime.fromisoformat(_normalise(text))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.timestamp()
    except (ValueError, OverflowError):
        return None


def _normalise(text: str) -> str:
    """Forms fromisoformat rejects but W3C allows: `YYYY`, `YYYY-MM`, lower-case `z`/`t`."""
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{text}-01"
    return text.replace("t", "T").replace("z", "Z")
