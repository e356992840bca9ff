"""The snapshot tables the sns crawl module fills (SNS: topics (policy, encryption, delivery
policy) and their subscriptions). Declarations only: reading a snapshot imports these, never the
crawler or botocore.
"""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "sns_topics",
        "arn",
        {
            "name": str,
            "region": str,
            "owner": str,
            "display_name": str,
            "policy": dict,
            "kms_key_id": str,
            "delivery_policy": dict,
            "fifo": bool,
            "tracing_mode": str,
            "subscriptions_confirmed": int,
            "subscriptions_pending": int,
        },
    ),
    Table(
        "sns_subscriptions",
        ("topic_arn", "protocol", "endpoint"),  # pending subscriptions have no ARN yet
        {
            "arn": str,
            "topic_arn": str,
            "protocol": str,
            "endpoint": str,
            "owner": str,
            "region": str,
            "status": str,
            "filter_policy": dict,
            "filter_policy_scope": str,
            "raw_message_delivery": bool,
            "dlq_arn": str,
            "subscription_role_arn": str,
        },
    ),
)
