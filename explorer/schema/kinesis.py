"""The snapshot tables the kinesis crawl module fills (Kinesis Data Streams: streams (a Lambda
trigger source), encryption, retention, policies). Declarations only: reading a snapshot imports
these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "kinesis_streams",
        "arn",
        {
            "name": str,
            "region": str,
            "status": str,
            "stream_mode": str,
            "retention_hours": int,
            "encryption_type": str,
            "kms_key_id": str,
            "consumer_count": int,
            "open_shard_count": int,
            "created": str,
            "policy": dict,
        },
    ),
)
