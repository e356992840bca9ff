"""The snapshot tables the sqs crawl module fills (SQS: queues with their policy, redrive (dead-
letter) settings, encryption and timeouts). Declarations only: reading a snapshot imports these,
never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "sqs_queues",
        "arn",
        {
            "url": str,
            "name": str,
            "region": str,
            "policy": dict,
            "redrive_policy": dict,
            "dlq_arn": str,
            "max_receive_count": int,
            "redrive_allow_policy": dict,
            "kms_key_id": str,
            "sqs_managed_sse": bool,
            "fifo": bool,
            "visibility_timeout": int,
            "message_retention_seconds": int,
            "delay_seconds": int,
        },
    ),
)
