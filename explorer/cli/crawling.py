"""Crawl into a snapshot file, and tell the user what was and was not read."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from explorer.cli.progress import crawl_progress
from explorer.crawl.redact import Redactor, load_key
from explorer.crawl.runner import CrawlOptions, CrawlSummary, crawl
from explorer.store.schema import data_tables
from explorer.store.writer import SnapshotWriter

PARTIAL_EXIT = 3
"""Exit code of a crawl that finished but could not read everything (see the errors table)."""


@dataclass(frozen=True)
class CrawlOutcome:
    path: Path
    summary: CrawlSummary
    counts: dict[str, int]


def crawl_to_snapshot(
    options: CrawlOptions,
    cache: Path,
    out: Path | None = None,
    keep_secret_values: bool = False,
    quiet: bool = False,
) -> CrawlOutcome:
    """Run the crawl and write the snapshot; Ctrl-C leaves no file that looks complete."""
    redactor = Redactor(load_key(), keep_values=keep_secret_values)
    with SnapshotWriter(cache, out) as writer, crawl_progress(quiet) as progress:
        summary = crawl(options, writer, redactor, progress)
        counts = {t.name: writer.db[t.name].count for t in data_tables()}
        meta = {
            "account": summary.account,
            "partition": summary.partition,
            "caller_arn": summary.caller_arn,
            "regions": summary.regions,
            "started": summary.started,
            "finished": summary.finished,
            "endpoint_url": options.target.endpoint_url,
            "partial": bool(summary.errors),
            "error_count": len(summary.errors),
            "secret_values_kept": keep_secret_values,
        }
        path = writer.finish(meta, summary.stats.rows())
    return CrawlOutcome(path, summary, counts)


def print_summary(outcome: CrawlOutcome) -> None:
    """What was read, and each kind of failed call (coverage gaps), on stderr."""
    s = outcome.summary
    err = sys.stderr
    print(f"account {s.account} ({s.partition}), regions: {', '.join(s.regions)}", file=err)
    counts = ", ".join(f"{n} {t}" for t, n in outcome.counts.items() if n)
    print(f"read: {counts or 'nothing'}; {s.stats.total()} API calls", file=err)
    if not s.errors:
        print("coverage: complete (no failed calls)", file=err)
        return
    print(f"coverage: PARTIAL, {len(s.errors)} failed calls could not be read:", file=err)
    kinds = Counter((e.service, e.operation, e.code) for e in s.errors)
    for (service, operation, code), n in kinds.most_common(20):
        print(f"  {service}:{operation} {code} x{n}", file=err)
