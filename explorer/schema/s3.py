"""The snapshot tables the s3 crawl module fills (S3: buckets with notifications, policy, policy
status, public access block, ACL, object). Declarations only: reading a snapshot imports these,
never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

BLOCK_COLUMNS = {
    "block_public_acls": bool,
    "ignore_public_acls": bool,
    "block_public_policy": bool,
    "restrict_public_buckets": bool,
}
"""Public access block flags: False when nothing is configured, None when the read failed."""

TABLES = (
    Table(
        "s3_buckets",
        "arn",
        {
            "name": str,
            "region": str,
            "created": str,
            "owner_id": str,
            "policy": dict,
            "policy_is_public": bool,
            **BLOCK_COLUMNS,
            "acl_grants": list,
            "acl_all_users": list,
            "acl_authenticated_users": list,
            "object_ownership": str,
            "encryption_algorithm": str,
            "kms_key_id": str,
            "bucket_key_enabled": bool,
        },
        later=frozenset({"object_ownership"}),
    ),
    Table(
        "s3_notifications",
        ("bucket_arn", "id"),
        {
            "bucket_arn": str,
            "id": str,
            "destination_type": str,
            "destination_arn": str,
            "events": list,
            "filter": dict,
        },
    ),
    Table("s3_account_settings", "account", {"account": str, **BLOCK_COLUMNS}),
)
