"""Date values for the Date* condition operators: W3C ISO 8601 forms and epoch seconds, and
spans of time for keys known only to lie between two instants."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
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


def iso_text(seconds: float) -> str | None:
    """An instant as AWS writes aws:CurrentTime (`2026-01-15T10:00:00Z`), None when out of range."""
    if not math.isfinite(seconds):
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (ValueError, OverflowError, OSError):
        return None


@dataclass(frozen=True, slots=True)
class Span:
    """A request time known only to lie in [earliest, latest] (epoch seconds): the value of
    aws:TokenIssueTime when only the current time is known. `optional` when the key may also
    be absent (long-term credentials carry no token)."""

    earliest: float
    latest: float
    optional: bool = False

    def compare(self, operator: str, instant: float) -> bool | None:
        """Whether `value <operator> instant` holds for every value of the span (True), for
        none (False), or for some only (None). DateNotEquals is asked as DateEquals."""
        low, high = self.earliest, self.latest
        every, none = {
            "DateEquals": (low == high == instant, instant < low or instant > high),
            "DateNotEquals": (low == high == instant, instant < low or instant > high),
            "DateLessThan": (high < instant, low >= instant),
            "DateLessThanEquals": (high <= instant, low > instant),
            "DateGreaterThan": (low > instant, high <= instant),
            "DateGreaterThanEquals": (low >= instant, high < instant),
        }[operator]
        return True if every else False if none else None
