"""A10 rules: no tracing, logs kept forever, lost async failures, APIs without access logs.

Tracing is judged on functions and on REST API stages (one finding per stage); HTTP and
WebSocket API stages cannot send X-Ray traces, so they are not reported.

Asynchronous invocation (so a failure destination is needed) comes from S3 notifications,
SNS subscriptions, EventBridge targets, log subscription filters and other functions' async
destinations. Cognito triggers are synchronous (the pool waits for the answer), as are event
source mappings, API integrations, function URLs and Step Functions tasks.
"""

from __future__ import annotations

from collections.abc import Iterator

from explorer.analysis import kinds, sources
from explorer.analysis.estate import Row
from explorer.analysis.findings import rules
from explorer.analysis.findings.context import Context
from explorer.analysis.findings.finding import LOW, MEDIUM, Finding, make

STAGE_TRACING = "Enable X-Ray tracing on the stage (tracingEnabled), so traces start at the API."


def no_tracing(ctx: Context) -> Iterator[Finding]:
    """Functions whose tracing mode is not Active, then REST API stages without X-Ray."""
    for arn, row in sorted(ctx.functions.items()):
        mode = row.get("tracing_mode") or "unset"
        if mode != "Active":
            yield make(
                rules.NO_TRACING,
                LOW,
                arn,
                f"{ctx.label(arn)} has active tracing off",
                f"Tracing mode {mode}: requests through this function leave no trace.",
            )
    for stage in sorted(ctx.estate.rows("rest_stages"), key=lambda s: s["arn"]):
        if not stage.get("tracing_enabled"):
            yield _untraced_stage(ctx, stage)


def _untraced_stage(ctx: Context, stage: Row) -> Finding:
    """On the stage's API, as access logging is (stages are not graph nodes)."""
    api = stage.get("api_arn") or stage["arn"]
    return make(
        rules.NO_TRACING,
        LOW,
        api if api in ctx.g else stage["arn"],
        f"Stage {stage.get('name')} of API {ctx.label(api)} has X-Ray tracing off",
        f"Stage {stage['arn']} does not send traces: a request's trail starts only at the "
        "function it reaches, without the API's own segment.",
        remediation=STAGE_TRACING,
    )


def no_log_retention(ctx: Context) -> Iterator[Finding]:
    """Log groups without retention, and function log groups that do not exist (yet)."""
    groups = {(g.get("region"), g.get("name")) for g in ctx.estate.rows("log_groups")}
    for group in sorted(ctx.estate.rows("log_groups"), key=lambda g: g["arn"]):
        if group.get("retention_days") is None:
            yield make(
                rules.NO_LOG_RETENTION,
                LOW,
                group["arn"],
                f"Log group {group.get('name')} keeps events forever",
                "No retention period is set.",
            )
    for arn, row in sorted(ctx.functions.items()):
        key = (row.get("region"), row.get("log_group"))
        if row.get("log_group") and key not in groups and not ctx.gap("logs", row.get("region")):
            yield _missing_group(ctx, arn, row)


def _missing_group(ctx: Context, arn: str, row: Row) -> Finding:
    return make(
        rules.NO_LOG_RETENTION,
        LOW,
        arn,
        f"{ctx.label(arn)} has no log group",
        f"Log group {row.get('log_group')} does not exist: it was deleted, or the function has "
        "never run. Lambda creates it on the next invocation, with no retention period.",
    )


def no_failure_destination(ctx: Context) -> Iterator[Finding]:
    """Functions invoked asynchronously with neither a DLQ nor an on-failure destination."""
    protected = {
        c["function_arn"]
        for c in ctx.estate.rows("function_event_invoke_configs")
        if c.get("on_failure_arn")
    }
    for arn, row in sorted(ctx.functions.items()):
        if row.get("dead_letter_target") or arn in protected or arn not in ctx.g:
            continue
        sources = _async_sources(ctx, arn)
        if sources:
            yield _lost_failures(ctx, arn, row, sources)


def _async_sources(ctx: Context, function: str) -> list[tuple[str, str]]:
    """(source node, how) of every asynchronous invocation of a function."""
    found = {
        (src, d["evidence"]["via"])
        for src, _, d in ctx.g.in_edges(function, data=True)
        if d.get("kind") == kinds.TRIGGERS
        and (d.get("evidence") or {}).get("trigger_kind") in sources.asynchronous()
    }
    return sorted(found)


def _lost_failures(ctx: Context, arn: str, row: Row, sources: list[tuple[str, str]]) -> Finding:
    listed = "; ".join(f"{ctx.label(src)} ({how})" for src, how in sources)
    unread = ctx.gap("lambda", row.get("region"), "ListFunctionEventInvokeConfigs", resource=arn)
    note = " Its async invoke configuration could not be read." if unread else ""
    return make(
        rules.NO_FAILURE_DESTINATION,
        MEDIUM,
        arn,
        f"{ctx.label(arn)} drops failed asynchronous events",
        f"Invoked asynchronously by {listed}; no dead-letter queue and no on-failure "
        f"destination.{note}",
        path=(sources[0][0], arn),
        edges=(kinds.TRIGGERS,),
    )


def no_api_access_logging(ctx: Context) -> Iterator[Finding]:
    """On the stage's API (stages are not nodes of the graph); the stage's own ARN when its
    API was not crawled."""
    for table in ("rest_stages", "http_stages"):
        for stage in sorted(ctx.estate.rows(table), key=lambda s: s["arn"]):
            if not stage.get("access_log_destination_arn"):
                api = stage.get("api_arn") or stage["arn"]
                yield make(
                    rules.NO_API_LOGGING,
                    LOW,
                    api if api in ctx.g else stage["arn"],
                    f"Stage {stage.get('name')} of API {ctx.label(api)} has no access logging",
                    f"No access log destination is set for stage {stage['arn']}.",
                )
