"""AWS control-plane rate limits, a token bucket that enforces them, and the crawl's lower bound.

Where AWS publishes a per-API quota the value below is that quota (per account and region):
Lambda's control plane (15 requests/s shared by every list call, GetPolicy 15/s), Kinesis
(ListStreams 5/s, DescribeStreamSummary 20/s), Step Functions' API token buckets
(ListStateMachines 100 then 5/s, DescribeStateMachine 200 then 20/s), API Gateway's management
quotas (GetResources 5/s, other calls 10/s with a burst of 40). The rest are marked `assumed`:
AWS does not publish them per API, and the figure is a plausible default. The crawl benchmark's
ratio compares the crawl against these same limits, so it stays meaningful either way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Limit:
    """One rate-limit group: calls of its operations share `rate` per second after `burst`."""

    group: str
    rate: float
    burst: float
    source: str = "assumed"
    per_account: bool = False
    """Global services (IAM) are limited per account, not per region."""


def _limit(
    group: str,
    rate: float,
    burst: float | None = None,
    source: str = "assumed",
    per_account: bool = False,
) -> Limit:
    return Limit(group, rate, burst if burst is not None else rate, source, per_account)


LAMBDA_CONTROL = _limit("lambda control plane", 15, source="Lambda quotas")
LAMBDA_POLICY = _limit("lambda GetPolicy", 15, source="Lambda quotas")
APIGW = _limit("apigateway management", 10, 40, source="API Gateway quotas")
GROUPS: dict[str, dict[str, Limit]] = {
    "lambda": {"GetPolicy": LAMBDA_POLICY, "*": LAMBDA_CONTROL},
    "logs": {
        "DescribeLogGroups": _limit("logs DescribeLogGroups", 10),
        "DescribeSubscriptionFilters": _limit("logs DescribeSubscriptionFilters", 5),
    },
    "kinesis": {
        "ListStreams": _limit("kinesis ListStreams", 5, source="Kinesis quotas"),
        "DescribeStreamSummary": _limit(
            "kinesis DescribeStreamSummary", 20, source="Kinesis quotas"
        ),
        "*": _limit("kinesis other", 5),
    },
    "stepfunctions": {
        "ListStateMachines": _limit("states ListStateMachines", 5, 100, "Step Functions quotas"),
        "*": _limit("states DescribeStateMachine", 20, 200, "Step Functions quotas"),
    },
    "apigateway": {
        "GetResources": _limit("apigateway GetResources", 5, source="API Gateway quotas"),
        "*": APIGW,
    },
    "apigatewayv2": {"*": APIGW},
    "sns": {
        "GetTopicAttributes": _limit("sns GetTopicAttributes", 100),
        "GetSubscriptionAttributes": _limit("sns GetSubscriptionAttributes", 100),
        "*": _limit("sns list calls", 30),
    },
    "sqs": {"*": _limit("sqs control plane", 100)},
    "dynamodb": {"*": _limit("dynamodb control plane", 100)},
    "cognito-idp": {
        "ListUserPoolClients": _limit("cognito UserPoolClientRead", 15),
        "DescribeUserPoolClient": _limit("cognito UserPoolClientRead", 15),
        "*": _limit("cognito UserPoolRead", 15),
    },
    "cognito-identity": {"*": _limit("cognito-identity pool reads", 5)},
    "events": {"*": _limit("events control plane", 50)},
    "iam": {"*": _limit("iam reads", 20, per_account=True)},
    "s3": {"*": _limit("s3 bucket configuration", 100)},
}
"""service -> operation (or `*`) -> its limit; services absent here are not limited."""


def limit_for(service: str, operation: str) -> Limit | None:
    by_operation = GROUPS.get(service) or {}
    return by_operation.get(operation) or by_operation.get("*")


class TokenBucket:
    """A thread-safe token bucket: `burst` tokens, refilled at `rate` per second."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate, self.burst = rate, burst
        self._tokens, self._last = burst, time.monotonic()
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            if self._tokens >= 1:
                self._tokens -= 1
                return True
            return False


class RateLimiter:
    """Admits or throttles calls, one bucket per (region, limit group) as AWS counts them."""

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, str], TokenBucket] = {}
        self._lock = threading.Lock()

    def admit(self, service: str, operation: str, region: str) -> bool:
        limit = limit_for(service, operation)
        if limit is None:
            return True
        key = ("account" if limit.per_account else region, limit.group)
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = TokenBucket(limit.rate, limit.burst)
        return bucket.take()


class Pacer:
    """Client-side pacing (an experiment, not the crawler's behaviour today): each call waits
    for its group's token instead of being throttled, at `share` of the published rate."""

    def __init__(self, share: float = 0.95) -> None:
        self.share = share
        self._next: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def wait(self, service: str, operation: str, region: str) -> None:
        limit = limit_for(service, operation)
        if limit is None:
            return
        key = ("account" if limit.per_account else region, limit.group)
        interval = 1 / (limit.rate * self.share)
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(key, now - limit.burst * interval))
            self._next[key] = start + interval
        if start > now:
            time.sleep(start - now)


@dataclass(frozen=True)
class Bound:
    """The least time the limits allow: the busiest group of the slowest region."""

    seconds: float
    region: str
    group: str
    calls: int


def lower_bound(api_calls: Iterable[dict[str, Any]]) -> Bound:
    """From the snapshot's `api_calls` rows: per region, each group's (calls - burst) / rate;
    regions run in parallel, so the bound is the largest of those."""
    calls: dict[tuple[str, str], int] = {}
    limits: dict[str, Limit] = {}
    for row in api_calls:
        limit = limit_for(row["service"], row["operation"])
        if limit is None:
            continue
        key = ("account" if limit.per_account else row["region"], limit.group)
        calls[key] = calls.get(key, 0) + int(row["count"])
        limits[limit.group] = limit
    best = Bound(0.0, "", "", 0)
    for (region, group), count in sorted(calls.items()):
        limit = limits[group]
        seconds = max(0.0, count - limit.burst) / limit.rate
        if seconds > best.seconds:
            best = Bound(seconds, region, group, count)
    return best
