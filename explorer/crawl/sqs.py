"""SQS: queues with their policy, redrive (dead-letter) settings, encryption and timeouts.

Per region: `ListQueues` (paged; AWS only pages when given `MaxResults`), then one
`GetQueueAttributes(All)` per queue: there is no bulk call for attributes.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from explorer.crawl.context import CrawlContext
from explorer.crawl.util import parse_policy
from explorer.schema.records import Row

SERVICE = "sqs"


def integer(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def flag(value: str | None) -> bool | None:
    """SQS's "true"/"false" attribute text as a boolean; None when not given."""
    return None if value is None else str(value).lower() == "true"


def queue_arn(url: str, region: str, partition: str) -> str:
    """The ARN of a queue URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`)."""
    account, name = urlsplit(url).path.strip("/").split("/")[-2:]
    return f"arn:{partition}:sqs:{region}:{account}:{name}"


def get_queue_urls(ctx: CrawlContext, client: Any) -> list[str]:
    return ctx.paginate(client, "list_queues", "QueueUrls", PaginationConfig={"PageSize": 1000})


def get_attributes(ctx: CrawlContext, client: Any, url: str) -> dict[str, str] | None:
    response = ctx.call(client, "get_queue_attributes", url, QueueUrl=url, AttributeNames=["All"])
    return None if response is None else response.get("Attributes") or {}


def transform_queue(
    url: str, region: str, partition: str, attributes: dict[str, str] | None
) -> Row:
    """One `sqs_queues` row; only the URL's facts when the attributes were unreadable."""
    found = attributes or {}
    arn = found.get("QueueArn") or queue_arn(url, region, partition)
    redrive = parse_policy(found.get("RedrivePolicy") or None)
    redrive_dict = redrive if isinstance(redrive, dict) else {}
    name = arn.rsplit(":", 1)[-1]
    return {
        "arn": arn,
        "url": url,
        "name": name,
        "region": region,
        "policy": parse_policy(found.get("Policy") or None),
        "redrive_policy": redrive,
        "dlq_arn": redrive_dict.get("deadLetterTargetArn"),
        "max_receive_count": integer(redrive_dict.get("maxReceiveCount")),
        "redrive_allow_policy": parse_policy(found.get("RedriveAllowPolicy") or None),
        "kms_key_id": found.get("KmsMasterKeyId") or None,
        "sqs_managed_sse": flag(found.get("SqsManagedSseEnabled")),
        "fifo": flag(found.get("FifoQueue")) or name.endswith(".fifo"),
        "visibility_timeout": integer(found.get("VisibilityTimeout")),
        "message_retention_seconds": integer(found.get("MessageRetentionPeriod")),
        "delay_seconds": integer(found.get("DelaySeconds")),
        "raw": attributes,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl SQS in one region: the queue list, then each queue's attributes."""
    client = ctx.client("sqs", region)
    rows: list[Row] = []
    ctx.map(
        lambda url: rows.append(
            transform_queue(url, region, ctx.partition, get_attributes(ctx, client, url))
        ),
        get_queue_urls(ctx, client),
    )
    ctx.emit("sqs_queues", rows)
