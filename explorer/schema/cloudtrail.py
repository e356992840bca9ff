"""The snapshot tables the cloudtrail crawl module fills (CloudTrail: the trails that log each
region's events, with their event selectors and status). Declarations only: reading a snapshot
imports these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "trails",
        ("arn", "region"),
        {
            "region": str,
            "name": str,
            "home_region": str,
            "is_multi_region": bool,
            "is_organization_trail": bool,
            "s3_bucket_name": str,
            "log_group_arn": str,
            "kms_key_id": str,
            "log_file_validation": bool,
            "is_logging": bool,
            "event_selectors": list,
            "advanced_event_selectors": list,
        },
        later_table=True,
    ),
)
