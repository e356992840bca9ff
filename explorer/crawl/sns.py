"""SNS: topics (policy, encryption, delivery policy) and their subscriptions.

Per region: `ListTopics` and `ListSubscriptions` (bulk, paginated), then per topic one
`GetTopicAttributes`. Filter policy, raw delivery and the subscription's DLQ need
`GetSubscriptionAttributes`, read only for confirmed subscriptions whose endpoint is an AWS
resource (lambda, sqs, firehose): the ones that become edges. `ListSubscriptions` returns the
requester's subscriptions; where a topic counts more subscriptions than were listed (e.g. a foreign
account's queue subscribed to it), that topic alone is listed with `ListSubscriptionsByTopic`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from explorer.crawl.context import CrawlContext
from explorer.crawl.util import clean, parse_policy
from explorer.schema.records import Row

SERVICE = "sns"

EDGE_PROTOCOLS = frozenset({"lambda", "sqs", "firehose"})
"""Protocols whose endpoint is an ARN: their attributes (filter, DLQ) are read per subscription."""


def flag(value: str | None) -> bool | None:
    """SNS's "true"/"false" attribute text as a boolean; None when not given."""
    return None if value is None else str(value).lower() == "true"


def integer(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def mask_endpoint(endpoint: str | None) -> str | None:
    """An HTTP(S) endpoint without the password of its basic-auth credentials, if it has one."""
    if not endpoint or not endpoint.startswith(("http://", "https://")):
        return endpoint
    parts = urlsplit(endpoint)
    if parts.password is None:
        return endpoint
    netloc = f"{parts.username}:****@{parts.netloc.rsplit('@', 1)[1]}"
    return urlunsplit(parts._replace(netloc=netloc))


def get_topics(ctx: CrawlContext, client: Any) -> list[str]:
    return [t["TopicArn"] for t in ctx.paginate(client, "list_topics", "Topics")]


def get_topic_attributes(ctx: CrawlContext, client: Any, arn: str) -> dict[str, str] | None:
    response = ctx.call(client, "get_topic_attributes", arn, TopicArn=arn)
    return None if response is None else response.get("Attributes") or {}


def transform_topic(arn: str, region: str, attributes: dict[str, str] | None) -> Row:
    """One `sns_topics` row; only name, region and FIFO-ness when the attributes were unreadable."""
    found = attributes or {}
    return {
        "arn": arn,
        "name": arn.rsplit(":", 1)[-1],
        "region": region,
        "owner": found.get("Owner"),
        "display_name": found.get("DisplayName") or None,
        "policy": parse_policy(found.get("Policy") or None),
        "kms_key_id": found.get("KmsMasterKeyId") or None,
        "delivery_policy": parse_policy(found.get("DeliveryPolicy") or None),
        "fifo": flag(found.get("FifoTopic")) or arn.endswith(".fifo"),
        "tracing_mode": found.get("TracingConfig"),
        "subscriptions_confirmed": integer(found.get("SubscriptionsConfirmed")),
        "subscriptions_pending": integer(found.get("SubscriptionsPending")),
        "raw": attributes,
    }


def get_subscriptions(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_subscriptions", "Subscriptions")


def unlisted_topics(topics: list[Row], subscriptions: list[dict[str, Any]]) -> list[str]:
    """Topics that count more subscriptions than `ListSubscriptions` returned for them."""
    listed: dict[str, int] = {}
    for sub in subscriptions:
        listed[sub.get("TopicArn", "")] = listed.get(sub.get("TopicArn", ""), 0) + 1
    return [
        t["arn"]
        for t in topics
        if (t["subscriptions_confirmed"] or 0) + (t["subscriptions_pending"] or 0)
        > listed.get(t["arn"], 0)
    ]


def get_topic_subscriptions(ctx: CrawlContext, client: Any, arn: str) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_subscriptions_by_topic", "Subscriptions", arn, TopicArn=arn)


def is_confirmed(raw: dict[str, Any]) -> bool:
    """Pending (and deleting) subscriptions carry a status word instead of an ARN."""
    return str(raw.get("SubscriptionArn", "")).startswith("arn:")


def get_subscription_attributes(
    ctx: CrawlContext, client: Any, raw: dict[str, Any]
) -> dict[str, str] | None:
    """Attributes of an edge subscription; None for others (not read, to keep the crawl cheap)."""
    if not is_confirmed(raw) or raw.get("Protocol") not in EDGE_PROTOCOLS:
        return None
    arn = raw["SubscriptionArn"]
    response = ctx.call(client, "get_subscription_attributes", arn, SubscriptionArn=arn)
    return None if response is None else response.get("Attributes") or {}


def transform_subscription(
    raw: dict[str, Any], attributes: dict[str, str] | None, region: str
) -> Row:
    """One `sns_subscriptions` row; attribute columns stay None where attributes were not read."""
    found = attributes or {}
    endpoint = mask_endpoint(raw.get("Endpoint"))
    redrive = parse_policy(found.get("RedrivePolicy") or None)
    confirmed = is_confirmed(raw)
    return {
        "arn": raw["SubscriptionArn"] if confirmed else None,
        "topic_arn": raw["TopicArn"],
        "protocol": raw["Protocol"],
        "endpoint": endpoint,
        "owner": raw.get("Owner"),
        "region": region,
        "status": "Confirmed" if confirmed else raw.get("SubscriptionArn"),
        "filter_policy": parse_policy(found.get("FilterPolicy") or None),
        "filter_policy_scope": found.get("FilterPolicyScope"),
        "raw_message_delivery": flag(found.get("RawMessageDelivery")),
        "dlq_arn": redrive.get("deadLetterTargetArn") if isinstance(redrive, dict) else None,
        "subscription_role_arn": found.get("SubscriptionRoleArn"),
        "raw": {**clean(raw), "Endpoint": endpoint, "Attributes": _masked(attributes)},
    }


def _masked(attributes: dict[str, str] | None) -> dict[str, str] | None:
    if attributes is None or "Endpoint" not in attributes:
        return attributes
    return {**attributes, "Endpoint": mask_endpoint(attributes["Endpoint"]) or ""}


def _dedupe(subscriptions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per (topic, protocol, endpoint): SNS's own identity of a subscription."""
    keys = ("TopicArn", "Protocol", "Endpoint")
    return list({tuple(s.get(k) for k in keys): s for s in subscriptions}.values())


def sync_topics(ctx: CrawlContext, client: Any, region: str) -> list[Row]:
    """Topic rows, one attribute read per topic (there is no bulk call)."""
    arns = get_topics(ctx, client)
    found: dict[str, dict[str, str] | None] = {}
    ctx.map(lambda arn: found.__setitem__(arn, get_topic_attributes(ctx, client, arn)), arns)
    rows = [transform_topic(arn, region, found.get(arn)) for arn in arns]
    ctx.emit("sns_topics", rows)
    return rows


def sync_subscriptions(ctx: CrawlContext, client: Any, region: str, topics: list[Row]) -> None:
    subscriptions = get_subscriptions(ctx, client)
    for arn in unlisted_topics(topics, subscriptions):
        subscriptions += get_topic_subscriptions(ctx, client, arn)
    subscriptions = _dedupe(subscriptions)
    rows: list[Row] = []
    ctx.map(
        lambda s: rows.append(
            transform_subscription(s, get_subscription_attributes(ctx, client, s), region)
        ),
        subscriptions,
    )
    ctx.emit("sns_subscriptions", rows)


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl SNS in one region: topics with their attributes, then every subscription."""
    client = ctx.client("sns", region)
    topics = sync_topics(ctx, client, region)
    sync_subscriptions(ctx, client, region, topics)
