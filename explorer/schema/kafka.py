"""The snapshot tables the kafka crawl module fills (Amazon MSK clusters: the sources of
Kafka event source mappings). Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "kafka_clusters",
        "arn",
        {
            "name": str,
            "region": str,
            "type": str,
            "state": str,
            "kafka_version": str,
            "client_authentication": list,
            "public_access": bool,
            "public_access_type": str,
            "policy": dict,
            "policy_read": bool,
        },
        later_table=True,
    ),
)
