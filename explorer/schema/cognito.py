"""The snapshot tables the cognito crawl module fills (Cognito user pools: Lambda triggers (a
trigger source), who may sign up, and app clients). Declarations only: reading a snapshot
imports these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "cognito_user_pools",
        "arn",
        {
            "id": str,
            "name": str,
            "region": str,
            "lambda_triggers": dict,
            "trigger_function_arns": list,
            "self_signup_allowed": bool,
            "mfa": str,
            "deletion_protection": str,
            "advanced_security": str,
            "kms_key_arn": str,
            "domain": str,
            "estimated_users": int,
            "created": str,
            "redacted_values": list,
        },
        later=frozenset({"redacted_values"}),
    ),
    Table(
        "cognito_user_pool_clients",
        ("pool_arn", "client_id"),
        {
            "pool_arn": str,
            "client_id": str,
            "pool_id": str,
            "name": str,
            "region": str,
            "described": bool,
            "prevent_user_existence_errors": str,
            "explicit_auth_flows": list,
            "allowed_oauth_flows": list,
            "identity_providers": list,
            "has_secret": bool,
        },
        later_table=True,
    ),
)
