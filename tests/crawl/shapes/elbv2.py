"""Application Load Balancer answers as AWS sends them: unique ARNs, and application balancers
with Lambda target groups, so every call of the elbv2 crawl is reached."""

from __future__ import annotations

from tests.crawl.shapes.model import Call, Landing, rows
from tests.crawl.shapes.realism import arn


def _elb(call: Call, kind: str) -> str:
    return arn("elasticloadbalancing", f"{kind}/{call.name()}/{call.world.next():016x}")


def balancers(call: Call) -> None:
    for item in call.items("LoadBalancers"):
        item["LoadBalancerArn"] = _elb(call, "loadbalancer/app")
        item["Type"] = "application"


def target_groups(call: Call) -> None:
    for item in call.items("TargetGroups"):
        item["TargetGroupArn"] = _elb(call, "targetgroup")
        item["TargetType"] = "lambda"


def listeners(call: Call) -> None:
    for item in call.items("Listeners"):
        item["ListenerArn"] = _elb(call, "listener/app")


def rules_(call: Call) -> None:
    for item in call.items("Rules"):
        item["RuleArn"] = _elb(call, "listener-rule/app")


balancer_lands = rows("elb_load_balancers", "LoadBalancers", arn="LoadBalancerArn")


def group_lands(call: Call) -> list[Landing]:
    return [
        Landing("elb_target_groups", {"arn": g["TargetGroupArn"]})
        for g in call.items("TargetGroups")
    ]
