"""EC2: instances and the instance profile each runs with (who can become whom).

One paginated `DescribeInstances` per region (user data is never read: it needs another call,
which the guard refuses). Code on an instance acts as its instance profile's role, so whoever
can run commands on it (SSM, EC2 Instance Connect) gains that role.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.schema.records import Row

SERVICE = "ec2"


def get_instances(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    """Every instance of the region (each reservation's), across NextToken pages."""
    reservations = ctx.paginate(client, "describe_instances", "Reservations")
    return [i for r in reservations for i in r.get("Instances") or [] if i.get("InstanceId")]


def instance_arn(ctx: CrawlContext, region: str, instance_id: str) -> str:
    return f"arn:{ctx.partition}:ec2:{region}:{ctx.account}:instance/{instance_id}"


def transform_instance(ctx: CrawlContext, region: str, raw: dict[str, Any]) -> Row:
    return {
        "arn": instance_arn(ctx, region, raw["InstanceId"]),
        "instance_id": raw["InstanceId"],
        "region": region,
        "state": (raw.get("State") or {}).get("Name"),
        "instance_profile_arn": (raw.get("IamInstanceProfile") or {}).get("Arn"),
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl EC2 instances in one region."""
    instances = get_instances(ctx, ctx.client("ec2", region))
    ctx.emit("ec2_instances", [transform_instance(ctx, region, i) for i in instances])
