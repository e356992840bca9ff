"""S3 Object Lambda access points: the function that transforms each object they serve.

Object Lambda access points are regional. Per region: one paginated S3 Control
`ListAccessPointsForObjectLambda`, then per access point one
`GetAccessPointConfigurationForObjectLambda` (the transformation functions, the supporting
access point) and one `GetAccessPointPolicyForObjectLambda` (who may call it), and one
`GetAccessPoint` per supporting access point of the own account and region (the bucket whose
objects the function is handed). AWS has no bulk read of either.

A configuration or policy that could not be read leaves `configuration_read` or `policy_read`
False: unknown, never "no function" or "no policy". A list that fails for any reason, an
endpoint that does not implement it included (a bare 404), is a recorded gap: an unanswered list
never reads as "no access points" (DESIGN §12).

Object Lambda takes only signed requests (no anonymous access, and its public access block is
always on), which the row records as its `authorization_type` (`AWS_IAM`). A transformation's
`FunctionPayload` (free text handed to the function) is a redacted record. Since November 2025
AWS offers S3 Object Lambda to existing customers only; their access points are still read.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import ABSENT, FAILURES, CrawlCancelled, CrawlContext, error_code
from explorer.crawl.redact import Literals
from explorer.crawl.util import parse_policy
from explorer.schema.records import Row

SERVICE = "s3control"

GONE = ABSENT | {"NoSuchAccessPoint"}
"""Error codes that mean the access point is gone (deleted since it was listed)."""
NO_POLICY = GONE | {"NoSuchAccessPointPolicy"}
"""Error codes that mean the access point has no policy (or is gone)."""
SIGNED = "AWS_IAM"
"""Every Object Lambda request is signed by an AWS principal."""


def list_access_points(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    """Every access point of the region; on failure, what was read so far (the failure
    recorded, whatever it is)."""
    if ctx.stop.is_set():
        raise CrawlCancelled
    items: list[dict[str, Any]] = []
    try:
        pages = client.get_paginator("list_access_points_for_object_lambda")
        for page in pages.paginate(AccountId=ctx.account):
            items.extend(page.get("ObjectLambdaAccessPointList") or [])
    except FAILURES as exc:
        ctx.record(client, "list_access_points_for_object_lambda", exc, None)
    return items


def read(
    ctx: CrawlContext, client: Any, operation: str, name: str, absent: frozenset[str] = GONE
) -> tuple[dict[str, Any] | None, bool]:
    """(the response, or None when absent, whether it was read): unlike `ctx.call`, an absent
    setting and a failed read stay apart."""
    try:
        return getattr(client, operation)(AccountId=ctx.account, Name=name), True
    except FAILURES as exc:
        if error_code(exc) in absent:
            return None, True
        ctx.record(client, operation, exc, name)
        return None, False


def supporting_name(ctx: CrawlContext, region: str, arn: str | None) -> str | None:
    """The name of a supporting access point of this account and region (None: elsewhere)."""
    if not isinstance(arn, str):
        return None
    parts = arn.split(":", 5)
    if len(parts) < 6 or parts[2] != "s3" or parts[3] != region or parts[4] != ctx.account:
        return None
    kind, _, name = parts[5].partition("/")
    return name if kind == "accesspoint" and name and "/" not in name else None


def bucket_of(ctx: CrawlContext, client: Any, name: str) -> str | None:
    """The ARN of the bucket behind a standard access point (None: unknown)."""
    response, _ = read(ctx, client, "get_access_point", name)
    bucket = (response or {}).get("Bucket")
    return f"arn:{ctx.partition}:s3:::{bucket}" if isinstance(bucket, str) and bucket else None


def transformations(literals: Literals, configuration: dict[str, Any]) -> list[dict[str, Any]]:
    """Each transformation: the actions it serves, its function, its payload as a record."""
    found = []
    listed = configuration.get("TransformationConfigurations") or []
    for index, item in enumerate(t for t in listed if isinstance(t, dict)):
        transform = (item.get("ContentTransformation") or {}).get("AwsLambda") or {}
        payload = transform.get("FunctionPayload")
        path = ("TransformationConfigurations", index, "FunctionPayload")
        found.append(
            {
                "actions": [a for a in item.get("Actions") or [] if isinstance(a, str)],
                "function_arn": transform.get("FunctionArn"),
                "payload": literals.value(path, payload) if payload else None,
            }
        )
    return found


def transform_access_point(
    ctx: CrawlContext,
    region: str,
    listed: dict[str, Any],
    configuration: dict[str, Any] | None,
    policy: tuple[Any, bool],
    bucket: str | None,
) -> Row:
    """One `s3_object_lambda_access_points` row (`configuration` None: it could not be read)."""
    literals = Literals(ctx.redactor)
    config = configuration or {}
    found = transformations(literals, config)
    functions = [t["function_arn"] for t in found if isinstance(t["function_arn"], str)]
    raw_config = {k: v for k, v in config.items() if k != "TransformationConfigurations"}
    alias = listed.get("Alias")
    return {
        "arn": listed["ObjectLambdaAccessPointArn"],
        "name": listed.get("Name"),
        "region": region,
        "alias": alias.get("Value") if isinstance(alias, dict) else None,
        "authorization_type": SIGNED,
        "supporting_access_point": config.get("SupportingAccessPoint"),
        "supporting_bucket_arn": bucket,
        "configuration_read": configuration is not None,
        "transformations": found,
        "function_arns": list(dict.fromkeys(functions)),
        "allowed_features": [f for f in config.get("AllowedFeatures") or [] if isinstance(f, str)],
        "policy": policy[0],
        "policy_read": policy[1],
        "redacted_values": literals.records,
        "raw": {**listed, "Configuration": {**raw_config, "TransformationConfigurations": found}},
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl S3 Object Lambda access points in one region."""
    client = ctx.client(SERVICE, region)
    listed = [
        a
        for a in list_access_points(ctx, client)
        if isinstance(a.get("ObjectLambdaAccessPointArn"), str) and isinstance(a.get("Name"), str)
    ]
    found: dict[str, tuple[dict[str, Any] | None, tuple[Any, bool]]] = {}

    def one(point: dict[str, Any]) -> None:
        name = point["Name"]
        response, read_ok = read(
            ctx, client, "get_access_point_configuration_for_object_lambda", name
        )
        if response is None and read_ok:
            return  # deleted since the list call
        configuration = (response or {}).get("Configuration")
        answer, policy_read = read(
            ctx, client, "get_access_point_policy_for_object_lambda", name, NO_POLICY
        )
        policy = parse_policy((answer or {}).get("Policy")) or None
        found[name] = (configuration if isinstance(configuration, dict) else None,
                       (policy, policy_read))  # fmt: skip

    ctx.map(one, listed)
    supporting = {
        point: supporting_name(ctx, region, (config or {}).get("SupportingAccessPoint"))
        for point, (config, _) in found.items()
    }
    buckets: dict[str, str | None] = {}
    names = sorted({n for n in supporting.values() if n})
    ctx.map(lambda n: buckets.__setitem__(n, bucket_of(ctx, client, n)), names)
    ctx.emit(
        "s3_object_lambda_access_points",
        [
            transform_access_point(
                ctx, region, point, *found[point["Name"]],
                buckets.get(supporting[point["Name"]] or ""),
            )
            for point in listed
            if point["Name"] in found
        ],
    )  # fmt: skip
