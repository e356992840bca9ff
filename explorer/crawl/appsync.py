"""AppSync GraphQL APIs: their auth modes, Lambda authorizers and data sources.

Per region: one paginated ListGraphqlApis (bulk: every API with its primary and additional auth
modes, Lambda authorizer, user pool and OpenID Connect settings, WAF web ACL and visibility),
then one paginated ListDataSources per API. Resolvers are not read (AWS lists them per type,
one call per type per API): a Lambda data source is taken as invoked by its API, which holds
for every data source a resolver or pipeline function uses.

API keys are not listed: in AppSync a key's id is the key itself, and whether keys exist does
not change who may call (the API_KEY mode counts as authenticated either way). A failed data
source read leaves the API's `data_sources_read` False (unknown), never "no data sources".
"""

from __future__ import annotations

from typing import Any

from explorer.crawl.context import CrawlContext
from explorer.schema.records import Row

SERVICE = "appsync"

COGNITO = "AMAZON_COGNITO_USER_POOLS"
OIDC = "OPENID_CONNECT"
LAMBDA = "AWS_LAMBDA"
PAGE = 25
"""The largest page AppSync's list calls return."""


def list_graphql_apis(ctx: CrawlContext, client: Any) -> list[dict[str, Any]]:
    return ctx.paginate(client, "list_graphql_apis", "graphqlApis", maxResults=PAGE)


def list_data_sources(ctx: CrawlContext, client: Any, api: Row) -> list[dict[str, Any]] | None:
    """Every data source of one API; None when a page could not be read (unknown)."""
    return ctx.read_whole(
        client, "list_data_sources", "dataSources", api["arn"], apiId=api["api_id"],
        maxResults=PAGE,
    )  # fmt: skip


def providers(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The primary auth mode (as a provider) and the additional ones, in that order."""
    primary = {
        "authenticationType": raw.get("authenticationType"),
        "userPoolConfig": raw.get("userPoolConfig"),
        "openIDConnectConfig": raw.get("openIDConnectConfig"),
        "lambdaAuthorizerConfig": raw.get("lambdaAuthorizerConfig"),
    }
    extra = raw.get("additionalAuthenticationProviders") or []
    return [primary, *(p for p in extra if isinstance(p, dict))]


def _config(provider: dict[str, Any], key: str) -> dict[str, Any]:
    found = provider.get(key)
    return found if isinstance(found, dict) else {}


def _of_type(found: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [p for p in found if p.get("authenticationType") == kind]


def user_pool_arns(
    found: list[dict[str, Any]], partition: str, region: str, account: str
) -> list[str]:
    """The user pools of the Cognito modes, as ARNs (the pool's region, the API's account)."""
    arns = []
    for provider in _of_type(found, COGNITO):
        config = _config(provider, "userPoolConfig")
        pool, where = config.get("userPoolId"), config.get("awsRegion") or region
        if isinstance(pool, str) and pool and isinstance(where, str):
            arns.append(f"arn:{partition}:cognito-idp:{where}:{account}:userpool/{pool}")
    return sorted(set(arns))


def oidc_issuers(found: list[dict[str, Any]]) -> list[str]:
    issuers = [_config(p, "openIDConnectConfig").get("issuer") for p in _of_type(found, OIDC)]
    return sorted({i for i in issuers if isinstance(i, str) and i})


def authorizer_functions(found: list[dict[str, Any]]) -> list[str]:
    """Function ARNs (maybe qualified) of the Lambda authorizer modes."""
    configs = [_config(p, "lambdaAuthorizerConfig") for p in _of_type(found, LAMBDA)]
    uris = [c.get("authorizerUri") for c in configs]
    return sorted({u for u in uris if isinstance(u, str) and u.startswith("arn:")})


def api_arn(ctx: CrawlContext, region: str, raw: dict[str, Any]) -> str | None:
    """The API's ARN as AWS writes it; built from its id where the answer lacks it."""
    if isinstance(raw.get("arn"), str) and raw["arn"]:
        return raw["arn"]
    api_id = raw.get("apiId")
    if isinstance(api_id, str) and api_id:
        return f"arn:{ctx.partition}:appsync:{region}:{ctx.account}:apis/{api_id}"
    return None


def transform_api(ctx: CrawlContext, region: str, raw: dict[str, Any], arn: str) -> Row:
    found = providers(raw)
    modes = [p.get("authenticationType") for p in found]
    account = arn.split(":")[4] if arn.count(":") >= 5 and arn.split(":")[4] else ctx.account
    return {
        "arn": arn,
        "name": raw.get("name"),
        "region": region,
        "api_id": raw.get("apiId"),
        "api_type": raw.get("apiType"),
        "visibility": raw.get("visibility"),
        "authorization_type": raw.get("authenticationType"),
        "authorization_modes": list(dict.fromkeys(m for m in modes if isinstance(m, str))),
        "user_pool_arns": user_pool_arns(found, ctx.partition, region, account),
        "oidc_issuers": oidc_issuers(found),
        "authorizer_function_arns": authorizer_functions(found),
        "waf_web_acl_arn": raw.get("wafWebAclArn"),
        "graphql_url": (raw.get("uris") or {}).get("GRAPHQL"),
        "owner": raw.get("owner"),
        "data_sources_read": False,
        "raw": raw,
    }


def transform_data_source(region: str, api: Row, raw: dict[str, Any]) -> Row | None:
    """One data source; `function_arn` only for a Lambda data source. None without a name or
    ARN to know it by."""
    name = raw.get("name")
    arn = raw.get("dataSourceArn") or (f"{api['arn']}/datasources/{name}" if name else None)
    if not isinstance(arn, str) or not arn:
        return None
    function = (raw.get("lambdaConfig") or {}).get("lambdaFunctionArn")
    lambda_source = raw.get("type") == LAMBDA and isinstance(function, str)
    return {
        "arn": arn,
        "name": name,
        "region": region,
        "api_arn": api["arn"],
        "api_name": api.get("name"),
        "type": raw.get("type"),
        "function_arn": function if lambda_source else None,
        "service_role_arn": raw.get("serviceRoleArn"),
        "raw": raw,
    }


def sync(ctx: CrawlContext, region: str) -> None:
    """Crawl the GraphQL APIs of one region and the data sources of each."""
    client = ctx.client(SERVICE, region)
    apis = []
    for raw in list_graphql_apis(ctx, client):
        arn = api_arn(ctx, region, raw) if isinstance(raw, dict) else None
        if arn:
            apis.append(transform_api(ctx, region, raw, arn))

    def one_api(api: Row) -> None:
        sources = list_data_sources(ctx, client, api) if api.get("api_id") else None
        if sources is not None:
            rows = [transform_data_source(region, api, s) for s in sources if isinstance(s, dict)]
            ctx.emit("appsync_data_sources", [r for r in rows if r])
        ctx.emit("appsync_graphql_apis", [{**api, "data_sources_read": sources is not None}])

    ctx.map(one_api, apis)
