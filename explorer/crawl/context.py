"""What every service module gets: clients, the sink, the account, and failure-recording calls."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from botocore.exceptions import BotoCoreError, ClientError, ConnectTimeoutError, ReadTimeoutError
from botocore.parsers import ResponseParserError

from explorer.schema.records import CallError, Row, Sink

if TYPE_CHECKING:
    from explorer.crawl.client import ClientFactory

ABSENT = frozenset(
    {
        "ResourceNotFoundException",
        "NoSuchBucketPolicy",
        "NoSuchPublicAccessBlockConfiguration",
        "ServerSideEncryptionConfigurationNotFoundError",
        "OwnershipControlsNotFoundError",
        "NoSuchEntity",
        "NotFoundException",
        "NoSuchTagSet",
        "PolicyNotFoundException",
    }
)
"""Error codes that mean "this resource has no such setting", which is data, not a failure."""

FAILURES = (ClientError, BotoCoreError, ResponseParserError)

TIMEOUT_CODES = ((ReadTimeoutError, "ReadTimeout"), (ConnectTimeoutError, "ConnectTimeout"))
"""Codes for calls that got no answer in time (botocore's class names end in `Error`)."""


class CrawlCancelled(Exception):
    """Raised inside workers once the user interrupted the crawl."""


@dataclass(frozen=True)
class CrawlContext:
    """Shared state of one crawl, handed to each service module's `sync`."""

    clients: ClientFactory
    sink: Sink
    account: str
    partition: str
    redactor: Any
    workers: int = 4
    stop: threading.Event = field(default_factory=threading.Event)

    def client(self, service: str, region: str) -> Any:
        return self.clients.client(service, region)

    def map(self, fn: Callable[[Any], None], items: Iterable[Any]) -> None:
        """Run `fn` over per-resource items concurrently (bounded by the worker count)."""
        items = list(items)
        if len(items) <= 1 or self.workers <= 1:
            for item in items:
                fn(item)
            return
        with ThreadPoolExecutor(max_workers=min(self.workers, len(items))) as pool:
            for future in [pool.submit(fn, item) for item in items]:
                future.result()

    def emit(self, table: str, rows: Iterable[Row]) -> None:
        """Send rows for `table` to the snapshot."""
        rows = list(rows)
        if rows:
            self.sink.add(table, rows)

    def call(
        self, client: Any, operation: str, resource: str | None = None, **params: Any
    ) -> dict[str, Any] | None:
        """One API call; None when the setting is absent or the call failed (failure recorded)."""
        self._check_stop()
        try:
            return getattr(client, operation)(**params)
        except FAILURES as exc:
            if error_code(exc) not in ABSENT:
                self.record(client, operation, exc, resource)
            return None

    def paginate(
        self, client: Any, operation: str, key: str, resource: str | None = None, **params: Any
    ) -> list[Any]:
        """Every item under `key` across all pages; on failure, what was read so far."""
        return self._collect(client, operation, key, resource, params)[0]

    def read_whole(
        self, client: Any, operation: str, key: str, resource: str | None = None, **params: Any
    ) -> list[Any] | None:
        """Every item under `key` across all pages, or None (unknown) when a page failed or the
        resource is gone: for lists where a part would read as the whole (a user's keys)."""
        items, whole = self._collect(client, operation, key, resource, params)
        return items if whole else None

    def _collect(
        self, client: Any, operation: str, key: str, resource: str | None, params: dict[str, Any]
    ) -> tuple[list[Any], bool]:
        """(items read, whether every page was read); a failure other than absence is recorded."""
        self._check_stop()
        items: list[Any] = []
        try:
            for page in _pages(client, operation, params):
                items.extend(page.get(key) or [])
        except FAILURES as exc:
            if error_code(exc) not in ABSENT:
                self.record(client, operation, exc, resource)
            return items, False
        return items, True

    def _check_stop(self) -> None:
        if self.stop.is_set():
            raise CrawlCancelled

    def record(
        self, client: Any, operation: str, exc: BaseException, resource: str | None = None
    ) -> None:
        """Write a failed call to the snapshot's `errors` table."""
        self.sink.error(
            CallError(
                service=client.meta.service_model.service_name,
                region=client.meta.region_name,
                operation=_op_name(client, operation),
                code=error_code(exc),
                message=str(exc)[:500],
                resource=resource,
            )
        )


def _pages(client: Any, operation: str, params: dict[str, Any]) -> Iterable[dict[str, Any]]:
    if client.can_paginate(operation):
        yield from client.get_paginator(operation).paginate(**params)
    else:
        yield getattr(client, operation)(**params)


def _op_name(client: Any, operation: str) -> str:
    """The API's own operation name (`ListFunctions`) for a boto3 method name."""
    return str(client.meta.method_to_api_mapping.get(operation, operation))


def error_code(exc: BaseException) -> str:
    """A short code for any failure: the AWS error code, or the exception's class name."""
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code") or "ClientError")
    for kind, code in TIMEOUT_CODES:
        if isinstance(exc, kind):
            return code
    return type(exc).__name__
