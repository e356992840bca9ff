"""CloudWatch Logs: log groups (retention, encryption, size) and their subscription filters.

Per region: `DescribeLogGroups` (bulk, paginated), then one `DescribeSubscriptionFilters` per log
group: AWS has no account-wide call for filters, and a group holds at most two, so one page each.
That is the module's cost: about one call per log group (roughly one per function). Account-level
subscription policies (`DescribeAccountPolicies`) are not read.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.schema.records import Row

SERVICE = "logs"


def log_group_arn(raw: dict[str, Any], region: str, partition: str, account: str) -> str:
    """The log group's ARN without the `:*` that `arn` carries (AWS's own `logGroupArn`)."""
    if raw.get("logGroupArn"):
        return str(raw["logGroupArn"])
    arn = raw.get("arn")
    if arn:
        return str(arn).removesuffix(":*")
    return f"arn:{partition}:logs:{region}:{account}:log-group:{raw['logGroupName']}"


def _epoch_ms(value: Any) -> str | None:
    if not isinstance(value, int | float):
        return None
    return datetime.fromtimestamp(value / 1000, UTC).isoformat(timespec="seconds")


def get_log_groups(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "describe_log_groups", "logGroups")


def transform_log_group(raw: dict[str, Any], region: str, partition: str, account: str) -> Row:
    """One `log_groups` row; `retention_days` None means the events never expire."""
    return {
        "arn": log_group_arn(raw, region, partition, account),
        "name": raw["logGroupName"],
        "region": region,
        "retention_days": raw.get("retentionInDays"),
        "kms_key_id": raw.get("kmsKeyId"),
        "stored_bytes": raw.get("storedBytes"),
        "log_group_class": raw.get("logGroupClass"),
        "created": _epoch_ms(raw.get("creationTime")),
        "raw": raw,
    }


def get_subscription_filters(ctx: CrawlContext, client: Any, group: Row) -> list[dict[str, Any]]:
    return ctx.paginate(
        client, "describe_subscription_filters", "subscriptionFilters", group["arn"],
        logGroupName=group["name"],
    )  # fmt: skip


def transform_subscription_filter(raw: dict[str, Any], group: Row) -> Row:
    return {
        "log_group_name": group["name"],
        "log_group_arn": group["arn"],
        "filter_name": raw["filterName"],
        "filter_pattern": raw.get("filterPattern"),
        "destination_arn": raw.get("destinationArn"),
        "role_arn": raw.get("roleArn"),
        "distribution": raw.get("distribution"),
        "region": group["region"],
        "raw": raw,
    }


def sync_filters(ctx: CrawlContext, client: Any, group: Row) -> None:
    filters = get_subscription_filters(ctx, client, group)
    ctx.emit("log_subscription_filters", [transform_subscription_filter(f, group) for f in filters])


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl CloudWatch Logs in one region: log groups, then each group's subscription filters."""
    client = ctx.client("logs", region)
    groups = [
        transform_log_group(g, region, ctx.partition, ctx.account)
        for g in get_log_groups(ctx, client)
    ]
    ctx.emit("log_groups", groups)
    ctx.map(lambda group: sync_filters(ctx, client, group), groups)
