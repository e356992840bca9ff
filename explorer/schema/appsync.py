"""The snapshot tables the appsync crawl module fills (AppSync GraphQL APIs: their auth modes,
Lambda authorizers and data sources). Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "appsync_graphql_apis",
        "arn",
        {
            "name": str,
            "region": str,
            "api_id": str,
            "api_type": str,
            "visibility": str,
            "authorization_type": str,
            "authorization_modes": list,
            "user_pool_arns": list,
            "oidc_issuers": list,
            "authorizer_function_arns": list,
            "waf_web_acl_arn": str,
            "graphql_url": str,
            "owner": str,
            "data_sources_read": bool,
        },
        later_table=True,
    ),
    Table(
        "appsync_data_sources",
        "arn",
        {
            "name": str,
            "region": str,
            "api_arn": str,
            "api_name": str,
            "type": str,
            "function_arn": str,
            "service_role_arn": str,
        },
        later_table=True,
    ),
)
