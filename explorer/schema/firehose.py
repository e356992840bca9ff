"""The snapshot tables the firehose crawl module fills (Kinesis Data Firehose delivery streams:
their source, destinations and Lambda transformation functions). Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "firehose_delivery_streams",
        "arn",
        {
            "name": str,
            "region": str,
            "described": bool,
            "status": str,
            "stream_type": str,
            "source_arn": str,
            "source_topic": str,
            "role_arns": list,
            "destinations": list,
            "destination_arns": list,
            "destinations_complete": bool,
            "processing_enabled": bool,
            "function_arns": list,
            "kms_key_arn": str,
            "redacted_values": list,
        },
        later_table=True,
    ),
)
