"""Tags of every resource in a region, in one bulk paginated call (Resource Groups Tagging API)."""

from __future__ import annotations

from explorer.crawl.context import CrawlContext

SERVICE = "resourcegroupstaggingapi"


def sync(ctx: CrawlContext, region: str) -> None:
    """Tags for all resources, so no per-resource ListTags calls are needed."""
    client = ctx.client(SERVICE, region)
    mappings = ctx.paginate(client, "get_resources", "ResourceTagMappingList")
    ctx.emit(
        "resource_tags",
        [
            {
                "arn": m["ResourceARN"],
                "region": region,
                "tags": {str(t.get("Key")): str(t.get("Value")) for t in m.get("Tags") or []},
                "raw": m,
            }
            for m in mappings
            if m.get("ResourceARN")
        ],
    )
