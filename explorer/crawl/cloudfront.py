"""CloudFront distributions: origins, cache behaviours, Lambda@Edge associations, web ACL.

Crawled once per account (CloudFront is global: its API answers at one endpoint, which botocore
picks from the partition, signed for us-east-1 on AWS). One paginated `ListDistributions` gives
every distribution whole: each summary carries its origins, its default and other cache
behaviours with their Lambda@Edge (`LambdaFunctionAssociations`) and CloudFront Functions
(`FunctionAssociations`) associations, its aliases, its web ACL and whether it is enabled, so no
per-distribution read is made. One paginated `ListOriginAccessControls` follows only when some
origin names an origin access control: how it signs requests (`always`, `never`,
`no-override`) decides whether an origin that wants IAM-signed requests accepts CloudFront's.

An origin's domain says what it is: a Lambda function URL (`<id>.lambda-url.<region>.on.aws`)
or an API Gateway endpoint (`<api id>.execute-api.<region>.amazonaws.com`). Origin custom
headers often carry a shared secret the origin checks ("only CloudFront knows it"): their values
are redacted at crawl time, their names kept.
"""

from __future__ import annotations

import re
from typing import Any

from explorer.crawl.context import ABSENT, FAILURES, CrawlCancelled, CrawlContext, error_code
from explorer.crawl.redact import Literals
from explorer.schema.records import Row

SERVICE = "cloudfront"
GLOBAL = True

LAMBDA_URL = re.compile(r"([a-z0-9]+)\.lambda-url\.([a-z0-9-]+)\.on\.aws")
"""A function URL's host: `<url id>.lambda-url.<region>.on.aws`."""
EXECUTE_API = re.compile(r"([a-z0-9]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?")
"""An API Gateway endpoint's host: `<api id>.execute-api.<region>.amazonaws.com`."""
LAMBDA_URL_ORIGIN, API_ORIGIN = "lambda-url", "execute-api"
S3_ORIGIN, CUSTOM_ORIGIN = "s3", "custom"
DEFAULT_PATH = "*"
"""The path pattern of a distribution's default cache behaviour (AWS gives it none)."""


def list_all(ctx: CrawlContext, client: Any, operation: str, list_key: str) -> list[Any]:
    """Every item of a CloudFront list across pages (its items sit under `<list_key>.Items`);
    on a failed page, what was read so far, the failure recorded."""
    if ctx.stop.is_set():
        raise CrawlCancelled
    items: list[Any] = []
    try:
        for page in client.get_paginator(operation).paginate():
            items.extend(_items(page.get(list_key)))
    except FAILURES as exc:
        if error_code(exc) not in ABSENT:
            ctx.record(client, operation, exc)
    return items


def _items(container: Any) -> list[Any]:
    """The `Items` of one of CloudFront's `{Quantity, Items}` lists (none when absent)."""
    found = container.get("Items") if isinstance(container, dict) else None
    return found if isinstance(found, list) else []


def host_of(domain: Any) -> str:
    """An origin's domain as a host to match: lower case, without a trailing dot."""
    return str(domain or "").strip().rstrip(".").lower()


def origin_kind(raw: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """(kind, API id or None, region or None) of an origin, from its domain name."""
    host = host_of(raw.get("DomainName"))
    if match := LAMBDA_URL.fullmatch(host):
        return LAMBDA_URL_ORIGIN, None, match[2]
    if match := EXECUTE_API.fullmatch(host):
        return API_ORIGIN, match[1], match[2]
    if isinstance(raw.get("S3OriginConfig"), dict):
        return S3_ORIGIN, None, None
    return CUSTOM_ORIGIN, None, None


def redact_origin(literals: Literals, index: int, raw: dict[str, Any]) -> dict[str, Any]:
    """The origin with each custom header's value replaced by its redaction record."""
    headers = raw.get("CustomHeaders")
    if not isinstance(headers, dict) or not _items(headers):
        return raw
    redacted = []
    for header in _items(headers):
        if isinstance(header, dict) and "HeaderValue" in header:
            name = str(header.get("HeaderName") or "value")
            where = ("Origins", index, "CustomHeaders", name)
            header = {**header, "HeaderValue": literals.value(where, header["HeaderValue"])}
        redacted.append(header)
    return {**raw, "CustomHeaders": {**headers, "Items": redacted}}


def transform_origin(raw: dict[str, Any]) -> dict[str, Any]:
    kind, api_id, region = origin_kind(raw)
    headers = [h.get("HeaderName") for h in _items(raw.get("CustomHeaders")) if isinstance(h, dict)]
    return {
        "id": raw.get("Id"),
        "domain_name": host_of(raw.get("DomainName")),
        "origin_path": raw.get("OriginPath") or "",
        "kind": kind,
        "api_id": api_id,
        "region": region,
        "origin_access_control_id": raw.get("OriginAccessControlId") or None,
        "custom_headers": [str(h) for h in headers if h],
    }


def behaviours(raw: dict[str, Any]) -> list[tuple[dict[str, Any], str, bool]]:
    """(behaviour, path pattern, is the default) for the default and every other behaviour."""
    found = []
    if isinstance(raw.get("DefaultCacheBehavior"), dict):
        found.append((raw["DefaultCacheBehavior"], DEFAULT_PATH, True))
    for behaviour in _items(raw.get("CacheBehaviors")):
        if isinstance(behaviour, dict):
            found.append((behaviour, str(behaviour.get("PathPattern") or ""), False))
    return found


def signed_only(behaviour: dict[str, Any]) -> bool:
    """Whether a behaviour serves only signed URLs or cookies (trusted key groups or signers)."""
    return any(
        isinstance(behaviour.get(k), dict) and behaviour[k].get("Enabled") is True
        for k in ("TrustedKeyGroups", "TrustedSigners")
    )


def transform_behaviour(behaviour: dict[str, Any], path: str, default: bool) -> dict[str, Any]:
    return {
        "path_pattern": path,
        "default": default,
        "target_origin_id": behaviour.get("TargetOriginId"),
        "signed_urls": signed_only(behaviour),
        "viewer_protocol_policy": behaviour.get("ViewerProtocolPolicy"),
    }


def edge_functions(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Lambda@Edge association: the function version, its event, whether it gets the
    body, and the behaviour (path pattern, origin, signed URLs) it runs on."""
    found = []
    for behaviour, path, default in behaviours(raw):
        for item in _items(behaviour.get("LambdaFunctionAssociations")):
            if isinstance(item, dict) and item.get("LambdaFunctionARN"):
                found.append(
                    {
                        "function_arn": item["LambdaFunctionARN"],
                        "event_type": item.get("EventType"),
                        "include_body": bool(item.get("IncludeBody")),
                        **transform_behaviour(behaviour, path, default),
                    }
                )
    return found


def cloudfront_functions(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """CloudFront Functions associations (code CloudFront runs itself, not Lambda)."""
    found = []
    for behaviour, path, _ in behaviours(raw):
        for item in _items(behaviour.get("FunctionAssociations")):
            if isinstance(item, dict) and item.get("FunctionARN"):
                found.append(
                    {"function_arn": item["FunctionARN"], "event_type": item.get("EventType"),
                     "path_pattern": path}
                )  # fmt: skip
    return found


def distribution_name(raw: dict[str, Any]) -> str:
    """What people call a distribution: its comment, else its first alias, else its domain."""
    aliases = [a for a in _items(raw.get("Aliases")) if isinstance(a, str) and a]
    for name in (raw.get("Comment"), *aliases[:1], raw.get("DomainName"), raw.get("Id")):
        if isinstance(name, str) and name.strip():
            return name
    return str(raw["ARN"])


def transform_distribution(ctx: CrawlContext, raw: dict[str, Any]) -> Row:
    """One distribution; origin custom header values are redacted before anything else sees
    them."""
    literals = Literals(ctx.redactor)
    origins = [
        redact_origin(literals, i, o) for i, o in enumerate(_items(raw.get("Origins")))
        if isinstance(o, dict)
    ]  # fmt: skip
    if isinstance(raw.get("Origins"), dict):
        raw = {**raw, "Origins": {**raw["Origins"], "Items": origins}}
    return {
        "arn": raw["ARN"],
        "id": raw.get("Id"),
        "name": distribution_name(raw),
        "domain_name": raw.get("DomainName"),
        "aliases": [a for a in _items(raw.get("Aliases")) if isinstance(a, str)],
        "enabled": raw.get("Enabled") if isinstance(raw.get("Enabled"), bool) else None,
        "status": raw.get("Status"),
        "staging": bool(raw.get("Staging")),
        "web_acl_id": raw.get("WebACLId") or None,
        "origins": [transform_origin(o) for o in origins],
        "behaviors": [transform_behaviour(*b) for b in behaviours(raw)],
        "edge_functions": edge_functions(raw),
        "cloudfront_functions": cloudfront_functions(raw),
        "redacted_values": literals.records,
        "raw": raw,
    }


def transform_access_control(ctx: CrawlContext, raw: dict[str, Any]) -> Row:
    return {
        "arn": f"arn:{ctx.partition}:cloudfront::{ctx.account}:origin-access-control/{raw['Id']}",
        "id": raw["Id"],
        "name": raw.get("Name"),
        "signing_behavior": raw.get("SigningBehavior"),
        "signing_protocol": raw.get("SigningProtocol"),
        "origin_type": raw.get("OriginAccessControlOriginType"),
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl every distribution of the account, and the origin access controls they use."""
    client = ctx.client(SERVICE, region)
    found = list_all(ctx, client, "list_distributions", "DistributionList")
    rows = [transform_distribution(ctx, d) for d in found if isinstance(d, dict) and d.get("ARN")]
    ctx.emit("cloudfront_distributions", rows)
    if any(o["origin_access_control_id"] for row in rows for o in row["origins"]):
        controls = list_all(ctx, client, "list_origin_access_controls", "OriginAccessControlList")
        controls = [c for c in controls if isinstance(c, dict) and c.get("Id")]
        ctx.emit(
            "cloudfront_origin_access_controls",
            [transform_access_control(ctx, c) for c in controls],
        )
