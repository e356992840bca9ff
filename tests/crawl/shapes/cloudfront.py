"""CloudFront answers as AWS sends them: a `{Marker, MaxItems, IsTruncated, Quantity, Items}`
list per call (pages chained under it), unique distribution ARNs and control ids, and in rich
crawls an origin with an origin access control, so the controls are read too."""

from __future__ import annotations

from typing import Any

from tests.crawl.shapes.model import Call, Landing
from tests.crawl.shapes.realism import arn


def _listing(call: Call, key: str) -> list[dict[str, Any]]:
    """The list under `key`, with the members AWS always sends; its items."""
    listing = call.response.setdefault(key, {})
    items = listing.get("Items") or []
    listing.update(Marker=listing.get("Marker") or "", MaxItems=listing.get("MaxItems") or 100,
                   IsTruncated=False, Quantity=len(items))  # fmt: skip
    return items


def distributions(call: Call) -> None:
    for item in _listing(call, "DistributionList"):
        ident = f"E{call.world.next():012X}"
        item["Id"], item["ARN"] = ident, arn("cloudfront", f"distribution/{ident}", region="")
        origins = (item.get("Origins") or {}).get("Items") or []
        if call.rich and origins:
            origins[0]["OriginAccessControlId"] = f"E{call.world.next():012X}"


def distribution_lands(call: Call) -> list[Landing]:
    items = (call.response.get("DistributionList") or {}).get("Items") or []
    return [Landing("cloudfront_distributions", {"arn": i["ARN"]}) for i in items]


def access_controls(call: Call) -> None:
    for item in _listing(call, "OriginAccessControlList"):
        item["Id"] = f"E{call.world.next():012X}"


def access_control_lands(call: Call) -> list[Landing]:
    items = (call.response.get("OriginAccessControlList") or {}).get("Items") or []
    return [Landing("cloudfront_origin_access_controls", {"id": i["Id"]}) for i in items]
