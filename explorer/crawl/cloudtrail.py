"""CloudTrail: the trails that log each region's events, with their event selectors and status.

Per region one `DescribeTrails` with shadow trails included, so the region's rows are every
trail that logs its events: its own, multi-region trails homed elsewhere and organization
trails. Event selectors (basic and advanced) and logging status are read once per trail, in
its home region (AWS answers them only there): two calls per trail. A trail's row in another
region (a shadow) holds NULL selectors and status; the home region's row holds them. So the
analysis can say which regions' Lambda invocations (data events) some trail records.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.util import clean
from explorer.schema.records import Row

SERVICE = "cloudtrail"


def get_trails(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    """Every trail logging this region's events (shadow trails of other regions included)."""
    return ctx.paginate(client, "describe_trails", "trailList", includeShadowTrails=True)


def get_selectors(ctx: CrawlContext, client: Any, arn: str) -> dict[str, Any] | None:
    response = ctx.call(client, "get_event_selectors", arn, TrailName=arn)
    return None if response is None else clean(response)


def get_status(ctx: CrawlContext, client: Any, arn: str) -> dict[str, Any] | None:
    response = ctx.call(client, "get_trail_status", arn, Name=arn)
    return None if response is None else clean(response)


def transform_trail(
    region: str,
    raw: dict[str, Any],
    selectors: dict[str, Any] | None = None,
    status: dict[str, Any] | None = None,
) -> Row:
    """One `trails` row; selectors and status are None where they were not read (a shadow
    row, or a failed call)."""
    raw = dict(raw)
    if selectors is not None:
        raw["EventSelectorsResponse"] = selectors
    if status is not None:
        raw["Status"] = status
    return {
        "arn": raw["TrailARN"],
        "region": region,
        "name": raw.get("Name"),
        "home_region": raw.get("HomeRegion"),
        "is_multi_region": raw.get("IsMultiRegionTrail"),
        "is_organization_trail": raw.get("IsOrganizationTrail"),
        "s3_bucket_name": raw.get("S3BucketName"),
        "log_group_arn": raw.get("CloudWatchLogsLogGroupArn"),
        "kms_key_id": raw.get("KmsKeyId"),
        "log_file_validation": raw.get("LogFileValidationEnabled"),
        "is_logging": None if status is None else status.get("IsLogging"),
        "event_selectors": _selectors(selectors, "EventSelectors"),
        "advanced_event_selectors": _selectors(selectors, "AdvancedEventSelectors"),
        "raw": raw,
    }


def _selectors(response: dict[str, Any] | None, key: str) -> list[Any] | None:
    """One kind of selectors from a GetEventSelectors answer, which holds one kind or the
    other ([] for the kind it lacks); None when the selectors were not read."""
    return None if response is None else response.get(key) or []


def sync_trail(ctx: CrawlContext, client: Any, region: str, raw: dict[str, Any]) -> Row:
    """A trail's row in this region; at home, with its selectors and status."""
    if raw.get("HomeRegion") != region:
        return transform_trail(region, raw)
    arn = raw["TrailARN"]
    return transform_trail(
        region, raw, get_selectors(ctx, client, arn), get_status(ctx, client, arn)
    )


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl the trails logging one region."""
    client = ctx.client("cloudtrail", region)
    trails = [t for t in get_trails(ctx, client) if t.get("TrailARN")]
    ctx.emit("trails", [sync_trail(ctx, client, region, t) for t in trails])
