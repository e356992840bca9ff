"""The snapshot tables the tags crawl module fills (Tags of every resource in a region, in one bulk
paginated call (Resource Groups Tagging API)). Declarations only: reading a snapshot imports
these, never the crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (Table("resource_tags", "arn", {"region": str, "tags": dict}),)
