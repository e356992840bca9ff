"""Per-operation call counts and latency, gathered by botocore hooks for the `api_calls` table."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from typing import Any

_T0 = "explorer_t0"


class ApiCallStats:
    """Thread-safe counters keyed by (service, operation, region)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count: dict[tuple[str, str, str], int] = defaultdict(int)
        self._ms: dict[tuple[str, str, str], float] = defaultdict(float)

    def before_call(self, model: Any, context: dict[str, Any], region: str, **_: Any) -> None:
        """`before-call` hook: note which call this is and when it started."""
        context[_T0] = (time.perf_counter(), (model.service_model.service_name, model.name, region))

    def after_call(self, context: dict[str, Any], **_: Any) -> None:
        """`after-call` / `after-call-error` hook: count the call and its time, retries included."""
        started = context.pop(_T0, None)
        if started is None:
            return
        started, key = started
        with self._lock:
            self._count[key] += 1
            self._ms[key] += (time.perf_counter() - started) * 1000

    def rows(self) -> list[dict[str, Any]]:
        """One row per (service, operation, region) for the snapshot."""
        with self._lock:
            return [
                {
                    "service": service,
                    "operation": operation,
                    "region": region,
                    "count": count,
                    "total_ms": round(self._ms[(service, operation, region)], 1),
                }
                for (service, operation, region), count in sorted(self._count.items())
            ]

    def total(self, operation: str | None = None) -> int:
        """Calls made so far, optionally of one operation."""
        with self._lock:
            return sum(c for (_, op, _), c in self._count.items() if operation in (None, op))
