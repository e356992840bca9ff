"""Cognito identity pools: who may get AWS credentials, and as which role.

One paginated ListIdentityPools per region, then per pool one DescribeIdentityPool (whether
unauthenticated "guest" identities are allowed, the basic flow, the sign-in providers) and one
GetIdentityPoolRoles (the authenticated and unauthenticated roles and the role mappings). A pool
that allows guests hands anyone on the internet credentials for its unauthenticated role.

No bulk read exists: a pool costs two calls beyond the list. When the roles cannot be read,
they are stored as unknown (`roles_read` false, the failure recorded), never as "no role".
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.schema.records import Row

SERVICE = "cognito-identity"


def get_identity_pools(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    """Every identity pool of the region (ids and names), across NextToken pages."""
    return ctx.paginate(client, "list_identity_pools", "IdentityPools", MaxResults=60)


def pool_arn(ctx: CrawlContext, region: str, pool_id: str) -> str:
    """The identity pool's ARN (`identitypool/<region>:<uuid>`); the API does not return it."""
    return f"arn:{ctx.partition}:cognito-identity:{region}:{ctx.account}:identitypool/{pool_id}"


def describe_identity_pool(ctx: CrawlContext, client: Any, arn: str, pool_id: str) -> dict:
    response = ctx.call(client, "describe_identity_pool", arn, IdentityPoolId=pool_id)
    return _without_metadata(response)


def get_pool_roles(ctx: CrawlContext, client: Any, arn: str, pool_id: str) -> dict | None:
    """`{Roles, RoleMappings}`, or None when the call failed (the failure is recorded)."""
    response = ctx.call(client, "get_identity_pool_roles", arn, IdentityPoolId=pool_id)
    return None if response is None else _without_metadata(response)


def _without_metadata(response: dict[str, Any] | None) -> dict[str, Any]:
    return {k: v for k, v in (response or {}).items() if k != "ResponseMetadata"}


def user_pool_providers(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The pool's Cognito user pool providers: provider name (`cognito-idp.<region>.amazonaws.com/
    <user pool id>`), app client id, and whether tokens are checked with the user pool."""
    found = []
    for provider in raw.get("CognitoIdentityProviders") or []:
        if isinstance(provider, dict) and isinstance(provider.get("ProviderName"), str):
            found.append(
                {
                    "provider_name": provider["ProviderName"],
                    "client_id": provider.get("ClientId"),
                    "server_side_token_check": provider.get("ServerSideTokenCheck"),
                }
            )
    return found


def mapped_roles(mappings: Any) -> list[str]:
    """Every role a role mapping rule may hand out (token-based mappings name theirs in the
    user pool's groups, which are not crawled)."""
    roles = set()
    for mapping in (mappings or {}).values() if isinstance(mappings, dict) else ():
        rules = ((mapping or {}).get("RulesConfiguration") or {}).get("Rules") or []
        roles |= {r["RoleARN"] for r in rules if isinstance(r, dict) and r.get("RoleARN")}
    return sorted(roles)


def transform_pool(
    ctx: CrawlContext,
    region: str,
    summary: dict[str, Any],
    raw: dict[str, Any],
    roles: dict[str, Any] | None,
) -> Row:
    """One row from the description and the roles (either may be missing: unknown, not none)."""
    described = bool(raw)
    raw = {**summary, **raw}
    assigned = (roles or {}).get("Roles") or {}
    mappings = (roles or {}).get("RoleMappings") or {}
    return {
        "arn": pool_arn(ctx, region, raw["IdentityPoolId"]),
        "id": raw["IdentityPoolId"],
        "name": raw.get("IdentityPoolName"),
        "region": region,
        "described": described,
        "allow_unauthenticated": raw.get("AllowUnauthenticatedIdentities") if described else None,
        "allow_classic_flow": raw.get("AllowClassicFlow") if described else None,
        "user_pool_providers": user_pool_providers(raw),
        "login_providers": raw.get("SupportedLoginProviders") or {},
        "openid_provider_arns": raw.get("OpenIdConnectProviderARNs") or [],
        "saml_provider_arns": raw.get("SamlProviderARNs") or [],
        "developer_provider": raw.get("DeveloperProviderName") or None,
        "roles_read": roles is not None,
        "unauthenticated_role_arn": assigned.get("unauthenticated"),
        "authenticated_role_arn": assigned.get("authenticated"),
        "role_mappings": mappings,
        "mapped_role_arns": mapped_roles(mappings),
        "raw": {**raw, "Roles": assigned, "RoleMappings": mappings} if roles else raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl Cognito identity pools in one region: the list, then two reads per pool."""
    client = ctx.client(SERVICE, region)

    def one(summary: dict[str, Any]) -> None:
        pool_id = summary["IdentityPoolId"]
        arn = pool_arn(ctx, region, pool_id)
        raw = describe_identity_pool(ctx, client, arn, pool_id)
        roles = get_pool_roles(ctx, client, arn, pool_id)
        ctx.emit("cognito_identity_pools", [transform_pool(ctx, region, summary, raw, roles)])

    ctx.map(one, [p for p in get_identity_pools(ctx, client) if p.get("IdentityPoolId")])
