"""The snapshot tables the s3_object_lambda crawl module fills (S3 Object Lambda access points:
the function that transforms what they serve, the access point and bucket behind them, their
policy). Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "s3_object_lambda_access_points",
        "arn",
        {
            "name": str,
            "region": str,
            "alias": str,
            "authorization_type": str,
            "supporting_access_point": str,
            "supporting_bucket_arn": str,
            "configuration_read": bool,
            "transformations": list,
            "function_arns": list,
            "allowed_features": list,
            "policy": dict,
            "policy_read": bool,
            "redacted_values": list,
        },
        later_table=True,
    ),
)
