"""Test doubles for crawl modules run without a client: a sink that keeps rows in memory."""

from __future__ import annotations

from typing import Any

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
