"""S3: buckets with notifications, policy, policy status, public access block, ACL, object
ownership, encryption.

Crawled once per account: `ListBuckets` names every bucket in every region (and, on AWS, the
bucket's region), then each bucket is read with a client in its own region. Per bucket: 6 reads
(notifications, policy, public access block, ACL, object ownership, encryption), +1 for the
policy status when the bucket has a policy, +1 for the location where `ListBuckets` gave no
`BucketRegion` (moto).
The account-wide public access block comes from S3 Control (one call).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from explorer.crawl.context import ABSENT, FAILURES, CrawlCancelled, CrawlContext, error_code
from explorer.crawl.util import clean, parse_policy
from explorer.schema.records import Row
from explorer.schema.s3 import BLOCK_COLUMNS

SERVICE = "s3"
GLOBAL = True


ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"

DESTINATIONS = (
    ("LambdaFunctionConfigurations", "lambda", "LambdaFunctionArn"),
    ("QueueConfigurations", "sqs", "QueueArn"),
    ("TopicConfigurations", "sns", "TopicArn"),
)
"""Notification lists: (response key, destination_type, key of the destination ARN)."""

SETTINGS = (
    ("Notification", "get_bucket_notification_configuration"),
    ("Policy", "get_bucket_policy"),
    ("PublicAccessBlock", "get_public_access_block"),
    ("Acl", "get_bucket_acl"),
    ("OwnershipControls", "get_bucket_ownership_controls"),
    ("Encryption", "get_bucket_encryption"),
)
"""Per-bucket reads: (key in the row's raw, boto3 operation)."""


def bucket_arn(partition: str, name: str) -> str:
    return f"arn:{partition}:s3:::{name}"


def location_region(constraint: str | None) -> str:
    """The region of a `LocationConstraint`: empty means us-east-1, `EU` is the old eu-west-1."""
    if not constraint:
        return "us-east-1"
    return "eu-west-1" if constraint == "EU" else constraint


def read_setting(
    ctx: CrawlContext, client: Any, operation: str, resource: str, **params: Any
) -> dict[str, Any] | None:
    """One read: the response, {} when the setting is not configured, None when the call failed.

    Unlike `ctx.call`, "not configured" and "unknown" stay apart, so a failed read never looks
    like an unprotected bucket.
    """
    if ctx.stop.is_set():
        raise CrawlCancelled
    try:
        return clean(getattr(client, operation)(**params))
    except FAILURES as exc:
        if error_code(exc) in ABSENT:
            return {}
        ctx.record(client, operation, exc, resource)
        return None


def get_buckets(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    """Every bucket, paged: AWS rejects unpaged listings for accounts allowed over 10,000."""
    return ctx.paginate(client, "list_buckets", "Buckets", PaginationConfig={"PageSize": 1000})


def get_region(ctx: CrawlContext, client: Any, raw: dict[str, Any]) -> str | None:
    """The bucket's region: from the listing when AWS gave it, else `GetBucketLocation`."""
    if raw.get("BucketRegion"):
        return str(raw["BucketRegion"])
    arn = bucket_arn(ctx.partition, raw["Name"])
    response = ctx.call(client, "get_bucket_location", arn, Bucket=raw["Name"])
    return None if response is None else location_region(response.get("LocationConstraint"))


def get_settings(ctx: CrawlContext, client: Any, name: str) -> dict[str, Any]:
    """Every per-bucket setting, keyed as in `SETTINGS`; the policy status only given a policy."""
    arn = bucket_arn(ctx.partition, name)
    found = {key: read_setting(ctx, client, op, arn, Bucket=name) for key, op in SETTINGS}
    if found["Policy"] != {}:  # no policy: AWS answers NoSuchBucketPolicy, so skip the call
        found["PolicyStatus"] = read_setting(
            ctx, client, "get_bucket_policy_status", arn, Bucket=name
        )
    return found


def transform_block(config: dict[str, Any] | None) -> Row:
    """The four public access block flags of a `Get(Bucket)PublicAccessBlock` response."""
    if config is None:
        return dict.fromkeys(BLOCK_COLUMNS)
    flags = config.get("PublicAccessBlockConfiguration") or {}
    return {
        "block_public_acls": bool(flags.get("BlockPublicAcls")),
        "ignore_public_acls": bool(flags.get("IgnorePublicAcls")),
        "block_public_policy": bool(flags.get("BlockPublicPolicy")),
        "restrict_public_buckets": bool(flags.get("RestrictPublicBuckets")),
    }


def transform_grant(raw: dict[str, Any]) -> Row:
    grantee = raw.get("Grantee") or {}
    who = grantee.get("ID") or grantee.get("URI") or grantee.get("EmailAddress")
    return {"grantee": who, "type": grantee.get("Type"), "permission": raw.get("Permission")}


def transform_acl(acl: dict[str, Any] | None) -> Row:
    """ACL columns, with the permissions granted to everyone and to any AWS account pulled out."""
    if acl is None:
        return {"acl_grants": None, "acl_all_users": None, "acl_authenticated_users": None}
    grants = [transform_grant(g) for g in acl.get("Grants") or []]
    return {
        "acl_grants": grants,
        "acl_all_users": sorted(g["permission"] for g in grants if g["grantee"] == ALL_USERS),
        "acl_authenticated_users": sorted(
            g["permission"] for g in grants if g["grantee"] == AUTHENTICATED_USERS
        ),
    }


def transform_ownership(controls: dict[str, Any] | None) -> str | None:
    """The bucket's Object Ownership: `BucketOwnerEnforced` means ACLs are disabled.

    A bucket without ownership controls (`OwnershipControlsNotFoundError`, read as {}) is
    `ObjectWriter`, as it was before S3 had the setting; None when the read failed.
    """
    if controls is None:
        return None
    rules = (controls.get("OwnershipControls") or {}).get("Rules") or [{}]
    return rules[0].get("ObjectOwnership") or "ObjectWriter"


def transform_encryption(encryption: dict[str, Any] | None) -> Row:
    """Default encryption of the first rule; None when unset (moto) or unreadable."""
    config = (encryption or {}).get("ServerSideEncryptionConfiguration") or {}
    rule = (config.get("Rules") or [{}])[0]
    default = rule.get("ApplyServerSideEncryptionByDefault") or {}
    return {
        "encryption_algorithm": default.get("SSEAlgorithm"),
        "kms_key_id": default.get("KMSMasterKeyID"),
        "bucket_key_enabled": rule.get("BucketKeyEnabled"),
    }


def _policy_is_public(settings: dict[str, Any]) -> bool | None:
    if settings.get("Policy") == {}:
        return False
    status = (settings.get("PolicyStatus") or {}).get("PolicyStatus") or {}
    return status.get("IsPublic")


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value


def transform_bucket(
    partition: str, raw: dict[str, Any], region: str | None, settings: dict[str, Any]
) -> Row:
    """One `s3_buckets` row from the listing entry and the per-bucket responses."""
    policy = settings.get("Policy") or {}
    return {
        "arn": bucket_arn(partition, raw["Name"]),
        "name": raw["Name"],
        "region": region,
        "created": _iso(raw.get("CreationDate")),
        "owner_id": ((settings.get("Acl") or {}).get("Owner") or {}).get("ID"),
        "policy": parse_policy(policy.get("Policy")),
        "policy_is_public": _policy_is_public(settings),
        **transform_block(settings.get("PublicAccessBlock")),
        **transform_acl(settings.get("Acl")),
        "object_ownership": transform_ownership(settings.get("OwnershipControls")),
        **transform_encryption(settings.get("Encryption")),
        "raw": {"Bucket": raw, "Region": region, **settings},
    }


def transform_filter(raw: dict[str, Any] | None) -> dict[str, str] | None:
    """`{"prefix": ..., "suffix": ...}` from S3's `Filter.Key.FilterRules`."""
    rules = ((raw or {}).get("Key") or {}).get("FilterRules") or []
    return {str(r.get("Name")).lower(): r.get("Value") for r in rules} or None


def transform_notifications(
    arn: str, config: dict[str, Any] | None, default_bus_arn: str | None
) -> list[Row]:
    """One row per destination; EventBridge delivery is all events to the region's default bus."""
    config = config or {}
    rows = []
    for key, kind, arn_key in DESTINATIONS:
        for index, entry in enumerate(config.get(key) or []):
            rows.append(
                {
                    "bucket_arn": arn,
                    "id": entry.get("Id") or f"{kind}-{index}",
                    "destination_type": kind,
                    "destination_arn": entry[arn_key],
                    "events": entry.get("Events") or [],
                    "filter": transform_filter(entry.get("Filter")),
                    "raw": entry,
                }
            )
    if config.get("EventBridgeConfiguration") is not None:
        rows.append(
            {
                "bucket_arn": arn,
                "id": "EventBridgeConfiguration",
                "destination_type": "eventbridge",
                "destination_arn": default_bus_arn,
                "events": None,  # S3 sends every event type to EventBridge
                "filter": None,
                "raw": {"EventBridgeConfiguration": config["EventBridgeConfiguration"]},
            }
        )
    return rows


def sync_bucket(ctx: CrawlContext, home: Any, raw: dict[str, Any]) -> None:
    """Everything about one bucket, read through a client in the bucket's region."""
    region = get_region(ctx, home, raw)
    client = ctx.client("s3", region) if region else home
    settings = get_settings(ctx, client, raw["Name"])
    row = transform_bucket(ctx.partition, raw, region, settings)
    ctx.emit("s3_buckets", [row])
    bus = f"arn:{ctx.partition}:events:{region}:{ctx.account}:event-bus/default" if region else None
    ctx.emit("s3_notifications", transform_notifications(row["arn"], settings["Notification"], bus))


def sync_account_settings(ctx: CrawlContext, region: str) -> None:
    """The account-wide public access block, which overrides every bucket's own."""
    client = ctx.client("s3control", region)
    response = read_setting(
        ctx, client, "get_public_access_block", ctx.account, AccountId=ctx.account
    )
    if response is not None:
        row = {"account": ctx.account, **transform_block(response), "raw": response}
        ctx.emit("s3_account_settings", [row])


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl S3 once for the account: the bucket list, then each bucket in its own region."""
    sync_account_settings(ctx, region)
    home = ctx.client("s3", region)
    ctx.map(lambda bucket: sync_bucket(ctx, home, bucket), get_buckets(ctx, home))
