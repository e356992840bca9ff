"""`triggers` edges: every configured way one resource starts a function or hands it data.

Each edge keeps its evidence (the trigger configuration) so a path can be explained.
"""

from __future__ import annotations

from collections.abc import Callable

from explorer.analysis import kinds, sources
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.estate import EstateRows
from explorer.analysis.graph import EstateGraph
from explorer.analysis.nodes import url_node
from explorer.analysis.shapes import mapping, mappings, text

T = kinds.TRIGGERS


def api_routes(graph: EstateGraph, estate: EstateRows) -> None:
    """REST methods and HTTP/WebSocket routes integrated with a Lambda function."""
    for table in ("rest_methods", "http_routes"):
        for row in estate.rows(table):
            target = row.get("function_arn")
            if target and target.startswith("arn:") and "${" not in target:
                graph.edge(
                    row["arn"],
                    target,
                    T,
                    **tk.API_INTEGRATION.evidence(),
                    integration=row.get("integration_type"),
                )


def function_urls(graph: EstateGraph, estate: EstateRows) -> None:
    for row in estate.rows("function_urls"):
        graph.edge(
            url_node(row["arn"]),
            row["function_arn"],
            T,
            **tk.FUNCTION_URL.evidence(),
            auth_type=row.get("auth_type"),
            qualifier=row.get("qualifier"),
        )


def s3_notifications(graph: EstateGraph, estate: EstateRows) -> None:
    for row in estate.rows("s3_notifications"):
        if row.get("destination_arn"):
            graph.edge(
                row["bucket_arn"],
                row["destination_arn"],
                T,
                **tk.S3_NOTIFICATION.evidence(),
                events=row.get("events"),
                filter=row.get("filter"),
            )


def event_source_mappings(graph: EstateGraph, estate: EstateRows) -> None:
    for row in estate.rows("event_source_mappings"):
        if row.get("event_source_arn") and row.get("function_arn"):
            graph.edge(
                row["event_source_arn"],
                row["function_arn"],
                T,
                **tk.EVENT_SOURCE_MAPPING.evidence(),
                state=row.get("state"),
            )
        if row.get("on_failure_arn"):
            graph.edge(
                row["function_arn"],
                row["on_failure_arn"],
                T,
                **tk.MAPPING_ON_FAILURE.evidence(),
            )


def sns_subscriptions(graph: EstateGraph, estate: EstateRows) -> None:
    for row in estate.rows("sns_subscriptions"):
        endpoint = row.get("endpoint") or ""
        if row.get("protocol") in ("lambda", "sqs", "firehose") and endpoint.startswith("arn:"):
            graph.edge(
                row["topic_arn"],
                endpoint,
                T,
                **tk.SNS_SUBSCRIPTION.evidence(),
                status=row.get("status"),
                filter_policy=row.get("filter_policy"),
            )
        if row.get("dlq_arn"):
            graph.edge(row["topic_arn"], row["dlq_arn"], T, **tk.SNS_SUBSCRIPTION_DLQ.evidence())


def event_rules(graph: EstateGraph, estate: EstateRows) -> None:
    """Bus -> rule (events matching its pattern) and rule -> each target."""
    for row in estate.rows("event_rules"):
        if row.get("bus_arn") and not row.get("schedule_expression"):
            graph.edge(
                row["bus_arn"],
                row["arn"],
                T,
                **tk.EVENT_RULE.evidence(),
                pattern=row.get("event_pattern"),
            )
    for row in estate.rows("event_targets"):
        if row.get("target_arn"):
            graph.edge(row["rule_arn"], row["target_arn"], T, **tk.EVENT_TARGET.evidence())
        if row.get("dlq_arn"):
            graph.edge(row["rule_arn"], row["dlq_arn"], T, **tk.EVENT_TARGET_DLQ.evidence())


def state_machines(graph: EstateGraph, estate: EstateRows) -> None:
    """Task states that invoke functions (`triggers`) or write to other services (`writes`)."""
    for row in estate.rows("state_machines"):
        for task in mappings(row.get("lambda_tasks")):
            function = text(task.get("function_arn"))
            if function and not task.get("dynamic"):
                graph.edge(
                    row["arn"],
                    function,
                    T,
                    **tk.STEP_FUNCTIONS_TASK.evidence(),
                    state=task.get("state"),
                )
        for task in mappings(row.get("service_tasks")):
            target = text(task.get("target"))
            if target and target.startswith("arn:") and not task.get("dynamic"):
                graph.edge(
                    row["arn"],
                    target,
                    kinds.WRITES,
                    via="Step Functions task",
                    state=task.get("state"),
                    action=task.get("action"),
                )


def cognito_triggers(graph: EstateGraph, estate: EstateRows) -> None:
    for row in estate.rows("cognito_user_pools"):
        for trigger, function_arn in mapping(row.get("lambda_triggers")).items():
            if isinstance(function_arn, str) and function_arn.startswith("arn:"):
                graph.edge(
                    row["arn"], function_arn, T, **tk.COGNITO_TRIGGER.evidence(), trigger=trigger
                )


def log_subscriptions(graph: EstateGraph, estate: EstateRows) -> None:
    """Log group -> subscription destination, and each function -> its own log group."""
    for row in estate.rows("log_subscription_filters"):
        if row.get("destination_arn") and row.get("log_group_arn"):
            graph.edge(
                row["log_group_arn"],
                row["destination_arn"],
                T,
                **tk.LOG_SUBSCRIPTION.evidence(),
                filter=row.get("filter_name"),
            )
    groups = {row.get("name"): row["arn"] for row in estate.rows("log_groups")}
    for row in estate.rows("functions"):
        group = groups.get(row.get("log_group"))
        if group:
            graph.edge(row["arn"], group, kinds.WRITES, via="function logs")


def async_destinations(graph: EstateGraph, estate: EstateRows) -> None:
    """Async invoke destinations, DLQs, and SQS redrive: where failed or finished work goes."""
    for row in estate.rows("function_event_invoke_configs"):
        for key, kind in tk.DESTINATIONS.items():
            if row.get(key):
                graph.edge(row["function_arn"], row[key], T, **kind.evidence())
    for row in estate.rows("functions"):
        if row.get("dead_letter_target"):
            graph.edge(row["arn"], row["dead_letter_target"], T, **tk.DEAD_LETTER_QUEUE.evidence())
    for row in estate.rows("sqs_queues"):
        if row.get("dlq_arn"):
            graph.edge(row["arn"], row["dlq_arn"], T, **tk.SQS_REDRIVE.evidence())


ALL: tuple[Callable[[EstateGraph, EstateRows], None], ...] = (
    api_routes,
    function_urls,
    s3_notifications,
    event_source_mappings,
    sns_subscriptions,
    event_rules,
    state_machines,
    cognito_triggers,
    log_subscriptions,
    async_destinations,
)


def add_triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """The built-in trigger edges, then those of the declared sources."""
    for builder in ALL:
        builder(graph, estate)
    sources.add_triggers(graph, estate)
