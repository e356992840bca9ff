"""The snapshot tables the ses crawl module fills (SES receipt rules of the active rule set:
mail from anyone, handed to functions, buckets and topics). Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "ses_receipt_rules",
        "arn",
        {
            "name": str,
            "region": str,
            "rule_set": str,
            "position": int,
            "enabled": bool,
            "recipients": list,
            "scan_enabled": bool,
            "tls_policy": str,
            "authorization_type": str,
            "actions": list,
            "function_actions": list,
            "bucket_arns": list,
            "topic_arns": list,
        },
        later_table=True,
    ),
)
