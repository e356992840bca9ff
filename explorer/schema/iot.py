"""The snapshot tables the iot crawl module fills (AWS IoT topic rules: the topics they read,
their SQL, and the functions and other resources their actions and error action send to).
Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "iot_topic_rules",
        "arn",
        {
            "name": str,
            "region": str,
            "topic_pattern": str,
            "disabled": bool,
            "rule_read": bool,
            "sql": str,
            "sql_version": str,
            "authorization_type": str,
            "function_arns": list,
            "targets": list,
            "role_arns": list,
            "redacted_values": list,
        },
        later_table=True,
    ),
)
