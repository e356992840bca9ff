"""Secrets Manager: secrets with their rotation function, resource policy, key and dates.

Per region: one paginated `ListSecrets` (bulk: name, KMS key, whether rotation is on and the
rotation function, rotation rules and dates, tags), then one `GetResourcePolicy` per secret
(who outside the account may read or write it; AWS has no bulk read). `GetSecretValue` is never
called, nor allowed by the read-only guard: no secret value reaches the snapshot.

A policy that could not be read leaves `policy_read` False: the secret's exposure is unknown,
never "no policy". Secrets already scheduled for deletion are not listed (AWS's default).
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import ABSENT, FAILURES, CrawlContext, error_code
from explorer.crawl.util import iso_time, parse_policy
from explorer.schema.records import Row

SERVICE = "secretsmanager"


def list_secrets(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_secrets", "SecretList")


def get_policy(ctx: CrawlContext, client: Any, arn: str) -> tuple[Any, bool]:
    """(the parsed resource policy or None, whether it was read): a secret without a policy
    is answered without one; a secret deleted since the list call has none."""
    try:
        response = client.get_resource_policy(SecretId=arn)
    except FAILURES as exc:
        if error_code(exc) in ABSENT:
            return None, True
        ctx.record(client, "get_resource_policy", exc, arn)
        return None, False
    return parse_policy(response.get("ResourcePolicy")) or None, True


def transform_secret(region: str, raw: dict[str, Any], policy: Any, read: bool) -> Row:
    tags = {
        str(t.get("Key")): t.get("Value")
        for t in raw.get("Tags") or []
        if isinstance(t, dict) and t.get("Key") is not None
    }
    rules = raw.get("RotationRules")
    function = raw.get("RotationLambdaARN")
    return {
        "arn": raw["ARN"],
        "name": raw.get("Name"),
        "region": region,
        "kms_key_id": raw.get("KmsKeyId"),
        "rotation_enabled": raw.get("RotationEnabled"),
        "rotation_function_arn": function if isinstance(function, str) and function else None,
        "rotation_rules": rules if isinstance(rules, dict) else None,
        "last_rotated": iso_time(raw.get("LastRotatedDate")),
        "last_changed": iso_time(raw.get("LastChangedDate")),
        "last_accessed": iso_time(raw.get("LastAccessedDate")),
        "next_rotation": iso_time(raw.get("NextRotationDate")),
        "owning_service": raw.get("OwningService"),
        "primary_region": raw.get("PrimaryRegion"),
        "tags": tags,
        "policy": policy,
        "policy_read": read,
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl Secrets Manager secrets (never their values) in one region."""
    client = ctx.client(SERVICE, region)

    def one(raw: dict[str, Any]) -> None:
        policy, read = get_policy(ctx, client, raw["ARN"])
        ctx.emit("secrets", [transform_secret(region, raw, policy, read)])

    ctx.map(one, [s for s in list_secrets(ctx, client) if isinstance(s.get("ARN"), str)])
