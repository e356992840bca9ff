"""The snapshot tables the logs crawl module fills (CloudWatch Logs: log groups (retention,
encryption, size) and their subscription filters). Declarations only: reading a snapshot imports
these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "log_groups",
        "arn",
        {
            "name": str,
            "region": str,
            "retention_days": int,
            "kms_key_id": str,
            "stored_bytes": int,
            "log_group_class": str,
            "created": str,
        },
    ),
    Table(
        "log_subscription_filters",
        ("log_group_arn", "filter_name"),
        {
            "log_group_name": str,
            "log_group_arn": str,
            "filter_name": str,
            "filter_pattern": str,
            "destination_arn": str,
            "role_arn": str,
            "distribution": str,
            "region": str,
        },
    ),
)
