"""The snapshot tables the cloudformation crawl module fills (CloudFormation: stacks and the
service role each one deploys with (who can become whom)). Declarations only: reading a snapshot
imports these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "cloudformation_stacks",
        "arn",
        {"name": str, "region": str, "role_arn": str, "status": str, "redacted_values": list},
        later_table=True,
    ),
)
