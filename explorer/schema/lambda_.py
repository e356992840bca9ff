"""The snapshot tables the lambda_ crawl module fills (Lambda: functions, policies, function URLs,
event source mappings, destinations, aliases). Declarations only: reading a snapshot imports
these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "functions",
        "arn",
        {
            "name": str,
            "region": str,
            "runtime": str,
            "role_arn": str,
            "handler": str,
            "description": str,
            "timeout": int,
            "memory": int,
            "tracing_mode": str,
            "layers": list,
            "vpc_id": str,
            "dead_letter_target": str,
            "kms_key_arn": str,
            "env_keys": list,
            "environment": dict,
            "package_type": str,
            "architectures": list,
            "last_modified": str,
            "log_group": str,
            "reserved_concurrency": int,
        },
        later=frozenset({"reserved_concurrency"}),
    ),
    Table(
        "function_policies",
        ("function_arn", "qualifier"),
        {"function_arn": str, "qualifier": str, "policy": dict, "revision_id": str},
    ),
    Table(
        "function_urls",
        "arn",
        {
            "function_arn": str,
            "qualifier": str,
            "url": str,
            "auth_type": str,
            "cors": dict,
            "invoke_mode": str,
        },
    ),
    Table(
        "event_source_mappings",
        "uuid",
        {
            "function_arn": str,
            "event_source_arn": str,
            "region": str,
            "state": str,
            "batch_size": int,
            "starting_position": str,
            "on_failure_arn": str,
            "filter_criteria": dict,
            "topics": list,
            "queues": list,
            "self_managed_endpoints": list,
            "source_access_types": list,
        },
        later=frozenset({"topics", "queues", "self_managed_endpoints", "source_access_types"}),
    ),
    Table(
        "function_event_invoke_configs",
        "arn",
        {
            "function_arn": str,
            "qualifier": str,
            "on_success_arn": str,
            "on_failure_arn": str,
            "maximum_retry_attempts": int,
            "maximum_event_age": int,
        },
    ),
    Table(
        "function_aliases",
        "arn",
        {"function_arn": str, "name": str, "version": str, "routing": dict},
    ),
)
