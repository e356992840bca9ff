"""Hung calls end: a call that timed out is retried at most once, and an operation that keeps
timing out in a region is not sent again there (each call not sent is recorded as a gap).

botocore's retry policy retries a read timeout like any other transient error, up to
`max_attempts` times; sized for throttling (8 attempts), that made one hung call cost minutes.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

from botocore.exceptions import BotoCoreError, ConnectTimeoutError, ReadTimeoutError

TIMEOUTS = (ReadTimeoutError, ConnectTimeoutError)
RETRY_EVENT = "needs-retry.*.*"
"""Registered first on a deeper node than botocore's own `needs-retry.<service>` handler, so its
`False` (no retry) is the first answer and wins."""

_KEY = "explorer_timeout_key"


class SkippedAfterTimeouts(BotoCoreError):
    """A call not sent because its operation already timed out repeatedly in that region."""

    fmt = "not sent: {operation} in {region} got no answer in time on {count} earlier call(s)"


def limit_timeout_retries(
    attempts_allowed: int, stopping: threading.Event
) -> Callable[..., bool | None]:
    """A `needs-retry` handler that ends a call once it timed out `attempts_allowed` times, or
    at once when the crawl is stopping (Ctrl-C waits for calls in flight: not for retries).

    Other failures (throttling, 5xx) keep botocore's policy: None lets its handler decide.
    """

    def handler(attempts: int, caught_exception: BaseException | None = None, **_: Any) -> Any:
        timed_out = isinstance(caught_exception, TIMEOUTS) and attempts >= attempts_allowed
        return False if timed_out or stopping.is_set() else None

    return handler


class TimeoutBreaker:
    """Counts timed-out calls per (service, operation, region) and, past `limit`, sends no more."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._timeouts: Counter[tuple[str, str, str]] = Counter()

    def before_call(self, model: Any, context: dict[str, Any], region: str, **_: Any) -> None:
        """`before-call` hook: refuse an operation that has timed out `limit` times here."""
        key = (model.service_model.service_name, model.name, region)
        with self._lock:
            count = self._timeouts[key]
        if count >= self.limit:
            raise SkippedAfterTimeouts(operation=f"{key[0]}:{key[1]}", region=region, count=count)
        context[_KEY] = key

    def after_call_error(self, exception: BaseException, context: dict[str, Any], **_: Any) -> None:
        """`after-call-error` hook (after all retries): count a call that ended in a timeout."""
        key = context.get(_KEY)
        if key is not None and isinstance(exception, TIMEOUTS):
            with self._lock:
                self._timeouts[key] += 1
