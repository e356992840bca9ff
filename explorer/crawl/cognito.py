"""Cognito user pools: Lambda triggers (a trigger source), who may sign up, and app clients.

One DescribeUserPool per pool: the list carries the triggers but not the sign-up, MFA or ARN
settings. Self sign-up matters for trust: a pool anyone can join makes "authenticated" callers
of an API anonymous in all but name. Then its app clients: one paginated ListUserPoolClients
per pool (ids and names only) and one DescribeUserPoolClient per client, for whether sign-in
errors reveal which users exist (`PreventUserExistenceErrors`).

The SMS configuration's `ExternalId` (the shared value Cognito presents when it assumes the SNS
caller role) is redacted at crawl time. An app client's `ClientSecret` is dropped as soon as it
is read (only whether the client has one is kept): it is a credential Cognito generated, not
configuration anyone wrote, so no fingerprint of it is needed either.
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.crawl.redact import Literals
from explorer.schema.records import Row

SERVICE = "cognito-idp"

NOT_TRIGGERS = frozenset({"KMSKeyID"})
"""LambdaConfig keys that are not Lambda functions (the key custom senders decrypt with)."""


def get_user_pools(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_user_pools", "UserPools", MaxResults=60)


def describe_user_pool(ctx: CrawlContext, client: Any, pool_id: str) -> dict[str, Any]:
    response = ctx.call(client, "describe_user_pool", pool_id, UserPoolId=pool_id)
    return (response or {}).get("UserPool") or {}


def lambda_triggers(config: dict[str, Any] | None) -> dict[str, str]:
    """Trigger name -> function ARN; custom senders and V2 token generation nest `LambdaArn`."""
    triggers = {}
    for name, value in (config or {}).items():
        arn = value.get("LambdaArn") if isinstance(value, dict) else value
        if name not in NOT_TRIGGERS and isinstance(arn, str) and arn:
            triggers[name] = arn
    return triggers


def self_signup_allowed(raw: dict[str, Any], described: bool) -> bool | None:
    """True unless only admins may create users; unknown (None) without a description."""
    if not described:
        return None
    return not (raw.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly", False)


def pool_arn(ctx: CrawlContext, region: str, pool_id: str) -> str:
    return f"arn:{ctx.partition}:cognito-idp:{region}:{ctx.account}:userpool/{pool_id}"


def redact_pool(literals: Literals, raw: dict[str, Any]) -> dict[str, Any]:
    """A pool description with its SMS `ExternalId` redacted."""
    sms = raw.get("SmsConfiguration")
    if not isinstance(sms, dict) or sms.get("ExternalId") is None:
        return raw
    external_id = literals.value(("SmsConfiguration", "ExternalId"), sms["ExternalId"])
    return {**raw, "SmsConfiguration": {**sms, "ExternalId": external_id}}


def transform_pool(
    ctx: CrawlContext, region: str, summary: dict[str, Any], raw: dict[str, Any]
) -> Row:
    """One row from the description, or from the list summary alone when describe failed."""
    described = bool(raw)
    literals = Literals(ctx.redactor)
    raw = redact_pool(literals, {**summary, **raw})
    triggers = lambda_triggers(raw.get("LambdaConfig"))
    created = raw.get("CreationDate")
    return {
        "arn": raw.get("Arn") or pool_arn(ctx, region, raw["Id"]),
        "id": raw["Id"],
        "name": raw.get("Name"),
        "region": region,
        "lambda_triggers": triggers,
        "trigger_function_arns": sorted(set(triggers.values())),
        "self_signup_allowed": self_signup_allowed(raw, described),
        "mfa": raw.get("MfaConfiguration"),
        "deletion_protection": raw.get("DeletionProtection"),
        "advanced_security": (raw.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode"),
        "kms_key_arn": (raw.get("LambdaConfig") or {}).get("KMSKeyID"),
        "domain": raw.get("CustomDomain") or raw.get("Domain"),
        "estimated_users": raw.get("EstimatedNumberOfUsers"),
        "created": str(created) if created else None,
        "redacted_values": literals.records,
        "raw": raw,
    }


def get_pool_clients(ctx: CrawlContext, client: Any, pool: Row) -> list[dict[str, Any]]:
    """The pool's app clients as the list gives them (ids and names only)."""
    return ctx.paginate(
        client, "list_user_pool_clients", "UserPoolClients", pool["arn"],
        UserPoolId=pool["id"], MaxResults=60,
    )  # fmt: skip


def describe_pool_client(ctx: CrawlContext, client: Any, pool: Row, client_id: str) -> dict:
    response = ctx.call(
        client, "describe_user_pool_client", f"{pool['arn']}/client/{client_id}",
        UserPoolId=pool["id"], ClientId=client_id,
    )  # fmt: skip
    return (response or {}).get("UserPoolClient") or {}


def transform_pool_client(pool: Row, summary: dict[str, Any], raw: dict[str, Any]) -> Row:
    """One app client row; its secret never leaves this function.

    AWS documents `LEGACY` as what a client without `PreventUserExistenceErrors` does, so a
    described client that lacks the field is stored as `LEGACY`; an undescribed one as unknown.
    """
    described = bool(raw)
    merged = {**summary, **raw}
    has_secret = bool(merged.get("ClientSecret")) if described else None
    raw = {k: v for k, v in merged.items() if k != "ClientSecret"}
    prevent = raw.get("PreventUserExistenceErrors") or ("LEGACY" if described else None)
    return {
        "pool_arn": pool["arn"],
        "client_id": raw["ClientId"],
        "pool_id": pool["id"],
        "name": raw.get("ClientName"),
        "region": pool["region"],
        "described": described,
        "prevent_user_existence_errors": prevent,
        "explicit_auth_flows": raw.get("ExplicitAuthFlows") or [],
        "allowed_oauth_flows": raw.get("AllowedOAuthFlows") or [],
        "identity_providers": raw.get("SupportedIdentityProviders") or [],
        "has_secret": has_secret,
        "raw": raw,
    }


def sync_clients(ctx: CrawlContext, client: Any, pool: Row) -> None:
    """The pool's app clients: the list, then one describe per client (no bulk read exists)."""
    summaries = [c for c in get_pool_clients(ctx, client, pool) if c.get("ClientId")]
    rows = [
        transform_pool_client(pool, s, describe_pool_client(ctx, client, pool, s["ClientId"]))
        for s in summaries
    ]
    ctx.emit("cognito_user_pool_clients", rows)


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl Cognito user pools in one region: the list, then per pool one describe and its
    app clients."""
    client = ctx.client("cognito-idp", region)

    def one(summary: dict[str, Any]) -> None:
        described = describe_user_pool(ctx, client, summary["Id"])
        pool = transform_pool(ctx, region, summary, described)
        ctx.emit("cognito_user_pools", [pool])
        sync_clients(ctx, client, pool)

    ctx.map(one, get_user_pools(ctx, client))
