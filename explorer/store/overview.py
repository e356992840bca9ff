"""What a snapshot holds at a glance: meta, row counts per table, and its coverage gaps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from explorer.store.reader import Snapshot
from explorer.store.schema import data_tables


@dataclass(frozen=True)
class Gap:
    """Calls of one kind that failed: what could not be read."""

    service: str
    operation: str
    code: str
    count: int
    regions: tuple[str, ...]


@dataclass(frozen=True)
class Overview:
    meta: dict[str, Any]
    counts: dict[str, int]
    gaps: tuple[Gap, ...]
    api_calls: int
    undeclared: dict[str, int]
    """Tables in the file this version does not declare, with their row counts."""

    @property
    def partial(self) -> bool:
        """Some call of the crawl failed ("complete" means only that every call succeeded)."""
        return bool(self.gaps)

    @property
    def not_read(self) -> list[dict[str, Any]] | None:
        """What the crawl did not read (`meta["not_read"]`); None when the snapshot predates
        the record."""
        entries = self.meta.get("not_read")
        if not isinstance(entries, list):
            return None
        return [e for e in entries if isinstance(e, dict)]

    @property
    def secret_values_kept(self) -> bool:
        """The crawl kept secret values (`--unsafe-keep-secret-values`): the file holds them."""
        return self.meta.get("secret_values_kept") is True


def overview(snapshot: Snapshot) -> Overview:
    """Summarise a snapshot without loading its rows."""
    counts = {t.name: snapshot.count(t.name) for t in data_tables() if snapshot.db[t.name].exists()}
    return Overview(
        meta=snapshot.meta,
        counts=counts,
        gaps=gaps(snapshot),
        api_calls=sum(r["count"] for r in snapshot.db["api_calls"].rows),
        undeclared=snapshot.undeclared(),
    )


def gaps(snapshot: Snapshot) -> tuple[Gap, ...]:
    """Failed calls grouped by (service, operation, code), most frequent first."""
    kinds: Counter[tuple[str, str, str]] = Counter()
    regions: dict[tuple[str, str, str], set[str]] = {}
    for row in snapshot.db["errors"].rows:
        key = (row["service"], row["operation"], row["code"])
        kinds[key] += 1
        regions.setdefault(key, set()).add(row["region"] or "")
    return tuple(
        Gap(*key, count=n, regions=tuple(sorted(regions[key]))) for key, n in kinds.most_common()
    )
