"""The vocabulary of the generated AWS: how a call pages, one answer being made, a row to expect."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from tests.crawl.shapes.realism import STEMS


@dataclass(frozen=True)
class Paging:
    """How a call pages: request token, response token, the lists it pages, a more-results flag.

    An empty `output_token` is paging by the last item: the next request names the last item
    of the page (Firehose's `ExclusiveStartDeliveryStreamName`)."""

    input_token: str
    output_token: str
    result_keys: tuple[str, ...]
    more_results: str | None = None
    limit_key: str | None = None


def call_key(service: str, operation: str, params: dict[str, Any], paging: Paging | None) -> str:
    """A call's identity, without its page token and page size."""
    skip = {paging.input_token, paging.limit_key} if paging else set()
    kept = {k: v for k, v in params.items() if k not in skip}
    return json.dumps([service, operation, kept], sort_keys=True, default=str)


@dataclass
class Call:
    """One generated answer while it is being made into one AWS can send."""

    service: str
    operation: str
    params: dict[str, Any]
    response: dict[str, Any]
    page: int
    world: Any

    def name(self) -> str:
        """A fresh name, unique in this example."""
        return f"{self.world.draw(STEMS)}-{self.world.next()}"

    def draw(self, strategy: st.SearchStrategy[Any]) -> Any:
        return self.world.draw(strategy)

    def items(self, key: str) -> list[dict[str, Any]]:
        return self.response.get(key) or []

    @property
    def rich(self) -> bool:
        return bool(self.world.rich)


@dataclass(frozen=True)
class Landing:
    """A row that must exist: in `table`, with these column values (or a value for which a
    callable column says True), unless the call `unless` (a `call_key`) was answered "no such
    resource"."""

    table: str
    keys: dict[str, Any]
    unless: str | None = None
    source: tuple[str, str] | None = None
    """The (service, operation) whose answer held the record (set by the fake)."""
    lost_if_failed: tuple[str, ...] = ()
    """`call_key`s of lists the crawler keeps whole or not at all (a user's access keys: a part
    would read as all of them): a failed page of one makes the record unknown, not missing."""


def nothing(call: Call) -> list[Landing]:
    return []


@dataclass(frozen=True)
class Spec:
    """What AWS guarantees for one operation beyond its output shape, and where records land."""

    module: str
    """The crawl module whose `sync` makes the call (`runner` for the crawl's own first calls)."""
    fix: Callable[[Call], Any] = nothing
    """Makes a drawn response one AWS can send (unique ids, ARNs naming what was asked for)."""
    lands: Callable[[Call], Iterable[Landing]] = nothing
    absent: str | None = None
    """The error AWS answers when the resource has no such setting (or is gone)."""
    fallback_for: str | None = None
    """Called only where the endpoint lacks this other operation of the same service."""
    paging: Paging | None = None
    """Tokens of a call the crawler pages by hand (botocore has no paginator for it)."""
    items: tuple[str, ...] = ()
    """Lists of a call that does not page, filled in rich mode."""


Column = str | Callable[[Call, dict[str, Any]], Any]


def rows(table: str, list_key: str, **columns: Column) -> Callable[[Call], list[Landing]]:
    """Each item under `list_key` lands in `table`; a column is an item key or `(call, item) ->`."""

    def lands(call: Call) -> list[Landing]:
        return [
            Landing(table, {c: v(call, i) if callable(v) else i[v] for c, v in columns.items()})
            for i in call.items(list_key)
        ]

    return lands


def param(name: str) -> Callable[[Call, dict[str, Any]], Any]:
    """A column whose value is the request's parameter `name`."""
    return lambda call, item: call.params[name]
