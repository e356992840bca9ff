"""AppSync GraphQL APIs: a Lambda data source runs its function synchronously (a resolver waits
for it) with the caller's query arguments, and a Lambda authorizer runs its function with the
caller's token. Resolvers are not crawled, so every Lambda data source of an API counts as
invoked by it.

The API is the entry point (its node, in the app's entries). Its trust is that of its most open
auth mode: API_KEY (as API Gateway API keys: they identify, they do not authenticate), AWS_IAM,
OPENID_CONNECT and AWS_LAMBDA are `authenticated`; AMAZON_COGNITO_USER_POOLS too, unless a pool
lets anyone sign up (or an OpenID Connect issuer is such a pool): then `anonymous`, "self
sign-up". A PRIVATE API is reachable only through the account's VPC endpoints: no exposure.

A Lambda authorizer is not behind the API's auth, it *is* the auth: AppSync hands it the token
of every request in the AWS_LAMBDA mode, whoever sent it. So it is fed from its own entry,
`<API ARN>#authorizer`, which the internet reaches `anonymous` whenever the API is not PRIVATE,
whatever the other modes are. (API Gateway REST and HTTP Lambda authorizers get no edge today;
they are the same case.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.cognito import UserPools, guard_of, pool_ref
from explorer.analysis.shapes import strings, text
from explorer.analysis.sources import ENTRIES, NodeKind, Source, expose_entry

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows, Row
    from explorer.analysis.graph import EstateGraph

GRAPHQL_API = "graphql_api"
"""Node kind: an AppSync GraphQL API (and `<API ARN>#authorizer`, its Lambda authorizer's door)."""
DATA_SOURCE = tk.TriggerKind("appsync-data-source", "AppSync Lambda data source", tk.SYNC)
AUTHORIZER = tk.TriggerKind("appsync-authorizer", "AppSync Lambda authorizer", tk.SYNC)
LAMBDA = "AWS_LAMBDA"
PRIVATE = "PRIVATE"
AUTHORIZER_SUFFIX = "#authorizer"


def authorizer_node(api_arn: str) -> str:
    """The entry an API's Lambda authorizer is fed from."""
    return f"{api_arn}{AUTHORIZER_SUFFIX}"


def authorizer_functions(row: Row) -> list[str]:
    """The function ARNs an API's Lambda authorizer modes name."""
    return [f for f in strings(row.get("authorizer_function_arns")) if f.startswith("arn:")]


def _authorizer_entry(graph: EstateGraph, row: Row) -> str:
    """The `#authorizer` node of an API: its row names AWS_LAMBDA as its auth and the API it
    guards (a row of its own: the API's other columns stay on the API's node)."""
    name = f"{row.get('name') or row['arn']} (Lambda authorizer)"
    door = {"arn": authorizer_node(row["arn"]), "api_arn": row["arn"], "name": name,
            "authorization_type": LAMBDA}  # fmt: skip
    return graph.node(
        authorizer_node(row["arn"]), GRAPHQL_API, name, table="appsync_graphql_apis", row=door
    )


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """API -> each Lambda data source's function; `<API>#authorizer` -> its authorizer."""
    for row in estate.rows("appsync_data_sources"):
        function, api = text(row.get("function_arn")), text(row.get("api_arn"))
        if function and function.startswith("arn:") and api:
            graph.edge(
                api, function, kinds.TRIGGERS,
                **DATA_SOURCE.evidence(data_source=row.get("name"), data_source_arn=row["arn"]),
            )  # fmt: skip
    for row in estate.rows("appsync_graphql_apis"):
        functions = authorizer_functions(row)
        if functions:
            entry = _authorizer_entry(graph, row)
            for function in functions:
                graph.edge(entry, function, kinds.TRIGGERS, **AUTHORIZER.evidence(api=row["arn"]))


def exposure(graph: EstateGraph, estate: EstateRows) -> None:
    """The internet may call each API that is not PRIVATE, at the trust of its most open auth
    mode, and reaches its Lambda authorizer anonymously."""
    users = UserPools(estate)
    for row in estate.rows("appsync_graphql_apis"):
        visibility = text(row.get("visibility"))
        if str(visibility).upper() == PRIVATE:
            continue  # reachable only through the account's VPC endpoints
        more = _evidence(row, visibility)
        pools = [*strings(row.get("user_pool_arns")),
                 *(i for i in strings(row.get("oidc_issuers")) if pool_ref(i))]  # fmt: skip
        guard = guard_of(users, pools) if pools else None
        if guard and guard.open:
            graph.edge(
                kinds.INTERNET, row["arn"], kinds.EXPOSES, trust=kinds.ANONYMOUS,
                via="GraphQL API", authorization=row.get("authorization_type"), **more,
                **guard.evidence(),
            )  # fmt: skip
        else:
            expose_entry(graph, row["arn"], row, "GraphQL API", **more,
                         **(guard.evidence() if guard else {}))  # fmt: skip
        if authorizer_functions(row):
            graph.edge(
                kinds.INTERNET, _authorizer_entry(graph, row), kinds.EXPOSES,
                trust=kinds.ANONYMOUS, via="Lambda authorizer", authorization=LAMBDA,
                note="AppSync sends it the token of every AWS_LAMBDA-mode request, before any "
                "check", **more,
            )  # fmt: skip


def _evidence(row: Row, visibility: str | None) -> dict[str, Any]:
    """What every exposure of an API says: all its auth modes, visibility and web ACL."""
    modes = strings(row.get("authorization_modes")) or strings([row.get("authorization_type")])
    return {
        "authorization_modes": modes,
        "visibility": visibility or "GLOBAL (not recorded: AWS's default)",
        "waf_web_acl": text(row.get("waf_web_acl_arn")) or "none",
    }


SOURCE = Source(
    title="AppSync GraphQL APIs with Lambda data sources and authorizers",
    crawl="appsync",
    kinds=(DATA_SOURCE, AUTHORIZER),
    nodes=(
        NodeKind(
            GRAPHQL_API,
            "appsync_graphql_apis",
            "name",
            "GraphQL API",
            ENTRIES,
            ("appsync", "apis"),
        ),
    ),
    columns={
        "appsync_graphql_apis": (
            "visibility",
            "authorization_type",
            "authorization_modes",
            "user_pool_arns",
            "oidc_issuers",
            "authorizer_function_arns",
            "waf_web_acl_arn",
        ),
        "appsync_data_sources": ("arn", "name", "api_arn", "function_arn"),
    },
    triggers=triggers,
    exposure=exposure,
)
