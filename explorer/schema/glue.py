"""The snapshot tables the glue crawl module fills (Glue: development endpoints and the role each
runs as (who can become whom)). Declarations only: reading a snapshot imports these, never the
crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "glue_dev_endpoints",
        "arn",
        {"name": str, "region": str, "role_arn": str, "status": str, "redacted_values": list},
        later_table=True,
    ),
)
