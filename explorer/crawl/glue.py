"""Glue: development endpoints and the role each runs as (who can become whom).

One paginated `GetDevEndpoints` per region. Whoever may update an endpoint's SSH keys
(`glue:UpdateDevEndpoint`) can run code as its role. The endpoint's `Arguments` are redacted at
crawl time (they are configuration values a credential can be put in).
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Literals
from explorer.schema.records import Row

SERVICE = "glue"


def get_dev_endpoints(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    """Every development endpoint of the region, across NextToken pages."""
    return ctx.paginate(client, "get_dev_endpoints", "DevEndpoints")


def endpoint_arn(ctx: CrawlContext, region: str, name: str) -> str:
    """Glue's ARN of a development endpoint (the API does not return it)."""
    return f"arn:{ctx.partition}:glue:{region}:{ctx.account}:devEndpoint/{name}"


def transform_endpoint(ctx: CrawlContext, region: str, raw: dict[str, Any]) -> Row:
    literals = Literals(ctx.redactor)
    if isinstance(raw.get("Arguments"), dict):
        raw = {**raw, "Arguments": literals.tree(("Arguments",), raw["Arguments"])}
    return {
        "arn": endpoint_arn(ctx, region, raw["EndpointName"]),
        "name": raw["EndpointName"],
        "region": region,
        "role_arn": raw.get("RoleArn"),
        "status": raw.get("Status"),
        "redacted_values": literals.records,
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl Glue development endpoints in one region."""
    endpoints = get_dev_endpoints(ctx, ctx.client("glue", region))
    named = [e for e in endpoints if e.get("EndpointName")]
    ctx.emit("glue_dev_endpoints", [transform_endpoint(ctx, region, e) for e in named])
