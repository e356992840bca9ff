"""The snapshot tables the secretsmanager crawl module fills (Secrets Manager secrets: rotation
functions, resource policies, keys and dates; never a secret's value). Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "secrets",
        "arn",
        {
            "name": str,
            "region": str,
            "kms_key_id": str,
            "rotation_enabled": bool,
            "rotation_function_arn": str,
            "rotation_rules": dict,
            "last_rotated": str,
            "last_changed": str,
            "last_accessed": str,
            "next_rotation": str,
            "owning_service": str,
            "primary_region": str,
            "tags": dict,
            "policy": dict,
            "policy_read": bool,
        },
        later_table=True,
    ),
)
