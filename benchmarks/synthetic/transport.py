"""A canned-response transport for the real crawler: botocore hooks that answer every request
from a synthetic account, optionally after a fixed latency and under AWS's rate limits.

Requests are built, signed and guarded as usual; instead of going out, `before-send` answers
with a minimal body in the service's protocol and `before-parse` hands botocore the parsed
response. Everything above the socket runs for real: the read-only guard, retries in adaptive
mode (throttles answer ThrottlingException and friends), paginators, metrics, transforms, store.

    transport = CannedTransport(account, latency=0.02, limits=True)
    Target(credentials=FAKE_CREDENTIALS, hooks=transport.hooks())
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from botocore.awsrequest import AWSResponse

from benchmarks.synthetic.account import SyntheticAccount
from benchmarks.synthetic.answers import answer
from benchmarks.synthetic.limits import Pacer, RateLimiter
from benchmarks.synthetic.registry import ApiError

FAKE_CREDENTIALS = {"aws_access_key_id": "AKIABENCHMARK0000000", "aws_secret_access_key": "x"}

THROTTLES = {
    "lambda": ("TooManyRequestsException", 429),
    "apigateway": ("TooManyRequestsException", 429),
    "apigatewayv2": ("TooManyRequestsException", 429),
    "cognito-idp": ("TooManyRequestsException", 400),
    "cognito-identity": ("TooManyRequestsException", 400),
    "kinesis": ("LimitExceededException", 400),
    "sns": ("Throttling", 400),
    "iam": ("Throttling", 400),
    "s3": ("SlowDown", 503),
}
"""How each service says "slow down" (others: ThrottlingException, 400)."""


class _Body:
    """A response body botocore can read."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    def stream(self, **_: Any) -> Any:
        yield self._data


class CannedTransport:
    """Answers the crawler's requests from `account`; counts calls and throttles."""

    def __init__(
        self,
        account: SyntheticAccount,
        latency: float = 0.0,
        limits: bool = False,
        pacer: Pacer | None = None,
    ) -> None:
        self.account = account
        self.latency = latency
        self.limiter = RateLimiter() if limits else None
        self.pacer = pacer
        """Stands in for client-side pacing the crawler could do (an experiment)."""
        self.requests: Counter[str] = Counter()
        self.throttled: Counter[str] = Counter()
        self._local = threading.local()
        self._lock = threading.Lock()

    def hooks(self) -> tuple[tuple[str, Callable[..., Any]], ...]:
        """The botocore handlers to pass as `Target(hooks=...)`."""
        return (
            ("before-parameter-build.*.*", self._note),
            ("before-send.*.*", self._send),
            ("before-parse.*.*", self._parse),
        )

    def _note(self, params: dict[str, Any], model: Any, context: dict[str, Any], **_: Any) -> None:
        """Remember the call's parameters: one call runs wholly in one thread."""
        service = model.service_model.service_name
        self._local.call = (service, model.name, dict(params), context.get("client_region"))
        self._local.protocol = model.service_model.protocol

    def _send(self, request: Any, **_: Any) -> AWSResponse:
        service, operation, params, region = self._local.call
        if self.pacer is not None:
            self.pacer.wait(service, operation, region)
        admitted = self.limiter is None or self.limiter.admit(service, operation, region)
        if self.latency:
            time.sleep(self.latency)
        reply = answer(self.account, service, operation, params, region) if admitted else None
        self._count(service, operation, admitted)
        if reply is None:
            code, status = THROTTLES.get(service, ("ThrottlingException", 400))
            reply = ApiError(code, status, "Rate exceeded")
        body = _Body(_body(self._local.protocol, operation))
        if isinstance(reply, ApiError):
            self._local.parsed = {"Error": {"Code": reply.code, "Message": reply.message}}
            return AWSResponse(request.url, reply.status, {}, body)
        self._local.parsed = reply
        return AWSResponse(request.url, 200, {}, body)

    def _parse(self, customized_response_dict: dict[str, Any], **_: Any) -> None:
        customized_response_dict.update(self._local.parsed)

    def _count(self, service: str, operation: str, admitted: bool) -> None:
        key = f"{service}:{operation}"
        with self._lock:
            self.requests[key] += 1
            if not admitted:
                self.throttled[key] += 1


def _body(protocol: str, operation: str) -> bytes:
    """The smallest body the service's protocol parser reads as an empty response."""
    if protocol == "query":
        return f"<{operation}Response><{operation}Result/></{operation}Response>".encode()
    if protocol == "ec2":
        return b"<Response/>"
    if protocol == "rest-xml":
        return b""
    return b"{}"
