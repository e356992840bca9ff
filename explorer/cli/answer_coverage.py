"""What an answer of `inputs`, `chains` or `blast-radius` may be missing, said on stderr in a
line or two (JSON output carries the same as its `coverage` object)."""

from __future__ import annotations

import sys
from typing import TextIO

from explorer.analysis.coverage import AnswerGap, Coverage
from explorer.safetext import safe

SHOWN = 3
"""Gaps, resources per gap and not-read entries named on one line."""


def print_coverage(coverage: Coverage, out: TextIO | None = None) -> None:
    """The lines of `coverage_lines`, on stderr unless told otherwise."""
    for line in coverage_lines(coverage):
        print(f"explorer: {line}", file=out or sys.stderr)


def coverage_lines(coverage: Coverage) -> list[str]:
    """One line naming what could not be read, if anything touches the answer, and one naming
    what the crawler never reads that could change it."""
    lines = []
    if not coverage.complete:
        named = "; ".join(_gap(gap) for gap in coverage.gaps[:SHOWN])
        lines.append(f"PARTIAL answer: it may miss what could not be read: {named}"
                     + _more(len(coverage.gaps), "--format json lists them"))  # fmt: skip
    if coverage.not_read is None:
        lines.append("what this crawler does not read was not recorded in this snapshot.")
    elif coverage.not_read:
        whats = ", ".join(safe(entry.get("what")) for entry in coverage.not_read[:SHOWN])
        lines.append(f"not read by this crawler, so absent from this answer: {whats}"
                     + _more(len(coverage.not_read), "`explorer info` lists them"))  # fmt: skip
    return lines


def _gap(gap: AnswerGap) -> str:
    if not gap.resources:
        return safe(gap.what)
    names = ", ".join(safe(r) for r in gap.resources[:SHOWN])
    return f"{safe(gap.what)}: {names}" + _more(len(gap.resources), "")


def _more(total: int, where: str) -> str:
    if total <= SHOWN:
        return ""
    return f" and {total - SHOWN} more" + (f" ({where})" if where else "")
