"""Kinesis Data Streams: streams (a Lambda trigger source), encryption, retention, policies.

The stream list pages with NextToken and carries each stream's ARN, status and mode
(StreamSummaries); per stream one DescribeStreamSummary and one GetResourcePolicy.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.util import clean, parse_policy
from explorer.schema.records import Row

SERVICE = "kinesis"


def get_streams(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    """Every stream's summary, across NextToken pages (moto returns one page)."""
    return ctx.paginate(client, "list_streams", "StreamSummaries")


def describe_stream(ctx: CrawlContext, client: Any, arn: str) -> dict[str, Any]:
    response = ctx.call(client, "describe_stream_summary", arn, StreamARN=arn)
    return (response or {}).get("StreamDescriptionSummary") or {}


def get_policy(ctx: CrawlContext, client: Any, arn: str) -> Any:
    """The parsed stream policy; None when there is none (AWS and moto answer `{}`)."""
    response = ctx.call(client, "get_resource_policy", arn, ResourceARN=arn)
    return parse_policy(clean(response).get("Policy")) or None


def stream_arn(ctx: CrawlContext, region: str, summary: dict[str, Any]) -> str:
    return summary.get("StreamARN") or (
        f"arn:{ctx.partition}:kinesis:{region}:{ctx.account}:stream/{summary['StreamName']}"
    )


def transform_stream(
    arn: str, region: str, summary: dict[str, Any], described: dict[str, Any], policy: Any = None
) -> Row:
    """One `kinesis_streams` row; without a description its settings stay unknown (NULL)."""
    raw = {**summary, **described}
    created = raw.get("StreamCreationTimestamp")
    return {
        "arn": arn,
        "name": raw.get("StreamName"),
        "region": region,
        "status": raw.get("StreamStatus"),
        "stream_mode": (raw.get("StreamModeDetails") or {}).get("StreamMode"),
        "retention_hours": raw.get("RetentionPeriodHours"),
        "encryption_type": raw.get("EncryptionType"),
        "kms_key_id": raw.get("KeyId"),
        "consumer_count": raw.get("ConsumerCount"),
        "open_shard_count": raw.get("OpenShardCount"),
        "created": str(created) if created else None,
        "policy": policy,
        "raw": raw,
    }


def sync_stream(ctx: CrawlContext, client: Any, region: str, summary: dict[str, Any]) -> None:
    arn = stream_arn(ctx, region, summary)
    described = describe_stream(ctx, client, arn)
    policy = get_policy(ctx, client, arn)
    ctx.emit("kinesis_streams", [transform_stream(arn, region, summary, described, policy)])


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl Kinesis streams in one region."""
    client = ctx.client("kinesis", region)
    ctx.map(lambda s: sync_stream(ctx, client, region, s), get_streams(ctx, client))
