"""Application Load Balancers: a listener rule that forwards to a Lambda target group starts the
group's function synchronously, with the request as its event.

The rule is the entry point (its node, in the app's entries): an internet-facing balancer lets
the internet send to it, anonymously unless the rule authenticates first (`authenticate-oidc`,
`authenticate-cognito`; one set to let unauthenticated requests through counts as none, and a
Cognito pool anyone may join is anyone). An internal balancer is reachable only from its VPC:
no exposure. Security groups are not read, so an internet-facing balancer counts as open to all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from explorer.analysis import kinds
from explorer.analysis import trigger_kinds as tk
from explorer.analysis.cognito import UserPools, guard_of
from explorer.analysis.shapes import strings
from explorer.analysis.sources import ENTRIES, NodeKind, Source, expose_entry

if TYPE_CHECKING:
    from explorer.analysis.estate import EstateRows
    from explorer.analysis.graph import EstateGraph

RULE = "lb_rule"
"""Node kind: an Application Load Balancer listener rule that forwards to functions."""
TARGET_GROUP = tk.TriggerKind("alb-target-group", "load balancer target group", tk.SYNC)
INTERNET_FACING = "internet-facing"


def triggers(graph: EstateGraph, estate: EstateRows) -> None:
    """Rule -> each function of each Lambda target group it forwards to."""
    functions = {
        r["arn"]: strings(r.get("function_arns")) for r in estate.rows("elb_target_groups")
    }
    for row in estate.rows("elb_listener_rules"):
        for group in strings(row.get("target_group_arns")):
            for function in functions.get(group, []):
                graph.edge(
                    row["arn"],
                    function,
                    kinds.TRIGGERS,
                    **TARGET_GROUP.evidence(target_group=group),
                )


def exposure(graph: EstateGraph, estate: EstateRows) -> None:
    """The internet may send to each rule of an internet-facing balancer."""
    users = UserPools(estate)
    for row in estate.rows("elb_listener_rules"):
        if row.get("scheme") != INTERNET_FACING:
            continue
        more: dict[str, object] = {"scheme": INTERNET_FACING, "security_groups": "not read"}
        if row.get("unauthenticated_allowed"):
            more["note"] = "its authenticate action lets unauthenticated requests through"
        if row.get("authorization_type") == "COGNITO" and row.get("auth_provider"):
            guard = guard_of(users, [str(row["auth_provider"])])
            if guard.open:
                graph.edge(
                    kinds.INTERNET, row["arn"], kinds.EXPOSES, trust=kinds.ANONYMOUS,
                    via="load balancer", authorization="COGNITO", **more, **guard.evidence(),
                )  # fmt: skip
                continue
            more |= guard.evidence()
        expose_entry(graph, row["arn"], row, "load balancer", **more)


SOURCE = Source(
    title="Application Load Balancer listener rules with Lambda target groups",
    crawl="elbv2",
    kinds=(TARGET_GROUP,),
    nodes=(
        NodeKind(
            RULE,
            "elb_listener_rules",
            "name",
            "load balancer rule",
            ENTRIES,
            ("elasticloadbalancing", "listener-rule"),
        ),
    ),
    columns={
        "elb_listener_rules": (
            "scheme",
            "authorization_type",
            "auth_provider",
            "unauthenticated_allowed",
            "target_group_arns",
        ),
        "elb_target_groups": ("arn", "function_arns"),
    },
    triggers=triggers,
    exposure=exposure,
)
