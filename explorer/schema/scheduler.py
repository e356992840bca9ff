"""The snapshot tables the scheduler crawl module fills (EventBridge Scheduler: schedules, their
target, the role they invoke it as, their dead-letter queue and retry policy). Declarations only.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "scheduler_schedules",
        "arn",
        {
            "name": str,
            "region": str,
            "group_name": str,
            "state": str,
            "details_read": bool,
            "schedule_expression": str,
            "timezone": str,
            "target_arn": str,
            "universal_target": str,
            "function_arns": list,
            "role_arn": str,
            "dlq_arn": str,
            "invocation_type": str,
            "retry_policy": dict,
            "redacted_values": list,
        },
        later_table=True,
    ),
)
