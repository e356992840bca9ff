"""The snapshot tables the dynamodb crawl module fills (DynamoDB: tables, their streams (a Lambda
trigger source), encryption and resource policies). Declarations only: reading a snapshot
imports these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "dynamodb_tables",
        "arn",
        {
            "name": str,
            "region": str,
            "status": str,
            "billing_mode": str,
            "stream_enabled": bool,
            "stream_view_type": str,
            "stream_arn": str,
            "encryption": str,
            "kms_key_arn": str,
            "deletion_protection": bool,
            "table_class": str,
            "replica_regions": list,
            "item_count": int,
            "size_bytes": int,
            "policy": dict,
            "stream_policy": dict,
        },
    ),
)
