"""Test doubles for crawl modules run without AWS: a sink that keeps rows in memory, a context
whose client is stubbed, and recorded AWS responses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3

from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Redactor

ACCOUNT = "123456789012"


class ListSink:
    """Keeps emitted rows per table, and recorded errors, for assertions."""

    def __init__(self) -> None:
        self.rows: dict[str, list[Any]] = {}
        self.errors: list[Any] = []

    def add(self, table: str, rows: list[Any]) -> None:
        self.rows.setdefault(table, []).extend(rows)

    def error(self, error: Any) -> None:
        self.errors.append(error)


def offline_context(clients: Any = None, account: str = ACCOUNT) -> CrawlContext:
    """A crawl context with no AWS behind it, for calling `get_*` functions on a stubbed client."""
    return CrawlContext(
        clients=clients, sink=ListSink(), account=account, partition="aws", redactor=Redactor(b"k")
    )


class OneClient:
    """A client factory that hands out one (stubbed) client for every service and region."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def client(self, service: str, region: str, probe: bool = False) -> Any:
        return self._client


def stubbed(service: str, region: str = "us-east-1") -> tuple[CrawlContext, Any]:
    """A one-worker crawl context whose every client is one botocore client of `service`, for
    replaying AWS-shaped answers through botocore's Stubber."""
    client = boto3.client(
        service, region_name=region, aws_access_key_id="x", aws_secret_access_key="x"
    )
    ctx = CrawlContext(
        clients=OneClient(client), sink=ListSink(), account=ACCOUNT, partition="aws",
        redactor=Redactor(b"k"), workers=1,
    )  # fmt: skip
    return ctx, client


def recorded(folder: Path, name: str) -> dict[str, Any]:
    """A recorded AWS response (`tests/data/<service>/<name>`) without its `_source` note."""
    return {k: v for k, v in json.loads((folder / name).read_text()).items() if k != "_source"}
