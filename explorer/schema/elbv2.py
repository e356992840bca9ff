"""The snapshot tables the elbv2 crawl module fills (Application Load Balancers: listener rules
that forward to target groups of Lambda functions). Declarations only."""

from __future__ import annotations

from explorer.schema.records import Table

TABLES = (
    Table(
        "elb_load_balancers",
        "arn",
        {
            "name": str,
            "region": str,
            "scheme": str,
            "type": str,
            "dns_name": str,
            "vpc_id": str,
            "security_groups": list,
            "state": str,
        },
        later_table=True,
    ),
    Table(
        "elb_listener_rules",
        "arn",
        {
            "name": str,
            "region": str,
            "load_balancer_arn": str,
            "load_balancer_name": str,
            "scheme": str,
            "listener_arn": str,
            "protocol": str,
            "port": int,
            "priority": str,
            "is_default": bool,
            "conditions": list,
            "authorization_type": str,
            "auth_provider": str,
            "unauthenticated_allowed": bool,
            "target_group_arns": list,
            "security_groups": list,
        },
        later_table=True,
    ),
    Table(
        "elb_target_groups",
        "arn",
        {
            "name": str,
            "region": str,
            "target_type": str,
            "load_balancer_arns": list,
            "targets_read": bool,
            "function_arns": list,
        },
        later_table=True,
    ),
)
