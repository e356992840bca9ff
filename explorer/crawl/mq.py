"""Amazon MQ brokers: the sources of MQ event source mappings.

Per region: one paginated ListBrokers, then one DescribeBroker per broker: only the description
says whether the broker is publicly accessible and how its clients authenticate (`SIMPLE`
users, `LDAP`, or RabbitMQ's `CONFIG_MANAGED`), and AWS has no bulk read of it. A failed
description leaves the row with what the listing gave, `described` False and the public flag
unknown (None), never "private".

Broker users are listed by name only (AWS never returns their passwords); the names are kept
in `raw` like any other identifier.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.util import clean
from explorer.schema.records import Row

SERVICE = "mq"


def list_brokers(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_brokers", "BrokerSummaries")


def describe_broker(ctx: CrawlContext, client: Any, summary: dict[str, Any]) -> dict[str, Any]:
    """The broker's description (`{}` when the read failed: recorded)."""
    arn = summary.get("BrokerArn")
    return clean(ctx.call(client, "describe_broker", arn, BrokerId=summary["BrokerId"]))


def transform_broker(region: str, summary: dict[str, Any], described: dict[str, Any]) -> Row:
    """One row from the listing and the description (which may be missing: unknown); the
    listing's ARN and id name the row."""
    raw = {**summary, **described}
    public = raw.get("PubliclyAccessible") if described else None
    return {
        "arn": summary["BrokerArn"],
        "name": raw.get("BrokerName"),
        "id": summary["BrokerId"],
        "region": region,
        "engine_type": raw.get("EngineType"),
        "engine_version": raw.get("EngineVersion"),
        "deployment_mode": raw.get("DeploymentMode"),
        "state": raw.get("BrokerState"),
        "publicly_accessible": public if isinstance(public, bool) else None,
        "authentication_strategy": raw.get("AuthenticationStrategy"),
        "described": bool(described),
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl Amazon MQ brokers in one region: the list, then one description per broker."""
    client = ctx.client(SERVICE, region)

    def one(summary: dict[str, Any]) -> None:
        described = describe_broker(ctx, client, summary)
        ctx.emit("mq_brokers", [transform_broker(region, summary, described)])

    brokers = [b for b in list_brokers(ctx, client) if b.get("BrokerArn") and b.get("BrokerId")]
    ctx.map(one, brokers)
