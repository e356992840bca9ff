"""The snapshot tables the iam crawl module fills (IAM: roles, trust policies, inline and managed
policies (default version), users, groups). Declarations only: reading a snapshot imports these,
never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

USER_CREDENTIALS = frozenset(
    {"password_enabled", "password_last_used", "mfa_active", "access_keys"}
)

TABLES = (
    Table(
        "iam_roles",
        "arn",
        {
            "name": str,
            "path": str,
            "role_id": str,
            "trust_policy": dict,
            "boundary_arn": str,
            "inline_policies": list,
            "attached_policy_arns": list,
            "last_used": str,
            "tags": dict,
            "instance_profiles": list,
        },
        later=frozenset({"instance_profiles"}),
    ),
    Table(
        "iam_policies",
        "arn",
        {
            "name": str,
            "aws_managed": bool,
            "default_version_id": str,
            "document": dict,
            "attachment_count": int,
            "boundary_usage_count": int,
            "other_versions": list,
        },
        later=frozenset({"other_versions"}),
    ),
    Table(
        "iam_users",
        "arn",
        {
            "name": str,
            "inline_policies": list,
            "attached_policy_arns": list,
            "groups": list,
            "boundary_arn": str,
            "path": str,
            "user_id": str,
            "created": str,
            "password_enabled": bool,
            "password_last_used": str,
            "mfa_active": bool,
            "access_keys": list,
            "tags": dict,
        },
        later=frozenset(USER_CREDENTIALS | {"path", "user_id", "created", "tags"}),
    ),
    Table(
        "iam_groups",
        "arn",
        {"name": str, "inline_policies": list, "attached_policy_arns": list, "path": str},
        later=frozenset({"path"}),
    ),
)
"""Users' credential columns are None where unknown (no report, a failed list); `access_keys`
entries are {id, status, created, last_used, last_used_service, last_used_region,
last_used_known}. `instance_profiles` lists the ARNs of the role's instance profiles."""
