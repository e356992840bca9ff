"""A9 rules: deprecated runtimes (judged against dated data) and layers from other accounts.

Runtimes are judged at the snapshot's date (so re-analysis gives the same answer), against
`runtime_lifecycle.runtime_data()`. When that data is more than 180 days older than the snapshot,
every runtime finding says so, and an info finding says it even when nothing was flagged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import HIGH, INFO, LOW, MEDIUM, Finding, make
from explorer.analysis.findings.runtime_lifecycle import STALE_AFTER_DAYS, Lifecycle, RuntimeData
from explorer.analysis.shapes import strings

UPCOMING = timedelta(days=180)
"""How far ahead a coming deprecation is reported (as low)."""


def deprecated_runtimes(ctx: Context, data: RuntimeData) -> Iterator[Finding]:
    """One finding per function whose runtime is deprecated or will be within 180 days."""
    for arn, row in sorted(ctx.functions.items()):
        known = data.runtimes.get(str(row.get("runtime") or ""))
        judged = _judge(known, ctx.today) if known else None
        if known and judged:
            severity, state = judged
            yield _runtime_finding(ctx, data, arn, known, severity, state)
    if data.stale(ctx.today):
        yield _stale_data(ctx, data)


def _judge(life: Lifecycle, on: date) -> tuple[str, str] | None:
    """(severity, what happened) on a day, or None when nothing is due yet."""
    if life.update_blocked and life.update_blocked <= on:
        return HIGH, f"deprecated on {life.deprecated}; updates blocked since {life.update_blocked}"
    if life.deprecated and life.deprecated <= on:
        blocked = f"; updates blocked from {life.update_blocked}" if life.update_blocked else ""
        return MEDIUM, f"deprecated since {life.deprecated} (no security patches){blocked}"
    if life.deprecated and life.deprecated - on <= UPCOMING:
        return LOW, f"will be deprecated on {life.deprecated}"
    return None


def _runtime_finding(
    ctx: Context, data: RuntimeData, arn: str, life: Lifecycle, severity: str, state: str
) -> Finding:
    successor = f" Successor: {life.successor}." if life.successor else ""
    return make(
        rules.DEPRECATED_RUNTIME,
        severity,
        arn,
        f"{ctx.label(arn)} runs on {life.runtime}, {state.split(';')[0]}",
        f"Runtime {life.runtime}: {state}.{successor} {data_note(ctx, data)}",
        remediation=f"Move the function to {life.successor or 'a supported runtime'} and test it.",
    )


def data_note(ctx: Context, data: RuntimeData) -> str:
    """Where the dates come from and as of when; says how old they are when stale."""
    note = f"Deprecation data: {data.source}, as of {data.as_of} ({data.url})."
    if data.stale(ctx.today):
        note += (
            f" Deprecation data is {data.age(ctx.today)} days old (more than {STALE_AFTER_DAYS}): "
            "newer deprecations may be missing; update cfn-lint or the bundled file."
        )
    return note


def _stale_data(ctx: Context, data: RuntimeData) -> Finding:
    unknown = sorted({str(r.get("runtime")) for r in ctx.functions.values() if _unlisted(r, data)})
    listed = f" Runtimes not in the data: {', '.join(unknown)}." if unknown else ""
    return make(
        rules.COVERAGE_GAP,
        INFO,
        "data:lambda-runtimes",
        f"Runtime deprecation data is {data.age(ctx.today)} days old",
        f"{data_note(ctx, data)}{listed}",
        remediation="Upgrade cfn-lint (pip install -U cfn-lint) or refresh the bundled "
        "lambda_runtimes.json from the AWS page, with a new as_of date.",
    )


def _unlisted(row: Row, data: RuntimeData) -> bool:
    return bool(row.get("runtime")) and row["runtime"] not in data.runtimes


def layer_account(layer_arn: str) -> str | None:
    """The publishing account of a layer version ARN."""
    parts = str(layer_arn).split(":")
    return parts[4] if len(parts) > 6 and parts[5] == "layer" else None


def foreign_layers(ctx: Context) -> Iterator[Finding]:
    """One finding per function that loads layers published by another account."""
    for arn, row in sorted(ctx.functions.items()):
        foreign = [
            layer for layer in strings(row.get("layers"))
            if layer_account(layer) not in (None, ctx.account)
        ]  # fmt: skip
        if foreign:
            accounts = sorted({str(layer_account(layer)) for layer in foreign})
            yield make(
                rules.FOREIGN_LAYER,
                MEDIUM,
                arn,
                f"{ctx.label(arn)} loads {len(foreign)} layer(s) from account(s) "
                f"{', '.join(accounts)}",
                f"Layers: {', '.join(foreign)}. Their code runs inside the function with its "
                "role. AWS publishes some layers from its own accounts; check the publisher.",
                path=(*foreign, arn),
            )
