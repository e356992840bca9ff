"""Which ways of triggering a function a snapshot's answers cover: every trigger kind the graph
knows (the built-in ones and those the sources under `explorer/analysis/sources/` declare),
whether this snapshot holds their tables, and the trigger sources the crawler does not read."""

from __future__ import annotations

from typing import Any

from explorer.analysis import sources
from explorer.crawl.not_read import TRIGGERS


def trigger_coverage(counts: dict[str, int], not_read: list[dict[str, Any]] | None) -> dict:
    """`read`: labels of the kinds this snapshot's answers include; `not_in_snapshot`: declared
    kinds whose tables the file lacks (an older crawl); `not_read`: trigger sources the crawl
    did not read."""
    absent = set()
    for source in sources.declared():
        tables = {n.table for n in source.nodes} | set(source.columns)
        if any(table not in counts for table in tables):
            absent |= {kind.key for kind in source.kinds}
    known = sources.trigger_kinds()
    return {
        "read": [k.label for k in known if k.key not in absent],
        "not_in_snapshot": [k.label for k in known if k.key in absent],
        "not_read": [e.get("what") for e in not_read or [] if TRIGGERS in (e.get("hides") or [])],
    }
