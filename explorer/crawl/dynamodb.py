"""DynamoDB: tables, their streams (a Lambda trigger source), encryption and resource policies.

No bulk describe exists: one DescribeTable and one GetResourcePolicy per table, plus one more
GetResourcePolicy for the stream of a table that has one (streams carry their own policy).
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import ABSENT, FAILURES, CrawlContext, error_code
from explorer.crawl.util import clean, parse_policy
from explorer.schema.records import Row

SERVICE = "dynamodb"

NO_POLICY = ABSENT | {"PolicyNotFoundException"}
"""GetResourcePolicy's answer for a table or stream without a policy: data, not a failure."""


def get_table_names(ctx: CrawlContext, client: Any) -> list[str]:
    return ctx.paginate(client, "list_tables", "TableNames")


def describe_table(ctx: CrawlContext, client: Any, name: str) -> tuple[dict[str, Any] | None, bool]:
    """The table's description, and whether the call failed (a recorded coverage gap).

    A table deleted since the list call is neither: (None, False).
    """
    try:
        return client.describe_table(TableName=name).get("Table"), False
    except FAILURES as exc:
        if error_code(exc) in ABSENT:
            return None, False
        ctx.record(client, "describe_table", exc, name)
        return None, True


def get_resource_policy(ctx: CrawlContext, client: Any, arn: str) -> Any:
    """The parsed resource policy of a table or stream; None when it has none."""
    try:
        response = client.get_resource_policy(ResourceArn=arn)
    except FAILURES as exc:
        if error_code(exc) not in NO_POLICY:
            ctx.record(client, "get_resource_policy", exc, arn)
        return None
    return parse_policy(clean(response).get("Policy")) or None


def encryption(raw: dict[str, Any]) -> str:
    """`KMS` for a KMS key (AWS managed or customer), else the default AWS-owned key."""
    sse = raw.get("SSEDescription") or {}
    if sse.get("Status") in ("ENABLED", "ENABLING", "UPDATING") and sse.get("SSEType") == "KMS":
        return "KMS"
    return "AWS_OWNED_KEY"


def transform_table(
    raw: dict[str, Any], region: str, policy: Any = None, stream_policy: Any = None
) -> Row:
    stream = raw.get("StreamSpecification") or {}
    return {
        "arn": raw["TableArn"],
        "name": raw.get("TableName"),
        "region": region,
        "status": raw.get("TableStatus"),
        "billing_mode": (raw.get("BillingModeSummary") or {}).get("BillingMode") or "PROVISIONED",
        "stream_enabled": bool(stream.get("StreamEnabled")),
        "stream_view_type": stream.get("StreamViewType"),
        "stream_arn": raw.get("LatestStreamArn"),
        "encryption": encryption(raw),
        "kms_key_arn": (raw.get("SSEDescription") or {}).get("KMSMasterKeyArn"),
        "deletion_protection": raw.get("DeletionProtectionEnabled"),
        "table_class": (raw.get("TableClassSummary") or {}).get("TableClass") or "STANDARD",
        "replica_regions": [r.get("RegionName") for r in raw.get("Replicas") or []],
        "item_count": raw.get("ItemCount"),
        "size_bytes": raw.get("TableSizeBytes"),
        "policy": policy,
        "stream_policy": stream_policy,
        "raw": raw,
    }


def placeholder_row(ctx: CrawlContext, region: str, name: str) -> Row:
    """A listed table that could not be described: its settings are unknown (NULL), not off."""
    arn = f"arn:{ctx.partition}:dynamodb:{region}:{ctx.account}:table/{name}"
    return {"arn": arn, "name": name, "region": region, "raw": None}


def sync_table(ctx: CrawlContext, client: Any, region: str, name: str) -> None:
    """Describe one table and read its policies (the stream's only while the stream is on)."""
    raw, failed = describe_table(ctx, client, name)
    if failed:  # keep the table as a node whose settings are unknown
        ctx.emit("dynamodb_tables", [placeholder_row(ctx, region, name)])
    if not raw or not raw.get("TableArn"):
        return
    policy = get_resource_policy(ctx, client, raw["TableArn"])
    stream_on = (raw.get("StreamSpecification") or {}).get("StreamEnabled")
    stream_arn = raw.get("LatestStreamArn")
    stream_policy = (
        get_resource_policy(ctx, client, stream_arn) if stream_on and stream_arn else None
    )
    ctx.emit("dynamodb_tables", [transform_table(raw, region, policy, stream_policy)])


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl DynamoDB tables in one region."""
    client = ctx.client("dynamodb", region)
    ctx.map(lambda name: sync_table(ctx, client, region, name), get_table_names(ctx, client))
