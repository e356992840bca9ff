"""Crawl into a snapshot file, and tell the user what was and was not read."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from explorer.cli.errors import UserError
from explorer.cli.info_cmd import print_overview
from explorer.cli.notices import warn
from explorer.cli.progress import crawl_progress
from explorer.crawl.not_read import not_read
from explorer.crawl.redact import Redactor, load_key
from explorer.crawl.runner import CrawlOptions, CrawlSummary, crawl
from explorer.store.overview import overview
from explorer.store.reader import open_snapshot
from explorer.store.writer import SnapshotWriteError, SnapshotWriter

PARTIAL_EXIT = 3
"""Exit code of a crawl that finished but could not read everything (see the errors table)."""
KEEP_VALUES_WARNING = (
    "explorer: warning: --unsafe-keep-secret-values: this snapshot will hold environment "
    "variables and every other literal configuration value in plain text, secrets included."
)
"""Printed on stderr when a crawl keeps values, even with --quiet."""


@dataclass(frozen=True)
class CrawlOutcome:
    path: Path
    summary: CrawlSummary


def crawl_to_snapshot(
    options: CrawlOptions,
    cache: Path,
    out: Path | None = None,
    keep_secret_values: bool = False,
    quiet: bool = False,
) -> CrawlOutcome:
    """Run the crawl and write the snapshot; Ctrl-C leaves no file that looks complete.

    A snapshot that cannot be written is reported before the first AWS call.
    """
    if keep_secret_values:
        print(KEEP_VALUES_WARNING, file=sys.stderr, flush=True)
    redactor = Redactor(load_key(), keep_values=keep_secret_values)
    try:
        writer = SnapshotWriter(cache, out, warn)
        return _crawl_into(writer, options, redactor, keep_secret_values, quiet)
    except SnapshotWriteError as exc:
        raise UserError(str(exc)) from exc


def _crawl_into(
    writer: SnapshotWriter,
    options: CrawlOptions,
    redactor: Redactor,
    keep_secret_values: bool,
    quiet: bool,
) -> CrawlOutcome:
    with writer, crawl_progress(quiet) as progress:
        summary = crawl(options, writer, redactor, progress)
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
            "not_read": not_read(options.services),
        }
        path = writer.finish(meta, summary.stats.rows())
    return CrawlOutcome(path, summary)


def print_summary(outcome: CrawlOutcome) -> None:
    """What was read, and each kind of failed call (coverage gaps), on stderr."""
    snapshot = open_snapshot(outcome.path)
    try:
        print_overview(overview(snapshot), outcome.path, sys.stderr)
    finally:
        snapshot.close()
