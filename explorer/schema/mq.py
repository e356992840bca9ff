"""The snapshot tables the mq crawl module fills (Amazon MQ brokers: the sources of MQ event
source mappings). Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "mq_brokers",
        "arn",
        {
            "name": str,
            "id": str,
            "region": str,
            "engine_type": str,
            "engine_version": str,
            "deployment_mode": str,
            "state": str,
            "publicly_accessible": bool,
            "authentication_strategy": str,
            "described": bool,
        },
        later_table=True,
    ),
)
