"""The snapshot tables the cognito_identity crawl module fills (Cognito identity pools: who may get
AWS credentials, and as which role). Declarations only: reading a snapshot imports these, never
the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "cognito_identity_pools",
        "arn",
        {
            "id": str,
            "name": str,
            "region": str,
            "described": bool,
            "allow_unauthenticated": bool,
            "allow_classic_flow": bool,
            "user_pool_providers": list,
            "login_providers": dict,
            "openid_provider_arns": list,
            "saml_provider_arns": list,
            "developer_provider": str,
            "roles_read": bool,
            "unauthenticated_role_arn": str,
            "authenticated_role_arn": str,
            "role_mappings": dict,
            "mapped_role_arns": list,
        },
        later_table=True,
    ),
)
