"""The snapshot tables the cloudfront crawl module fills (CloudFront distributions: their origins,
their Lambda@Edge associations, and the origin access controls that sign requests to origins).
Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "cloudfront_distributions",
        "arn",
        {
            "id": str,
            "name": str,
            "domain_name": str,
            "aliases": list,
            "enabled": bool,
            "status": str,
            "staging": bool,
            "web_acl_id": str,
            "origins": list,
            "behaviors": list,
            "edge_functions": list,
            "cloudfront_functions": list,
            "redacted_values": list,
        },
        later_table=True,
    ),
    Table(
        "cloudfront_origin_access_controls",
        "arn",
        {
            "id": str,
            "name": str,
            "signing_behavior": str,
            "signing_protocol": str,
            "origin_type": str,
        },
        later_table=True,
    ),
)
