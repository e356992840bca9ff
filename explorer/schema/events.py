"""The snapshot tables the events crawl module fills (EventBridge: event buses with their resource
policies, rules per bus, and targets per rule). Declarations only: reading a snapshot imports
these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "event_buses",
        "arn",
        {
            "name": str,
            "region": str,
            "policy": dict,
            "description": str,
            "kms_key_id": str,
            "dlq_arn": str,
        },
    ),
    Table(
        "event_rules",
        "arn",
        {
            "name": str,
            "region": str,
            "bus_name": str,
            "bus_arn": str,
            "event_pattern": dict,
            "schedule_expression": str,
            "state": str,
            "role_arn": str,
            "description": str,
            "managed_by": str,
        },
    ),
    Table(
        "event_targets",
        ("rule_arn", "target_id"),
        {
            "rule_arn": str,
            "target_id": str,
            "target_arn": str,
            "role_arn": str,
            "dlq_arn": str,
            "bus_arn": str,
            "region": str,
            "redacted_values": list,
        },
        later=frozenset({"redacted_values"}),
    ),
)
