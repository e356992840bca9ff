"""Runs one crawl module's real `sync` (or the crawl's own first calls) against generated AWS."""

from __future__ import annotations

import atexit
import importlib
import tempfile
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

from explorer.crawl import registry, runner
from explorer.crawl.client import ClientFactory, Target
from explorer.crawl.context import CrawlContext
from explorer.crawl.metrics import ApiCallStats
from explorer.crawl.redact import Redactor
from explorer.schema.records import CallError
from explorer.store.writer import SnapshotWriter
from tests.crawl.helpers import ListSink
from tests.crawl.shapes.fake import FakeAws, World
from tests.crawl.shapes.model import Landing
from tests.crawl.shapes.realism import ACCOUNT, REGION

CREDENTIALS = {"aws_access_key_id": "AKIDEXAMPLE", "aws_secret_access_key": "generated"}


@cache
def primary_keys() -> dict[str, tuple[str, ...]]:
    return {t.name: (t.pk,) if isinstance(t.pk, str) else t.pk for t in registry.tables()}


class KeyedSink(ListSink):
    """Keeps rows as the snapshot writer does: a later row with the same primary key replaces the
    earlier one, so two records that collapse into one row do not both count as landed. Rows also
    go through the real writer, so each one is proved storable."""

    def __init__(self, writer: SnapshotWriter) -> None:
        super().__init__()
        self.writer = writer

    def add(self, table: str, rows: list[Any]) -> None:
        pk = primary_keys().get(table)
        if pk is None:
            return super().add(table, rows)
        self.writer.add(table, rows)
        kept = {tuple(row.get(k) for k in pk): row for row in self.rows.get(table, [])}
        kept.update((tuple(row.get(k) for k in pk), row) for row in rows)
        self.rows[table] = list(kept.values())


@cache
def redactor() -> Redactor:
    return Redactor(b"shapes")


class Harness:
    """Real clients from the crawler's own `ClientFactory`, answered by one `FakeAws`."""

    def __init__(self, module: str) -> None:
        self.module = module
        self._folder = tempfile.TemporaryDirectory(prefix="crawl-shapes-")
        self.writer = SnapshotWriter(Path(self._folder.name)).__enter__()
        atexit.register(self._close)
        self.fake = FakeAws()
        self.target = Target(credentials=CREDENTIALS, hooks=self.fake.hooks(), max_attempts=1)
        self.clients = ClientFactory(self.target, ApiCallStats(), workers=1)

    def crawl(self, world: World) -> ListSink:
        """One example: the module's `sync` on a fresh sink (one worker: draws stay in order)."""
        self.fake.reset(world)
        sink = KeyedSink(self.writer)
        ctx = CrawlContext(
            clients=self.clients, sink=sink, account=ACCOUNT, partition="aws",
            redactor=redactor(), workers=1,
        )  # fmt: skip
        if self.module == "runner":
            self._crawl_account(ctx, sink)
        else:
            importlib.import_module(f"explorer.crawl.{self.module}").sync(ctx, REGION)
        return sink

    def _close(self) -> None:
        self.writer.__exit__(None, None, None)
        self._folder.cleanup()

    def _crawl_account(self, ctx: CrawlContext, sink: ListSink) -> None:
        """The crawl's own first calls: who am I, and which regions are enabled.

        Called directly (not through `runner.crawl`): its units run on a worker thread, where
        Hypothesis cannot draw.
        """
        try:
            identity = runner.identify(self.clients, REGION)
        except runner.CrawlFailed as exc:  # no identity: the crawl refuses to start (exit 2)
            sink.error(CallError("sts", REGION, "GetCallerIdentity", "CrawlFailed", str(exc)))
            return
        sink.rows["@identity"] = [{"account": identity["Account"], "arn": identity["Arn"]}]
        sink.rows["@regions"] = [{"region": r} for r in runner.enabled_regions(ctx, REGION)]


@cache
def harness_for(module: str) -> Harness:
    return Harness(module)


def missing(fake: FakeAws, sink: ListSink) -> list[Landing]:
    """Generated records with no row, except those AWS said were gone."""
    return [
        landing
        for landing in fake.expected
        if landing.unless not in fake.absent
        and not fake.failed_keys.intersection(landing.lost_if_failed)
        and not _found(landing, sink.rows.get(landing.table))
    ]


def _found(landing: Landing, rows: list[dict[str, Any]] | None) -> bool:
    return any(all(_holds(row.get(k), v) for k, v in landing.keys.items()) for row in rows or [])


def _holds(value: Any, expected: Any) -> bool:
    return bool(expected(value)) if callable(expected) else value == expected


@dataclass(frozen=True)
class Outcome:
    """What one or more crawls against generated responses did, kept for later assertions."""

    calls: frozenset[tuple[str, str]] = frozenset()
    problems: tuple[str, ...] = ()
    errors: tuple[CallError, ...] = ()
    unfollowed: tuple[str, ...] = ()
    missing: tuple[Landing, ...] = ()

    @classmethod
    def of(cls, fake: FakeAws, sink: ListSink) -> Outcome:
        return cls(
            frozenset(fake.calls), tuple(fake.problems), tuple(sink.errors),
            tuple(fake.unfollowed()), tuple(missing(fake, sink)),
        )  # fmt: skip

    def __or__(self, other: Outcome) -> Outcome:
        pairs = ((getattr(self, f.name), getattr(other, f.name)) for f in fields(self))
        return Outcome(*(a | b if isinstance(a, frozenset) else a + b for a, b in pairs))


def assert_complete(fake: FakeAws, sink: ListSink) -> None:
    """Nothing odd generated, no call failed, every page was asked for, every record landed."""
    assert fake.problems == []
    assert sink.errors == []
    assert fake.unfollowed() == []
    assert missing(fake, sink) == []
