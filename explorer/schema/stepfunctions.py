"""The snapshot tables the stepfunctions crawl module fills (Step Functions: state machines, their
definitions, and the Lambda functions and writes they make). Declarations only: reading a
snapshot imports these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "state_machines",
        "arn",
        {
            "name": str,
            "region": str,
            "type": str,
            "status": str,
            "role_arn": str,
            "definition": dict,
            "logging_level": str,
            "include_execution_data": bool,
            "log_group_arns": list,
            "tracing_enabled": bool,
            "encryption_type": str,
            "lambda_tasks": list,
            "service_tasks": list,
            "created": str,
            "redacted_values": list,
        },
        later=frozenset({"redacted_values"}),
    ),
)
