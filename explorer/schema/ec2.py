"""The snapshot tables the ec2 crawl module fills (EC2: instances and the instance profile each
runs with (who can become whom)). Declarations only: reading a snapshot imports these, never the
crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "ec2_instances",
        "arn",
        {"instance_id": str, "region": str, "state": str, "instance_profile_arn": str},
        later_table=True,
    ),
)
