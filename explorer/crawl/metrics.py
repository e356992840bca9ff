"""Per-operation call counts and latency, gathered by botocore hooks for the `api_calls` table,
and the calls still in flight, so progress can say what the crawl is waiting for."""

from __future__ import annotations

import itertools
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

_T0 = "explorer_t0"


@dataclass(frozen=True)
class InFlightCall:
    """A call sent and not yet answered (retries included)."""

    call_id: int
    service: str
    operation: str
    region: str
    seconds: float


class ApiCallStats:
    """Thread-safe counters keyed by (service, operation, region), and the calls in flight."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count: dict[tuple[str, str, str], int] = defaultdict(int)
        self._ms: dict[tuple[str, str, str], float] = defaultdict(float)
        self._ids = itertools.count(1)
        self._in_flight: dict[int, tuple[float, tuple[str, str, str]]] = {}

    def before_call(self, model: Any, context: dict[str, Any], region: str, **_: Any) -> None:
        """`before-call` hook: note which call this is and when it started."""
        key = (model.service_model.service_name, model.name, region)
        started = time.perf_counter()
        with self._lock:
            call_id = next(self._ids)
            self._in_flight[call_id] = (started, key)
        context[_T0] = (started, key, call_id)

    def after_call(self, context: dict[str, Any], **_: Any) -> None:
        """`after-call` / `after-call-error` hook: count the call and its time, retries included."""
        started = context.pop(_T0, None)
        if started is None:
            return
        started, key, call_id = started
        with self._lock:
            self._in_flight.pop(call_id, None)
            self._count[key] += 1
            self._ms[key] += (time.perf_counter() - started) * 1000

    def in_flight(self) -> list[InFlightCall]:
        """The calls waiting for an answer, longest-waiting first."""
        now = time.perf_counter()
        with self._lock:
            calls = list(self._in_flight.items())
        return [
            InFlightCall(call_id, *key, seconds=now - started)
            for call_id, (started, key) in sorted(calls, key=lambda c: c[1][0])
        ]

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
